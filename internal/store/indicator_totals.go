package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/indicator"
)

// sumTotals is "CAST(SUM(s00) AS BIGINT), …": PostgreSQL sums bigints
// into numeric, which the driver would hand over as text.
var sumTotals = func() string {
	cols := strings.Split(sumCols, ", ")
	for i, c := range cols {
		cols[i] = "CAST(SUM(" + c + ") AS BIGINT)"
	}
	return strings.Join(cols, ", ")
}()

// IndicatorTotalsFor is IndicatorSumsFor for the whole register, added up
// in the database: one row for the organisations recorded after the
// reform and one for those that came through the mapping (Commune ""),
// either left out when it has no commune behind it. The indicators are
// linear in these sums, so the whole register's values are the same as
// from every commune's rows, without moving thousands of rows to Go
// (the dashboard's register section reads this on every cold request).
func (db *DB) IndicatorTotalsFor(ctx context.Context, year int) ([]indicator.Sums, error) {
	if err := db.freshenIndicatorSummary(ctx, year); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT mapped, `+sumTotals+` FROM indicator_sums WHERE year = ?
		GROUP BY mapped ORDER BY mapped`, year)
	out, err := scanAll(rows, err, func(r rowScanner) (indicator.Sums, error) {
		var s indicator.Sums
		return s, scanSumRow(r, &s, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("store: indicator totals of %d: %w", year, err)
	}
	if out == nil {
		out = []indicator.Sums{}
	}
	return out, nil
}
