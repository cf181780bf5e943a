package target

import "github.com/hoptac/hoptac/internal/apperr"

func apperrFields(err error) map[string]string { return apperr.As(err).Fields }
