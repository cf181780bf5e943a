package backup

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestSQLitePath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"hoptac.db":               "hoptac.db",
		"file:/srv/h.db?mode=rwc": "/srv/h.db",
		"sqlite:///srv/h.db":      "/srv/h.db",
		"/data/x y.db":            "/data/x y.db",
	} {
		if got := SQLitePath(in); got != want {
			t.Errorf("SQLitePath(%q) = %q, want %q", in, got, want)
		}
	}
	if got := sqliteURI("/a/b?c#d%e.db", "x=1"); got != "file:/a/b%3Fc%23d%25e.db?x=1" {
		t.Errorf("sqliteURI = %q", got)
	}
}

// A copy whose rows point at parents it lacks is refused as inconsistent,
// naming the table, the row and the missing parent, before anything looks
// for hoptac's tables.
func TestVerifySQLiteReportsBrokenForeignKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orphans.db")
	db, err := sql.Open("sqlite", sqliteURI(path, "_pragma=foreign_keys(0)"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE plans (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE tasks (id INTEGER PRIMARY KEY, plan_id INTEGER REFERENCES plans(id))`,
		`INSERT INTO plans (id) VALUES (1)`,
		`INSERT INTO tasks (id, plan_id) VALUES (7, 1), (8, 2), (9, 3)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	_, err = verifySQLite(ctx, path, "orphans.db")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(e.Kind, ErrIntegrity) || e.Msg.Key != "backup.error.foreign_keys" {
		t.Fatalf("err = %v, want the foreign-key refusal", err)
	}
	if msg := e.In("en"); !strings.Contains(msg, "2 rows") || !strings.Contains(msg, "tasks #8 → plans") {
		t.Errorf("message %q does not name the broken rows", msg)
	}
}
