package cli

import (
	"context"

	"github.com/hoptac/hoptac/internal/backup"
)

// restoreCmd replaces the database with a backup, after checking the backup;
// it refuses a database that holds data unless --force, and one that a
// running server has open.
func restoreCmd(ctx context.Context, args []string, env Env) error {
	err := onBackupFile(ctx, args, env, backupFileCmd{name: "restore", force: "replace a database that already holds data",
		usage: "cli.restore.usage", done: "cli.restore.done", run: backup.Restore})
	if err != nil {
		return err
	}
	env.say(env.Stdout, "cli.restore.restart")
	return nil
}
