package store

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/hoptac/hoptac/internal/indicator"
	"slices"
	"strconv"
	"strings"
)

// countedFilings are the figures the indicators read: recorded by the
// coordinator or an import (”), or filed by the organisation and
// accepted. A draft, or figures submitted and not yet accepted, are not
// official yet.
const countedFilings = `('', 'accepted')`

// mappedSQL is 1 for an organisation recorded in a unit before the
// reform that reaches its post-reform commune through the mapping: its
// recorded commune is not that commune (a code, or a reused code's
// earlier unit).
const mappedSQL = `CASE WHEN o.new_commune_code <> '' AND (o.commune_code <> o.new_commune_code
	OR COALESCE(o.commune_valid_from, '') <> COALESCE(o.new_commune_valid_from, '')) THEN 1 ELSE 0 END`

// indicatorOrgSQL counts the organisations per post-reform commune,
// mapped flag, form and whether active on the year's last day: active
// means founded by then (or with no founding day) and the latest entry
// of its status history dated on or before that day is none, "active",
// or a suspension that ended before it. Grouping by the flags evaluates
// each once per organisation; the status sets are small and built once
// (IN (SELECT …)), so the organisations are read in one pass over the
// indicator index (migration 00021) and never joined row by row. The
// bound values: first and last day (founded), first and last day
// (dissolved), last day ×4 (active), last day (charter), last day (law);
// then the commune filter's codes.
const indicatorOrgSQL = `SELECT o.new_commune_code, ` + mappedSQL + `, o.form,
	CASE WHEN ` + activeSQL + ` THEN 1 ELSE 0 END,
	COUNT(*),
	SUM(CASE WHEN COALESCE(o.founded_on, o.registered_on, '') BETWEEN ? AND ? THEN 1 ELSE 0 END),
	SUM(CASE WHEN o.id IN (SELECT d.organisation_id FROM organisation_statuses d
		WHERE d.status = 'dissolved' AND d.on_date BETWEEN ? AND ?) THEN 1 ELSE 0 END),
	SUM(CASE WHEN o.charter_on IS NOT NULL AND o.charter_on <= ? THEN 1 ELSE 0 END),
	SUM(CASE WHEN o.law >= 2012 OR (o.converted_on IS NOT NULL AND o.converted_on <= ?) THEN 1 ELSE 0 END)
FROM organisations o%s
GROUP BY 1, 2, 3, 4`

// activeSQL is "organisation o is active on the day bound 4 times".
const activeSQL = `COALESCE(o.founded_on, o.registered_on, '') <= ? AND o.id NOT IN (SELECT s.organisation_id
	FROM organisation_statuses s WHERE s.on_date <= ?
	AND NOT (s.status = 'active' OR (s.status = 'suspended' AND s.until_date IS NOT NULL AND s.until_date < ?))
	AND NOT EXISTS (SELECT 1 FROM organisation_statuses t WHERE t.organisation_id = s.organisation_id
		AND t.on_date <= ? AND (t.on_date > s.on_date OR (t.on_date = s.on_date AND t.id > s.id))))`

// indicatorPeopleSQL counts the managers of the organisations active on
// the year's last day, per commune and mapped flag, by training. Bound:
// last day ×4, then the commune filter's codes.
const indicatorPeopleSQL = `SELECT o.new_commune_code, ` + mappedSQL + `,
	COUNT(*),
	SUM(CASE WHEN p.training IN ('elementary', 'intermediate', 'college', 'university', 'postgraduate') THEN 1 ELSE 0 END),
	SUM(CASE WHEN p.training IN ('college', 'university', 'postgraduate') THEN 1 ELSE 0 END),
	COUNT(DISTINCT o.id)
FROM organisation_people p JOIN organisations o ON o.id = p.organisation_id
WHERE ` + activeSQL + `%s
GROUP BY 1, 2`

// indicatorFigSQL sums the year's counted figures per post-reform
// commune, read through the figures' year index. The bound values: the
// year, then the commune filter's codes.
const indicatorFigSQL = `SELECT o.new_commune_code, ` + mappedSQL + `,
	COUNT(*),
	SUM(y.members_individual + y.members_household + y.members_legal),
	SUM(y.employees),
	SUM(y.revenue),
	SUM(y.profit),
	SUM(CASE WHEN y.avg_income > 0 AND y.employees > 0 THEN y.avg_income * y.employees ELSE 0 END),
	SUM(CASE WHEN y.avg_income > 0 AND y.employees > 0 THEN y.employees ELSE 0 END),
	SUM(CASE WHEN y.avg_income > 0 AND y.employees > 0 THEN 1 ELSE 0 END),
	SUM(CASE WHEN y.rating IN ('good', 'fair') THEN 1 ELSE 0 END),
	SUM(CASE WHEN y.rating <> '' THEN 1 ELSE 0 END),
	SUM(y.exemplary), SUM(y.value_chain), SUM(y.high_tech), SUM(y.ocop_products)
FROM organisation_figures y JOIN organisations o ON o.id = y.organisation_id
WHERE y.year = ? AND y.filing IN ` + countedFilings + `%s
GROUP BY 1, 2`

// The positions each statement fills, in its column order.
var (
	indicatorPeopleSums = []int{indicator.SumManagers, indicator.SumManagersTrained, indicator.SumManagersCollege, indicator.SumManagedOrgs}
	indicatorFigSums    = []int{indicator.SumFigures, indicator.SumMembers, indicator.SumEmployees, indicator.SumRevenue, indicator.SumProfit, indicator.SumIncomeWages,
		indicator.SumIncomeEmployees, indicator.SumIncomeOrgs, indicator.SumRatedGoodFair, indicator.SumRated, indicator.SumExemplary, indicator.SumValueChain, indicator.SumHighTech, indicator.SumOCOP}
)

// IndicatorSumsLive computes the register's sums for year from the
// organisations themselves, one row per post-reform commune and mapped
// flag (communes in code order, the organisations without one under ""),
// only for the communes given, or for every organisation when communes is
// nil. Three statements: the organisations, the year's figures, the
// managers. IndicatorSumsFor answers the same from the summary
// (migration 00024); this is what the summary is made of and checked
// against.
func (db *DB) IndicatorSumsLive(ctx context.Context, year int, communes []string) ([]indicator.Sums, error) {
	return indicatorSumsLive(ctx, db, year, communes)
}

// indicatorSumsLive is IndicatorSumsLive through q: the pool, or a
// refresher's transaction.
func indicatorSumsLive(ctx context.Context, q querier, year int, communes []string) ([]indicator.Sums, error) {
	byKey := map[indicator.Sums]*indicator.Sums{} // keyed by commune and flag, Sums zero
	get := func(commune string, mapped int) *indicator.Sums {
		k := indicator.Sums{Commune: commune, Mapped: mapped == 1}
		s := byKey[k]
		if s == nil {
			s = &indicator.Sums{Commune: commune, Mapped: mapped == 1}
			byKey[k] = s
		}
		return s
	}
	qs := IndicatorQueries(year, communes)
	// The organisations: one row per commune, flag, form and activity.
	err := indicatorRows(ctx, q, qs[0], 7, func(commune string, mapped int, form string, v []int64) {
		s := get(commune, mapped)
		active, n, founded, dissolved, charter, law := v[0] == 1, v[1], v[2], v[3], v[4], v[5]
		s.Sums[indicator.SumFounded] += founded
		s.Sums[indicator.SumDissolved] += dissolved
		if !active {
			return
		}
		switch form {
		case "tht":
			s.Sums[indicator.SumActiveTHT] += n
		case "htx":
			s.Sums[indicator.SumActiveHTX] += n
		case "lhhtx":
			s.Sums[indicator.SumActiveLHHTX] += n
		}
		if form == "htx" || form == "lhhtx" {
			s.Sums[indicator.SumCharter2023] += charter
			s.Sums[indicator.SumLaw2012] += law
		}
	})
	for i, cols := range [][]int{indicatorFigSums, indicatorPeopleSums} {
		if err != nil {
			break
		}
		err = indicatorRows(ctx, q, qs[i+1], len(cols), func(commune string, mapped int, _ string, v []int64) {
			s := get(commune, mapped)
			for j, c := range cols {
				s.Sums[c] += v[j]
			}
		})
	}
	if err != nil {
		return nil, fmt.Errorf("store: indicator sums of %d: %w", year, err)
	}
	out := make([]indicator.Sums, 0, len(byKey))
	for _, s := range byKey {
		out = append(out, *s)
	}
	sortSums(out)
	return out, nil
}

// sortSums puts sums in commune code order (bytes, whatever the
// database's collation), unmapped before mapped.
func sortSums(out []indicator.Sums) {
	slices.SortFunc(out, func(a, b indicator.Sums) int {
		if c := strings.Compare(a.Commune, b.Commune); c != 0 {
			return c
		}
		return boolInt(a.Mapped) - boolInt(b.Mapped)
	})
}

// indicatorRows runs q and hands each row's commune, mapped flag, form
// (when the statement's third column is the form: n == 7) and sums to f.
func indicatorRows(ctx context.Context, db querier, q IndicatorQuery, n int, f func(string, int, string, []int64)) error {
	rows, err := db.query(ctx, q.SQL, q.Args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	withForm := q.Form
	vals := make([]sql.NullInt64, n)
	ints := make([]int64, n)
	var commune, form string
	var mapped int
	dest := []any{&commune, &mapped}
	if withForm {
		dest = append(dest, &form)
		vals, ints = vals[:n-1], ints[:n-1]
	}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i, v := range vals {
			ints[i] = v.Int64
		}
		f(commune, mapped, form, ints)
	}
	return rows.Err()
}

// IndicatorQuery is one statement of the computation with its bound
// values, in the store's placeholder style (DB.Rebind for the backend).
type IndicatorQuery struct {
	SQL  string
	Args []any
	Form bool // the third column is the organisations' form
}

// IndicatorQueries returns the statements IndicatorSumsFor runs (the
// organisations', the figures', the managers'), so a benchmark can time
// the bare aggregation beside the whole computation.
func IndicatorQueries(year int, communes []string) []IndicatorQuery {
	y := strconv.Itoa(year)
	first, last := y+"-01-01", y+"-12-31"
	where, codes := "", []any{}
	if communes != nil {
		where = ` AND o.new_commune_code IN (` + placeholders(len(communes)) + `)`
		if len(communes) == 0 {
			where = ` AND 1 = 0`
		}
		for _, c := range communes {
			codes = append(codes, c)
		}
	}
	orgWhere := ""
	if where != "" {
		orgWhere = " WHERE" + where[len(" AND"):]
	}
	active := []any{last, last, last, last}
	orgArgs := append(append([]any{}, active...), first, last, first, last, last, last)
	orgArgs = append(orgArgs, codes...)
	return []IndicatorQuery{
		{fmt.Sprintf(indicatorOrgSQL, orgWhere), orgArgs, true},
		{fmt.Sprintf(indicatorFigSQL, where), append([]any{year}, codes...), false},
		{fmt.Sprintf(indicatorPeopleSQL, where), append(append([]any{}, active...), codes...), false},
	}
}

// CurrentCommunes returns every commune in force today (valid_to open)
// with its province, by commune code: the units an indicator's scope is
// made of. Stamp changes whenever the unit lists do, so a caller can keep
// the list.
func (db *DB) CurrentCommunes(ctx context.Context) ([]indicator.CommuneProvince, error) {
	rows, err := db.query(ctx, `SELECT c.code, COALESCE(p.code, '') FROM units c LEFT JOIN units p ON p.id = c.parent_id
		WHERE c.level = 'commune' AND c.valid_to IS NULL ORDER BY c.code`)
	out, err := scanAll(rows, err, func(r rowScanner) (indicator.CommuneProvince, error) {
		var c indicator.CommuneProvince
		err := r.Scan(&c.Commune, &c.Province)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: current communes: %w", err)
	}
	return out, nil
}
