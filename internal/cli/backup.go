package cli

import (
	"context"
	"errors"
)

func backupCmd(ctx context.Context, args []string, env Env) error {
	return errors.New("hoptac backup: chưa có")
}
