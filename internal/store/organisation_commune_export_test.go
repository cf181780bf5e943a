package store

import (
	"context"

	"github.com/hoptac/hoptac/internal/coop"
)

// FillNewCommune exposes fillNewCommune to the external tests: the rule
// migration 00033 applies in SQL is compared with it.
func (t *Tx) FillNewCommune(ctx context.Context, o *coop.Organisation) error {
	return t.fillNewCommune(ctx, o)
}
