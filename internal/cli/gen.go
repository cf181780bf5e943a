package cli

import (
	"context"
	"errors"
)

func genCmd(ctx context.Context, args []string, env Env) error {
	return errors.New("hoptac gen: chưa có")
}
