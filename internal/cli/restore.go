package cli

import (
	"context"

	"github.com/hoptac/hoptac/internal/backup"
)

// restoreCmd replaces the database with a backup, after checking the backup;
// it refuses a database that holds data unless --force, and one that a
// running server has open.
func restoreCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("restore", env)
	dsn := dbFlag(fs, env)
	force := fs.Bool("force", false, "replace a database that already holds data")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return cliErr("cli.restore.usage")
	}
	rep, err := backup.Restore(ctx, *dsn, files[0], backup.Options{Force: *force})
	if err != nil {
		return err
	}
	env.say(env.Stdout, "cli.restore.done", backendName(rep.Dialect, *dsn), rep.File)
	printReport(env, env.Stdout, rep)
	env.say(env.Stdout, "cli.restore.restart")
	return nil
}
