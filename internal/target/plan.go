package target

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
)

// Row is one target of a plan as the page and the API show it.
type Row struct {
	Target plan.Target
	// Link is the stored link; nil when the target is not linked yet.
	Link *Link
	// Proposal pre-fills the form of a target not linked yet.
	Proposal Proposal
	// Result and Series are the evaluation of a linked target; Series
	// runs from the baseline year to today's year (or the deadline's).
	Result *Result
	Series []indicator.Value
	// Nested is true when the series was re-based on the parent target's
	// population (Rebase).
	Nested bool
}

// EvaluatePlan evaluates a plan's targets with their links (by target ID)
// on the date today, reading the indicators from src.
func EvaluatePlan(ctx context.Context, src indicator.Source, p plan.Plan, links map[int64]Link, today time.Time) ([]Row, error) {
	rows := make([]Row, 0, len(p.Targets))
	for _, t := range p.Targets {
		row := Row{Target: t}
		l, ok := links[t.ID]
		if !ok {
			row.Proposal = ProposeFor(t, p.IssuedOn)
			rows = append(rows, row)
			continue
		}
		row.Link = &l
		from, to := SeriesYears(l, today)
		series, err := src.Series(ctx, l.Indicator, l.Scope, from, to)
		if err != nil {
			return nil, fmt.Errorf("target %d: %s: %w", t.ID, l.Indicator, err)
		}
		if t.ParentID != nil {
			if pl, ok := links[*t.ParentID]; ok && Nested(l.Indicator, pl.Indicator) {
				// The parent's population in the child's unit and years.
				parent, err := src.Series(ctx, pl.Indicator, l.Scope, from, to)
				if err != nil {
					return nil, fmt.Errorf("target %d: parent %s: %w", t.ID, pl.Indicator, err)
				}
				series, row.Nested = Rebase(series, parent), true
			}
		}
		res := Evaluate(l, series, today)
		row.Result, row.Series = &res, series
		rows = append(rows, row)
	}
	return rows, nil
}

// SeriesYears is the span of years a link's evaluation reads: from its
// baseline to today's year, or to the deadline's year once that is
// earlier.
func SeriesYears(l Link, today time.Time) (from, to int) {
	from, to = l.BaselineYear, min(today.Year(), l.Deadline.Year())
	return from, max(from, to)
}

// NoSource is the indicator source of a server with no indicator
// computation wired: every year has no value, so every linked target
// reads "no data" rather than a made-up status.
type NoSource struct{}

// Series returns a year with no value for each year from..to.
func (NoSource) Series(_ context.Context, id, unit string, from, to int) ([]indicator.Value, error) {
	out := make([]indicator.Value, 0, max(0, to-from+1))
	for y := from; y <= to; y++ {
		out = append(out, indicator.Value{ID: id, Year: y, Unit: unit})
	}
	return out, nil
}
