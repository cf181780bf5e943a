package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TableSum is one table's row count and a checksum of its contents.
type TableSum struct {
	Name string
	Rows int64
	// Sum does not depend on row order, so two copies of a table hold the
	// same rows exactly when their sums match, whatever order the database
	// returns them in.
	Sum string
}

// Queryer is what Sums reads through: a *sql.DB, *sql.Conn or *sql.Tx (a
// transaction pins one snapshot, so the sums of all tables agree).
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Sums counts and checksums every table of a hoptac database, in name order.
// dialect is "sqlite" or "postgres". On PostgreSQL it reads the tables of
// the current schema.
func Sums(ctx context.Context, q Queryer, dialect string) ([]TableSum, error) {
	names, err := tableNames(ctx, q, dialect)
	if err != nil {
		return nil, err
	}
	out := make([]TableSum, 0, len(names))
	for _, name := range names {
		s, err := tableSum(ctx, q, name)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func tableNames(ctx context.Context, q Queryer, dialect string) ([]string, error) {
	var query string
	switch dialect {
	case "sqlite":
		query = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	case "postgres":
		query = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	default:
		return nil, fmt.Errorf("backup: unknown dialect %q", dialect)
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("backup: list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("backup: list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("backup: list tables: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

// quoteIdent quotes a name read from the catalog for use as an identifier.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// tableSum hashes each row (every column, with its length, so no two
// different rows hash alike) and adds the hashes up lane by lane: addition
// does not care about order and, unlike XOR, counts a duplicate row twice.
func tableSum(ctx context.Context, q Queryer, name string) (TableSum, error) {
	s := TableSum{Name: name}
	rows, err := q.QueryContext(ctx, "SELECT * FROM "+quoteIdent(name))
	if err != nil {
		return s, fmt.Errorf("backup: read %s: %w", name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return s, fmt.Errorf("backup: read %s: %w", name, err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var lanes [4]uint64
	var buf []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return s, fmt.Errorf("backup: read %s: %w", name, err)
		}
		buf = buf[:0]
		for _, v := range vals {
			buf = appendValue(buf, v)
		}
		h := sha256.Sum256(buf)
		for i := range lanes {
			lanes[i] += binary.BigEndian.Uint64(h[i*8:])
		}
		s.Rows++
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("backup: read %s: %w", name, err)
	}
	var sum [32]byte
	for i, l := range lanes {
		binary.BigEndian.PutUint64(sum[i*8:], l)
	}
	s.Sum = hex.EncodeToString(sum[:])
	return s, nil
}

// appendValue writes one column value as a type tag, a length and bytes.
// Text and binary share a tag: the drivers disagree on which they return
// for the same column, and the bytes are what matter.
func appendValue(b []byte, v any) []byte {
	var tag byte
	var body []byte
	switch x := v.(type) {
	case nil:
		tag = 'N'
	case int64:
		tag, body = 'i', strconv.AppendInt(nil, x, 10)
	case int32:
		tag, body = 'i', strconv.AppendInt(nil, int64(x), 10)
	case float64:
		tag, body = 'f', strconv.AppendFloat(nil, x, 'g', -1, 64)
	case bool:
		tag, body = 'i', []byte("0")
		if x {
			body = []byte("1")
		}
	case string:
		tag, body = 's', []byte(x)
	case []byte:
		tag, body = 's', x
	case time.Time:
		tag, body = 't', []byte(x.UTC().Format(time.RFC3339Nano))
	default:
		tag, body = '?', fmt.Appendf(nil, "%v", x)
	}
	b = append(b, tag)
	b = binary.AppendUvarint(b, uint64(len(body)))
	return append(b, body...)
}

// Diff describes how two sets of table sums differ, one line per table, or
// returns "" when they match.
func Diff(want, got []TableSum) string {
	w := map[string]TableSum{}
	for _, s := range want {
		w[s.Name] = s
	}
	g := map[string]TableSum{}
	for _, s := range got {
		g[s.Name] = s
	}
	var lines []string
	for _, s := range want {
		o, ok := g[s.Name]
		switch {
		case !ok:
			lines = append(lines, fmt.Sprintf("%s: missing (want %d rows)", s.Name, s.Rows))
		case o.Rows != s.Rows:
			lines = append(lines, fmt.Sprintf("%s: %d rows, want %d", s.Name, o.Rows, s.Rows))
		case o.Sum != s.Sum:
			lines = append(lines, fmt.Sprintf("%s: %d rows as wanted, but their contents differ", s.Name, s.Rows))
		}
	}
	for _, s := range got {
		if _, ok := w[s.Name]; !ok {
			lines = append(lines, fmt.Sprintf("%s: unexpected table (%d rows)", s.Name, s.Rows))
		}
	}
	return strings.Join(lines, "\n")
}
