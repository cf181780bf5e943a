// Package cli implements hoptac's subcommands. main only calls Run.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// Version is set at build time with -ldflags "-X …/cli.Version=…".
var Version = "dev"

// Env is the outside world a command sees; tests supply their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// DefaultDB is the SQLite file used when neither --db nor HOPTAC_DB is set.
const DefaultDB = "hoptac.db"

// Run runs one command and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, env.text("cli.usage"))
		return 2
	}
	// The plan importer writes its warnings in the language of the context.
	ctx = i18n.WithLang(ctx, env.lang())
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		err = serve(ctx, rest, env)
	case "migrate":
		err = migrate(ctx, rest, env)
	case "user":
		err = userCmd(ctx, rest, env)
	case "token":
		err = tokenCmd(ctx, rest, env)
	case "import":
		err = importCmd(ctx, rest, env)
	case "export":
		err = exportCmd(ctx, rest, env)
	case "report":
		err = reportCmd(ctx, rest, env)
	case "indicators":
		err = indicatorsCmd(ctx, rest, env)
	case "gen":
		err = genCmd(ctx, rest, env)
	case "load":
		err = loadCmd(ctx, rest, env)
	case "backup":
		err = backupCmd(ctx, rest, env)
	case "restore":
		err = restoreCmd(ctx, rest, env)
	case "version", "--version":
		fmt.Fprintln(env.Stdout, "hoptac", Version)
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, env.text("cli.usage"))
	default:
		fmt.Fprintf(env.Stderr, "hoptac: %s\n\n%s", env.text("cli.unknown_command", cmd), env.text("cli.usage"))
		return 2
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(env.Stderr, "hoptac:", describe(err, env.lang()))
		return 1
	}
	return 0
}

// describe turns an error into a line in lang naming the fields at fault:
// a domain error by its key, an error that can say itself in lang (the
// command's own, the importer's, the backup's) so, any other as it is.
func describe(err error, lang string) string {
	var e *apperr.Error
	if !errors.As(err, &e) {
		return i18n.Describe(err, lang)
	}
	b := i18n.Default()
	msg := b.T(lang, e.Key)
	for f, k := range e.Fields {
		msg += fmt.Sprintf("\n  --%s: %s", strings.ReplaceAll(f, "_", "-"), b.T(lang, k))
	}
	return msg
}

// flags makes a flag set that reports errors instead of exiting.
func flags(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parseInterleaved parses flags that may come before or after the file
// names (flag stops at the first name) and returns the names.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return names, nil
		}
		names = append(names, args[0])
		args = args[1:]
	}
}

// dbFlag adds --db, defaulting to HOPTAC_DB, then hoptac.db.
func dbFlag(fs *flag.FlagSet, env Env) *string {
	def := env.Getenv("HOPTAC_DB")
	if def == "" {
		def = DefaultDB
	}
	return fs.String("db", def, "SQLite file or postgres:// URL (HOPTAC_DB)")
}

// openDB opens and migrates the database, so every command works on a
// fresh file.
func openDB(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// withDB parses a command's flags, then runs fn with the database that
// dsn names open and migrated, and closes it.
func withDB(ctx context.Context, fs *flag.FlagSet, args []string, dsn *string, fn func(*store.DB) error) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

func migrate(ctx context.Context, args []string, env Env) error {
	fs := flags("migrate", env)
	return withDB(ctx, fs, args, dbFlag(fs, env), func(*store.DB) error {
		env.say(env.Stdout, "cli.migrated")
		return nil
	})
}

func logger(env Env) *slog.Logger {
	level := slog.LevelInfo
	if env.Getenv("HOPTAC_LOG_LEVEL") == "debug" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
}

// OSEnv is the real environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}
