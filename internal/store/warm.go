package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// WarmConns is how many pooled connections Warm opens on PostgreSQL: the
// requests one server answers at once on a province's two to four cores.
const WarmConns = 4

// Warm opens n pooled connections and has each plan a read of every
// table of the schema, so that the pages a server answers after it
// starts run on connections that have already paid what a new PostgreSQL
// connection costs on its first queries: a new backend process loading
// the catalog's entries of each table and index it touches (measured
// 18.6–45 ms for a connection's first query against 0.6–4.8 ms on a used
// one, see docs/performance.md). Store.Open keeps them: idle connections
// are not closed for being idle. On SQLite a connection is a file handle
// and Warm does nothing.
func (db *DB) Warm(ctx context.Context, n int) error {
	if db.d.name != "postgres" || n <= 0 {
		return nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT tablename FROM pg_tables
		WHERE schemaname = current_schema() ORDER BY tablename`)
	tables, err := scanAll(rows, err, scanString)
	if err != nil {
		return fmt.Errorf("store: warm: tables: %w", err)
	}
	// EXPLAIN plans without running: the planner opens each table and
	// every index on it, which is what loads their catalog entries.
	parts := make([]string, len(tables))
	for i, t := range tables {
		parts[i] = `SELECT 1 FROM ` + quoteIdent(t)
	}
	warm := `EXPLAIN ` + strings.Join(parts, ` UNION ALL `) //nolint:gosec // table names read from pg_tables, quoted
	// Every connection is held until all are open, so the pool gives n
	// distinct ones rather than the same one n times.
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range n {
		c, err := db.sql.Conn(ctx)
		if err != nil {
			return fmt.Errorf("store: warm: connect: %w", err)
		}
		conns = append(conns, c)
		if len(tables) == 0 {
			continue
		}
		if err := drain(ctx, c, warm); err != nil {
			return fmt.Errorf("store: warm: %w", err)
		}
	}
	return nil
}

// drain runs q on c and reads its rows to the end.
func drain(ctx context.Context, c *sql.Conn, q string) error {
	rows, err := c.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
