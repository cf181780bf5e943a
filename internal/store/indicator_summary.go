package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hoptac/hoptac/internal/indicator"
)

// The summary of the indicator sums (migration 00024): indicator_sums
// holds IndicatorSumsLive's rows per year; triggers mark the communes a
// write touched in indicator_marks; a refresher turns marks into stale
// (year, commune) pairs and recomputes only those of the year it reads.

// allCommunes is the mark and stale name of "every commune": the units
// changed, so any commune's mapping may have.
const allCommunes = "*"

// fullRefreshAt is how many stale communes make a refresher sum the year
// in full: one pass over the register beats thousands of bound codes.
const fullRefreshAt = 300

// sumCols lists s00 … s24, the summary's sum columns in Sum order.
var sumCols = func() string {
	cols := make([]string, indicator.SumCount)
	for i := range cols {
		cols[i] = fmt.Sprintf("s%02d", i)
	}
	return strings.Join(cols, ", ")
}()

// IndicatorSumsFor returns what IndicatorSumsLive returns, read from the
// summary: the year's stale communes (and, on its first read, the whole
// year) are recomputed first, in one transaction that also clears their
// marks, so the answer holds every write committed before the call.
func (db *DB) IndicatorSumsFor(ctx context.Context, year int, communes []string) ([]indicator.Sums, error) {
	if communes != nil && len(communes) == 0 {
		return []indicator.Sums{}, nil
	}
	if err := db.freshenIndicatorSummary(ctx, year); err != nil {
		return nil, err
	}
	out, err := readIndicatorSummary(ctx, db, year, communes)
	if err != nil {
		return nil, fmt.Errorf("store: indicator summary of %d: %w", year, err)
	}
	return out, nil
}

// freshenIndicatorSummary recomputes year's stale communes (the whole
// year on its first read) when the summary is not fresh.
func (db *DB) freshenIndicatorSummary(ctx context.Context, year int) error {
	fresh, err := db.indicatorSummaryFresh(ctx, year)
	if err != nil {
		return fmt.Errorf("store: indicator summary of %d: %w", year, err)
	}
	if !fresh {
		if err := db.Update(ctx, func(tx *Tx) error { return tx.refreshIndicatorSums(ctx, year) }); err != nil {
			return fmt.Errorf("store: refresh indicator summary of %d: %w", year, err)
		}
	}
	return nil
}

// indicatorSummaryFresh says whether year's summary can be read as it is:
// summed, with no stale commune and no mark waiting. One cheap statement,
// so a read of a fresh summary takes no write lock.
func (db *DB) indicatorSummaryFresh(ctx context.Context, year int) (bool, error) {
	var summed, stale, marks int
	err := db.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM indicator_sum_years WHERE year = ?),
		(SELECT COUNT(*) FROM (SELECT 1 FROM indicator_stale WHERE year = ? LIMIT 1) s),
		(SELECT COUNT(*) FROM (SELECT 1 FROM indicator_marks LIMIT 1) m)`, year, year).Scan(&summed, &stale, &marks)
	return summed == 1 && stale == 0 && marks == 0, err
}

// refreshIndicatorSums brings year's summary up to date inside t. The
// lock row comes first, so refreshers run one at a time and one never
// stores sums older than another's. Then the marks this transaction can
// see become stale pairs for every summed year, and exactly those marks
// are deleted: a mark committed later stays for the next refresh. The
// recomputation runs after that, so it reads at least every write those
// marks stood for.
func (t *Tx) refreshIndicatorSums(ctx context.Context, year int) error {
	if _, err := t.exec(ctx, `UPDATE indicator_refresh SET n = n + 1`); err != nil {
		return err
	}
	if err := t.moveIndicatorMarks(ctx); err != nil {
		return err
	}
	var summed int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM indicator_sum_years WHERE year = ?`, year).Scan(&summed); err != nil {
		return err
	}
	rows, err := t.query(ctx, `SELECT commune FROM indicator_stale WHERE year = ?`, year)
	stale, err := scanAll(rows, err, scanString)
	if err != nil {
		return err
	}
	full := summed == 0 || len(stale) >= fullRefreshAt || slices.Contains(stale, allCommunes)
	var filter []string
	if !full {
		if len(stale) == 0 {
			return nil
		}
		filter = stale
	}
	sums, err := indicatorSumsLive(ctx, t, year, filter)
	if err != nil {
		return err
	}
	del, args := `DELETE FROM indicator_sums WHERE year = ?`, []any{year}
	if !full {
		del += ` AND commune IN (` + placeholders(len(filter)) + `)`
		for _, c := range filter {
			args = append(args, c)
		}
	}
	if _, err := t.exec(ctx, del, args...); err != nil {
		return err
	}
	if err := t.insertIndicatorSums(ctx, year, sums); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM indicator_stale WHERE year = ?`, year); err != nil {
		return err
	}
	if summed == 0 {
		_, err = t.exec(ctx, `INSERT INTO indicator_sum_years (year) VALUES (?)`, year)
	}
	return err
}

// moveIndicatorMarks turns the visible marks into stale pairs of every
// summed year and deletes them. On PostgreSQL one statement does both, so
// it deletes exactly the marks it read (its snapshot's); a writer's mark
// committed meanwhile is not among them. SQLite's refresh is a write
// transaction, which no writer runs beside, so two statements are the
// same.
func (t *Tx) moveIndicatorMarks(ctx context.Context) error {
	if t.d.name == "postgres" {
		_, err := t.exec(ctx, `WITH m AS (DELETE FROM indicator_marks RETURNING commune)
			INSERT INTO indicator_stale (year, commune)
			SELECT DISTINCT y.year, m.commune FROM indicator_sum_years y CROSS JOIN m
			ON CONFLICT DO NOTHING`)
		return err
	}
	if _, err := t.exec(ctx, `INSERT OR IGNORE INTO indicator_stale (year, commune)
		SELECT DISTINCT y.year, m.commune FROM indicator_sum_years y CROSS JOIN indicator_marks m`); err != nil {
		return err
	}
	_, err := t.exec(ctx, `DELETE FROM indicator_marks`)
	return err
}

// insertIndicatorSums stores sums as year's rows, many to a statement.
func (t *Tx) insertIndicatorSums(ctx context.Context, year int, sums []indicator.Sums) error {
	const batch = 100
	row := "(?, ?, ?" + strings.Repeat(", ?", indicator.SumCount) + ")"
	for len(sums) > 0 {
		n := min(batch, len(sums))
		var b strings.Builder
		b.WriteString(`INSERT INTO indicator_sums (year, commune, mapped, ` + sumCols + `) VALUES `)
		args := make([]any, 0, n*(3+indicator.SumCount))
		for i, s := range sums[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(row)
			args = append(args, year, s.Commune, boolInt(s.Mapped))
			for _, v := range s.Sums {
				args = append(args, v)
			}
		}
		if _, err := t.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		sums = sums[n:]
	}
	return nil
}

// readIndicatorSummary reads year's stored sums, for the communes given
// or all of them (nil), in IndicatorSumsLive's order.
func readIndicatorSummary(ctx context.Context, q querier, year int, communes []string) ([]indicator.Sums, error) {
	sel, args := `SELECT commune, mapped, `+sumCols+` FROM indicator_sums WHERE year = ?`, []any{year}
	if communes != nil {
		sel += ` AND commune IN (` + placeholders(len(communes)) + `)`
		for _, c := range communes {
			args = append(args, c)
		}
	}
	rows, err := q.query(ctx, sel, args...)
	out, err := scanAll(rows, err, func(r rowScanner) (indicator.Sums, error) {
		var s indicator.Sums
		return s, scanSumRow(r, &s, &s.Commune)
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []indicator.Sums{}
	}
	sortSums(out)
	return out, nil
}

// scanSumRow scans a summary row into s: its commune when commune is not
// nil, then the mapped flag and the sums in Sum order.
func scanSumRow(r rowScanner, s *indicator.Sums, commune *string) error {
	var mapped int
	var dest []any
	if commune != nil {
		dest = append(dest, commune)
	}
	dest = append(dest, &mapped)
	for i := range s.Sums {
		dest = append(dest, &s.Sums[i])
	}
	err := r.Scan(dest...)
	s.Mapped = mapped == 1
	return err
}
