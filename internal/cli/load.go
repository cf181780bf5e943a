package cli

import (
	"context"
	"errors"
)

func loadCmd(ctx context.Context, args []string, env Env) error {
	return errors.New("hoptac load: chưa có")
}
