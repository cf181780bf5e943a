package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

// FilingState is where an organisation stands with a year's figures, as
// the coordinator follows them up.
type FilingState string

const (
	// FilingFiled: submitted or accepted, or recorded by the coordinator
	// or an import (the figures are in).
	FilingFiled FilingState = "filed"
	// FilingInProgress: a draft, or returned to correct, before the due day.
	FilingInProgress FilingState = "in_progress"
	// FilingNotStarted: nothing yet, before the due day.
	FilingNotStarted FilingState = "not_started"
	// FilingLate: not filed after the due day (15/12), started or not.
	FilingLate FilingState = "late"
)

// FilingStates lists the states in the order pages show them.
func FilingStates() []FilingState {
	return []FilingState{FilingFiled, FilingInProgress, FilingNotStarted, FilingLate}
}

// Valid reports whether s is one of FilingStates.
func (s FilingState) Valid() bool {
	for _, x := range FilingStates() {
		if s == x {
			return true
		}
	}
	return false
}

// FilingCount is how many organisations of one commune are in each state
// (every state present).
type FilingCount struct {
	Commune string                `json:"commune"` // the post-reform commune when known, else the one recorded
	Counts  map[FilingState]int64 `json:"counts"`
	Total   int64                 `json:"total"`
}

// filingSQL selects the active organisations (those expected to file) with
// their commune and state for a year: the bound values are the year and
// whether its due day has passed (1 or 0).
const filingSQL = `SELECT o.id AS id, o.sort_key AS sort_key,
	CASE WHEN o.new_commune_code <> '' THEN o.new_commune_code ELSE o.commune_code END AS commune,
	CASE WHEN y.organisation_id IS NOT NULL AND y.filing IN ('', 'submitted', 'accepted') THEN 'filed'
		WHEN ? = 1 THEN 'late'
		WHEN y.organisation_id IS NOT NULL THEN 'in_progress'
		ELSE 'not_started' END AS state
	FROM organisations o LEFT JOIN organisation_figures y ON y.organisation_id = o.id AND y.year = ?
	WHERE o.status = 'active'`

// filingBase is filingSQL for year seen on today, narrowed to unit (any
// unit code the register filter takes; "" for all).
func filingBase(year int, unit string, today time.Time) (string, []any) {
	late := 0
	if !today.Before(coop.FilingDue(year).AddDate(0, 0, 1)) {
		late = 1
	}
	q, args := filingSQL, []any{late, year}
	if unit != "" {
		c, a := unitCond(unit, time.Time{})
		q, args = q+` AND `+c, append(args, a...)
	}
	return q, args
}

// FilingOverview counts, per commune, the active organisations of unit
// that have filed their figures of year, are filing, have not started or
// are late on today; communes in code order.
func (db *DB) FilingOverview(ctx context.Context, year int, unit string, today time.Time) ([]FilingCount, error) {
	base, args := filingBase(year, unit, today)
	rows, err := db.query(ctx, `SELECT f.commune, f.state, COUNT(*) FROM (`+base+`) f
		GROUP BY f.commune, f.state ORDER BY f.commune`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: filing overview: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []FilingCount
	for rows.Next() {
		var commune, state string
		var n int64
		if err := rows.Scan(&commune, &state, &n); err != nil {
			return nil, fmt.Errorf("store: filing overview: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Commune != commune {
			// Every state counted, zero or not, so a reader needs no default.
			c := FilingCount{Commune: commune, Counts: map[FilingState]int64{}}
			for _, s := range FilingStates() {
				c.Counts[s] = 0
			}
			out = append(out, c)
		}
		c := &out[len(out)-1]
		c.Counts[FilingState(state)] += n
		c.Total += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: filing overview: %w", err)
	}
	return out, nil
}

// FilingList lists, in Vietnamese order, the active organisations of
// commune (as FilingOverview groups them) in state for year on today,
// at most limit of them.
func (db *DB) FilingList(ctx context.Context, year int, commune string, state FilingState, today time.Time, limit int) ([]coop.Organisation, error) {
	base, args := filingBase(year, "", today)
	rows, err := db.query(ctx, `SELECT `+orgColumns+` FROM organisations o JOIN (`+base+`) f ON f.id = o.id
		WHERE f.commune = ? AND f.state = ? ORDER BY o.sort_key, o.id LIMIT ?`, append(args, commune, string(state), limit)...)
	out, err := scanAll(rows, err, scanOrganisation)
	if err != nil {
		return nil, fmt.Errorf("store: filing list: %w", err)
	}
	return out, nil
}
