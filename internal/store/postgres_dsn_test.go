package store_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestPostgresParallelQueryOff checks that hoptac's PostgreSQL connections
// start no parallel workers (postgres_dsn.go says why), every one of the
// pool's, and that a connection string that sets the parameter keeps its
// own value.
func TestPostgresParallelQueryOff(t *testing.T) {
	if storetest.Backend() != "postgres" {
		t.Skip("a PostgreSQL setting; the run's backend is " + storetest.Backend())
	}
	ctx := context.Background()
	dsn := storetest.DSN(t)
	for _, c := range []struct {
		name, dsn, want string
	}{
		{"hoptac's default", dsn, "0"},
		{"the caller's own", withParam(t, dsn, "max_parallel_workers_per_gather", "2"), "2"},
		{"the caller's own, as pg_dump reads it", withParam(t, dsn, "options", "-c max_parallel_workers_per_gather=3"), "3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := storetest.OpenAt(t, c.dsn)
			// Several connections at once, so more than the first is asked.
			conns := make([]interface{ Close() error }, 0, 4)
			for range 4 {
				conn, err := db.SQL().Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				conns = append(conns, conn)
				var got string
				if err := conn.QueryRowContext(ctx, "SHOW max_parallel_workers_per_gather").Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != c.want {
					t.Errorf("max_parallel_workers_per_gather = %s, want %s", got, c.want)
				}
			}
			for _, c := range conns {
				c.Close()
			}
		})
	}
	if _, err := store.Open(ctx, "postgres://host:notaport/db"); err == nil {
		t.Error("opened a connection string with a port that is not a number")
	}
}

// withParam is dsn with one more query parameter.
func withParam(t *testing.T, dsn, k, v string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(k, v)
	// "%20", not "+": pgx reads a plus in a query as itself.
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	return u.String()
}
