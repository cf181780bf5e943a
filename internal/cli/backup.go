package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/hoptac/hoptac/internal/backup"
)

// backupCmd writes a consistent copy of the database to a file while the
// server keeps running: VACUUM INTO on SQLite, pg_dump on PostgreSQL. The
// copy is checked before it gets its name.
func backupCmd(ctx context.Context, args []string, env Env) error {
	return onBackupFile(ctx, args, env, backupFileCmd{name: "backup", force: "overwrite FILE if it exists",
		usage: "cli.backup.usage", done: "cli.backup.done", run: backup.Backup})
}

// backupFileCmd is backup or restore: a command on the database and one
// backup FILE, which may need --force and ends with a report.
type backupFileCmd struct {
	name  string
	force string // what --force allows
	usage string // message keys
	done  string
	run   func(ctx context.Context, dsn, file string, opt backup.Options) (backup.Report, error)
}

// onBackupFile runs c on the FILE in args and prints what it did.
func onBackupFile(ctx context.Context, args []string, env Env, c backupFileCmd) error {
	fs := flags(c.name, env)
	dsn := dbFlag(fs, env)
	force := fs.Bool("force", false, c.force)
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return cliErr(c.usage)
	}
	rep, err := c.run(ctx, *dsn, files[0], backup.Options{Force: *force})
	if err != nil {
		return err
	}
	env.say(env.Stdout, c.done, backendName(rep.Dialect, *dsn), rep.File)
	printReport(env, env.Stdout, rep)
	return nil
}

// backendName names the database without printing a password.
func backendName(dialect, dsn string) string {
	if dialect == "postgres" {
		return "PostgreSQL"
	}
	p, err := filepath.Abs(backup.SQLitePath(dsn))
	if err != nil {
		p = dsn
	}
	return "SQLite " + p
}

func printReport(env Env, w io.Writer, rep backup.Report) {
	check := env.text("cli.backup.check_sqlite")
	if rep.Dialect == "postgres" {
		check = env.text("cli.backup.check_postgres")
	}
	secs := env.decimal("%.2f", rep.Duration.Seconds())
	env.say(w, "cli.backup.size", humanSize(env, rep.Size), rep.Size, secs)
	env.say(w, "cli.backup.checked", check)
	env.say(w, "cli.backup.rows")
	width := 0
	for _, t := range rep.Tables {
		width = max(width, len(t.Name))
	}
	for _, t := range rep.Tables {
		fmt.Fprintf(w, "    %-*s %10d\n", width, t.Name, t.Rows)
	}
}

func humanSize(env Env, n int64) string {
	switch {
	case n >= 1<<30:
		return env.decimal("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return env.decimal("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return env.decimal("%.1f KB", float64(n)/(1<<10))
	}
	return env.text("cli.backup.bytes", n)
}
