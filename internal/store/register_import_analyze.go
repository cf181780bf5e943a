package store

import (
	"context"
	"fmt"
)

// PostgreSQL plans the joins of its statement triggers (a chunk's new
// rows with organisations, for the year counts and the indicator marks)
// from the tables' statistics. An import into an empty register leaves
// them at "never analysed" until autovacuum runs after the commit, so
// every chunk's join read the whole of organisations: 100 ms a chunk at
// 200,000 rows, a fifth of the import, growing with the table. ANALYZE
// inside the transaction counts the transaction's own rows; the import
// runs it on both tables each time the rows it stored have doubled what
// the statistics last counted (a dozen times at 200,000 rows from
// nothing; never for a year's file into a full register). Its lock
// (SHARE UPDATE EXCLUSIVE) keeps neither readers nor writers out.

// analyzeFrom is the fewest rows an import stores before it analyses.
const analyzeFrom = 1000

// analyzeGrown counts added rows and analyses the register's tables once
// they have grown enough (PostgreSQL).
func (r *RegisterImporter) analyzeGrown(ctx context.Context, added int) error {
	if !r.multiRow() {
		return nil
	}
	if r.counted < 0 { // first call: what the statistics count now
		var n float64
		if err := r.t.queryRow(ctx, `SELECT GREATEST(reltuples, 0) FROM pg_class
			WHERE oid = 'organisation_figures'::regclass`).Scan(&n); err != nil {
			return fmt.Errorf("store: register import: statistics: %w", err)
		}
		r.counted = int64(n)
	}
	r.added += int64(added)
	if r.added < max(r.counted, analyzeFrom) {
		return nil
	}
	if _, err := r.t.exec(ctx, `ANALYZE organisations, organisation_figures`); err != nil {
		return fmt.Errorf("store: register import: analyze: %w", err)
	}
	r.counted, r.added = r.counted+r.added, 0
	r.analyses++
	return nil
}
