// Package storetest opens a fresh, migrated database for a test, on the
// backend the run asks for: SQLite by default, PostgreSQL when
// HOPTAC_TEST_BACKEND=postgres. .ci/run runs the store and HTTP tests once
// on each, so every query is proven on both.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
)

// Backend is the backend this test run uses: "sqlite" (HOPTAC_TEST_BACKEND
// empty or "sqlite") or "postgres". Any other value is returned as it is,
// so that it never passes for SQLite; Open, OpenAt and DSN fail the test
// on it (see checkBackend).
func Backend() string {
	b, _ := backendOf(os.Getenv("HOPTAC_TEST_BACKEND"))
	return b
}

// backendOf reads a HOPTAC_TEST_BACKEND value. A typo ("postgress",
// "Postgres") must not quietly run the PostgreSQL step of CI on SQLite
// and report it green, so an unknown value is an error, not a default.
func backendOf(v string) (string, error) {
	switch v {
	case "", "sqlite":
		return "sqlite", nil
	case "postgres":
		return "postgres", nil
	}
	return v, fmt.Errorf("HOPTAC_TEST_BACKEND=%q is not a test backend: leave it empty or set sqlite for SQLite, postgres for PostgreSQL", v)
}

// checkBackend fails the test when HOPTAC_TEST_BACKEND names no backend.
func checkBackend(t testing.TB) string {
	t.Helper()
	b, err := backendOf(os.Getenv("HOPTAC_TEST_BACKEND"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var dbSeq atomic.Int64

// Open returns a migrated, empty database that lives as long as the test.
// On PostgreSQL each test gets a database of its own, so packages that run
// in parallel never see each other's rows.
func Open(t testing.TB) *store.DB {
	t.Helper()
	return OpenAt(t, DSN(t))
}

// OpenAt opens and migrates the database at dsn for the rest of the test:
// a second handle on a database, as a second server has.
func OpenAt(t testing.TB, dsn string) *store.DB {
	t.Helper()
	checkBackend(t)
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", Backend(), err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// DSN returns where a fresh, empty database lives for this test, on the
// run's backend, without opening it: for tests that run the hoptac binary
// or pg_dump against it. It is removed when the test ends.
func DSN(t testing.TB) string {
	t.Helper()
	if checkBackend(t) == "postgres" {
		return createDatabase(t)
	}
	return filepath.Join(t.TempDir(), fmt.Sprintf("test%d.db", dbSeq.Add(1)))
}

// PostgresURL returns HOPTAC_TEST_POSTGRES_URL. Without it a test that needs
// PostgreSQL fails under CI and is skipped elsewhere, saying why.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("HOPTAC_TEST_POSTGRES_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("HOPTAC_TEST_POSTGRES_URL is not set; .ci/run starts PostgreSQL and sets it")
		}
		t.Skip("PostgreSQL not configured: set HOPTAC_TEST_POSTGRES_URL (see .ci/run)")
	}
	return u
}

// createDatabase makes a uniquely named database next to the one in
// HOPTAC_TEST_POSTGRES_URL and drops it when the test ends.
func createDatabase(t testing.TB) string {
	t.Helper()
	admin := PostgresURL(t)
	name := fmt.Sprintf("hoptac_t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, dbSeq.Add(1))
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The name is made here from digits, never from input.
	if _, err := conn.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer c.Close()
		if _, err := c.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")
	return u.String()
}

// SkipFirstLogin marks every account in db as having chosen its own
// password, for tests that log in with the demo's one-time passwords to
// test something other than the first login.
func SkipFirstLogin(t testing.TB, db *store.DB) {
	t.Helper()
	if _, err := db.SQL().ExecContext(context.Background(), "UPDATE users SET must_change_password = 0"); err != nil {
		t.Fatalf("skip first login: %v", err)
	}
}

// IDs runs a query that answers one integer column (written with ? for its
// parameters) and returns the column, in the order of the rows.
func IDs(t testing.TB, db *store.DB, query string, args ...any) []int64 {
	t.Helper()
	rows, err := db.SQL().Query(db.Rebind(query), args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return ids
}
