package cli

import (
	"context"
	"errors"
)

func restoreCmd(ctx context.Context, args []string, env Env) error {
	return errors.New("hoptac restore: chưa có")
}
