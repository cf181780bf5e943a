package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrate brings the schema up to date. Migrations are plain SQL files named
// NNNNN_name.sql for both backends, or NNNNN_name.sqlite.sql and
// NNNNN_name.postgres.sql where the two must differ; goose records which
// versions ran.
func (db *DB) Migrate(ctx context.Context) error { return db.migrateTo(ctx, 0) }

// migrateTo migrates up to version (0: every version); tests use it to
// check that a migration carries existing rows across.
func (db *DB) migrateTo(ctx context.Context, version int64) error {
	migs, err := db.migrations()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(db.d.goose, db.sql, nil,
		goose.WithGoMigrations(migs...), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if version == 0 {
		_, err = p.Up(ctx)
	} else {
		_, err = p.UpTo(ctx, version)
	}
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

func (db *DB) migrations() ([]*goose.Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []*goose.Migration
	for _, e := range entries {
		name := e.Name()
		base := strings.TrimSuffix(name, ".sql")
		if ext := path.Ext(base); ext != "" && ext[1:] != db.d.name {
			continue // the other backend's variant
		}
		num, _, _ := strings.Cut(base, "_")
		version, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: bad version", name)
		}
		body, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		stmts := db.d.ddl.Replace(string(body))
		out = append(out, goose.NewGoMigration(version, &goose.GoFunc{
			RunTx: func(ctx context.Context, tx *sql.Tx) error {
				for _, s := range splitStatements(stmts) {
					if _, err := tx.ExecContext(ctx, s); err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
				}
				if step := codeSteps[version]; step != nil {
					if err := step(ctx, tx, db.d); err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
				}
				return nil
			},
		}, nil))
	}
	return out, nil
}

// splitStatements splits a migration at lines that end in ";", except inside
// blocks fenced by "-- begin block" / "-- end block" lines (trigger and
// function bodies hold semicolons of their own).
func splitStatements(sqlText string) []string {
	var out []string
	var cur strings.Builder
	inBlock := false
	for _, line := range strings.Split(sqlText, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "-- begin block":
			inBlock = true
			continue
		case trimmed == "-- end block":
			inBlock = false
			out = append(out, cur.String())
			cur.Reset()
			continue
		case strings.HasPrefix(trimmed, "--") && !inBlock:
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if !inBlock && strings.HasSuffix(trimmed, ";") {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, cur.String())
	}
	return out
}
