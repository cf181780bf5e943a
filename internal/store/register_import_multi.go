package store

import (
	"context"
	"fmt"
	"strings"
)

// On PostgreSQL every statement is a round trip to the server, which in
// an import of millions of rows costs more than the writes: new
// organisations and new years of figures go many rows to an INSERT,
// their values bound (orgRowsPerInsert × 24 and figRowsPerInsert × 23
// parameters stay under PostgreSQL's 65,535). SQLite keeps its prepared
// single-row statements: a multi-row INSERT would make it journal every
// page the statement touches, which costs more than the statements it
// saves.
const (
	orgRowsPerInsert = 1000
	figRowsPerInsert = 1000
)

// multiRow reports whether the import writes rows many to a statement.
func (r *RegisterImporter) multiRow() bool { return r.t.d.name == "postgres" }

// valuesList is "(?, …), (?, …)" for rows of n columns.
func valuesList(rows, n int) string {
	one := "(" + placeholders(n) + "),"
	return strings.TrimSuffix(strings.Repeat(one, rows), ",")
}

// insertOrgsMulti inserts the new organisations many to a statement and
// learns their IDs by code, which is unique: the order of RETURNING's
// rows is not promised.
func (r *RegisterImporter) insertOrgsMulti(ctx context.Context, created []*orgState) error {
	now := fmtTime(r.t.now)
	for start := 0; start < len(created); start += orgRowsPerInsert {
		chunk := created[start:min(start+orgRowsPerInsert, len(created))]
		args := make([]any, 0, 24*len(chunk))
		byCode := make(map[string]*orgState, len(chunk))
		for _, st := range chunk {
			args = append(append(args, orgValuesWith(&st.cur, st.text)...), st.cur.Status, now, now)
			byCode[st.cur.Code] = st
		}
		if err := r.insertOrgChunk(ctx, args, byCode, len(chunk)); err != nil {
			return err
		}
	}
	return nil
}

// insertOrgChunk runs one multi-row INSERT of want organisations and
// gives each its ID by the code RETURNING names.
func (r *RegisterImporter) insertOrgChunk(ctx context.Context, args []any, byCode map[string]*orgState, want int) error {
	rs, err := r.t.query(ctx, `INSERT INTO organisations (`+orgWrite+`, status, created_at, updated_at) VALUES `+
		valuesList(want, 24)+` RETURNING id, code`, args...)
	if err != nil {
		return fmt.Errorf("store: register import: insert organisations: %w", err)
	}
	defer rs.Close()
	n := 0
	for rs.Next() {
		var id int64
		var code string
		if err := rs.Scan(&id, &code); err != nil {
			return fmt.Errorf("store: register import: insert organisations: %w", err)
		}
		st := byCode[code]
		if st == nil {
			return fmt.Errorf("store: register import: insert organisations: unexpected code %q", code)
		}
		st.cur.ID, st.stored = id, true
		r.created[id] = true
		n++
	}
	if err := rs.Err(); err != nil || n != want {
		return fmt.Errorf("store: register import: insert organisations: %d of %d rows: %v", n, want, err)
	}
	return nil
}

// insertFiguresMulti inserts new years of figures, their arguments in
// figureArgs' order, many to a statement.
func (r *RegisterImporter) insertFiguresMulti(ctx context.Context, rows [][]any) error {
	for start := 0; start < len(rows); start += figRowsPerInsert {
		chunk := rows[start:min(start+figRowsPerInsert, len(rows))]
		args := make([]any, 0, 23*len(chunk))
		for _, a := range chunk {
			args = append(args, a...)
		}
		if _, err := r.t.exec(ctx, `INSERT INTO organisation_figures (`+figWrite+`, organisation_id, year) VALUES `+
			valuesList(len(chunk), 23), args...); err != nil {
			return fmt.Errorf("store: register import: insert figures: %w", err)
		}
	}
	return nil
}
