package store

import (
	"context"
	"fmt"
	"strings"
)

// On PostgreSQL the changed organisations and years of figures of a chunk
// are updated many to a statement, as the new ones are inserted: UPDATE
// … FROM (VALUES …), every value bound. A bare parameter in VALUES would
// be typed text, so the first row casts each to its column's type, read
// once from the catalogue. updRowsPerStatement × 23 parameters stay under
// PostgreSQL's 65,535.
const updRowsPerStatement = 1000

// multiUpdate is one table's batched UPDATE: the columns it sets, then
// the key columns it matches on, in the order of each row's arguments.
type multiUpdate struct {
	table      string
	set, key   []string
	types      []string // of set then key
	statements int      // run so far, for the tests
}

// columnList splits a column list as orgWrite and figWrite hold it.
func columnList(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		out = append(out, strings.TrimSpace(c))
	}
	return out
}

// newMultiUpdate reads the column types of table for set and key.
func (r *RegisterImporter) newMultiUpdate(ctx context.Context, table string, set, key []string) (*multiUpdate, error) {
	rs, err := r.t.query(ctx, `SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped`, table)
	if err != nil {
		return nil, fmt.Errorf("store: register import: column types of %s: %w", table, err)
	}
	defer rs.Close()
	types := map[string]string{}
	for rs.Next() {
		var name, typ string
		if err := rs.Scan(&name, &typ); err != nil {
			return nil, fmt.Errorf("store: register import: column types of %s: %w", table, err)
		}
		types[name] = typ
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("store: register import: column types of %s: %w", table, err)
	}
	u := &multiUpdate{table: table, set: set, key: key}
	for _, c := range append(append([]string{}, set...), key...) {
		typ, ok := types[c]
		if !ok {
			return nil, fmt.Errorf("store: register import: %s has no column %s", table, c)
		}
		u.types = append(u.types, typ)
	}
	return u, nil
}

// statement is the UPDATE of n rows.
func (u *multiUpdate) statement(n int) string {
	cols := append(append([]string{}, u.set...), u.key...)
	first := make([]string, len(cols))
	for i, typ := range u.types {
		first[i] = "?::" + typ
	}
	values := "(" + strings.Join(first, ", ") + ")"
	if n > 1 {
		values += ", " + valuesList(n-1, len(cols))
	}
	from := make([]string, len(u.set))
	for i, c := range u.set {
		from[i] = "v." + c
	}
	match := make([]string, len(u.key))
	for i, c := range u.key {
		match[i] = "t." + c + " = v." + c
	}
	return `UPDATE ` + u.table + ` AS t SET (` + strings.Join(u.set, ", ") + `) = (` + strings.Join(from, ", ") +
		`) FROM (VALUES ` + values + `) AS v (` + strings.Join(cols, ", ") + `) WHERE ` + strings.Join(match, " AND ")
}

// run updates rows (each its set values then its key), many to a
// statement, and checks that each matched one stored row.
func (u *multiUpdate) run(ctx context.Context, t *Tx, rows [][]any) error {
	for start := 0; start < len(rows); start += updRowsPerStatement {
		chunk := rows[start:min(start+updRowsPerStatement, len(rows))]
		args := make([]any, 0, len(chunk)*len(u.types))
		for _, a := range chunk {
			args = append(args, a...)
		}
		res, err := t.exec(ctx, u.statement(len(chunk)), args...)
		if err != nil {
			return fmt.Errorf("store: register import: update %s: %w", u.table, err)
		}
		u.statements++
		if n, err := res.RowsAffected(); err != nil || n != int64(len(chunk)) {
			return fmt.Errorf("store: register import: update %s: %d of %d rows: %v", u.table, n, len(chunk), err)
		}
	}
	return nil
}

// runIf is run on a batched update, nothing where there is none (SQLite).
func (u *multiUpdate) runIf(ctx context.Context, t *Tx, rows [][]any) error {
	if u == nil || len(rows) == 0 {
		return nil
	}
	return u.run(ctx, t, rows)
}
