package store

import (
	"context"
	"database/sql"
)

// querier reads through either the shared pool (*DB) or a write
// transaction (*Tx), so a read is written once and a transaction sees its
// own uncommitted writes through the same code.
type querier interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

var (
	_ querier = (*DB)(nil)
	_ querier = (*Tx)(nil)
)

// rowScanner is what a scan function reads from: *sql.Rows or *sql.Row.
// An alias, so scanAgency and scanTask fit scanAll as they are.
type rowScanner = interface{ Scan(...any) error }

// scanAll reads every row with scan and always closes rows, on success and
// on the first error, so a failed scan never holds its connection (on
// SQLite's pool of one writer, a leaked cursor would stall every later
// write). It takes the query's own error too, so a read is
//
//	rows, err := q.query(ctx, …)
//	list, err := scanAll(rows, err, scanX)
//
// rows.Err is reported as well: a result cut short by a lost connection or
// a cancelled context must not pass as a shorter list. Callers wrap the
// error with what they were reading.
func scanAll[T any](rows *sql.Rows, err error, scan func(rowScanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scanString reads a one-column row of text.
func scanString(r rowScanner) (string, error) {
	var s string
	err := r.Scan(&s)
	return s, err
}

// scanID reads a one-column row of an ID.
func scanID(r rowScanner) (int64, error) {
	var id int64
	err := r.Scan(&id)
	return id, err
}

// scanIDs reads a one-column result of IDs and closes it.
func scanIDs(rows *sql.Rows) ([]int64, error) { return scanAll(rows, nil, scanID) }
