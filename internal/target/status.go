package target

import (
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
)

// Status is what a leader asks of a target: are we on track?
type Status string

// The statuses, with the rule that gives each (Evaluate applies them in
// this order).
const (
	// NoData: no figure of the indicator up to today (or, once the
	// deadline has passed, up to the deadline's year); or the target is
	// not yet met and there is no baseline figure to draw the path from.
	NoData Status = "no_data"
	// Achieved: the latest figure meets the comparator (inside the range
	// for a range target). Past the deadline, the figure of the deadline's
	// year (or the latest before it) decides between Achieved and Missed.
	Achieved Status = "achieved"
	// Missed: the deadline has passed and that figure does not meet it.
	Missed Status = "missed"
	// OnTrack: before the deadline, not yet met, and the figure has
	// covered at least the share of the way from the baseline to the
	// target that the time elapsed asks for, less Tolerance.
	OnTrack Status = "on_track"
	// AtRisk: before the deadline, not yet met, and behind the straight
	// path by more than Tolerance of the whole way; also a figure that has
	// gone past an exact target or out of the far side of a range, and a
	// target whose baseline already sits on the target without meeting it
	// (a strict "> 50 %" from 50 %).
	AtRisk Status = "at_risk"
)

// Statuses lists every status, for the legend and the tests.
func Statuses() []Status { return []Status{Achieved, OnTrack, AtRisk, Missed, NoData} }

// Tolerance is how far behind the straight path a target may be and still
// be on track, as a share of the whole way from the baseline to the
// target: figures are yearly and rounded, and a path drawn through the
// year rarely sits exactly on a figure. Five percent of the way: with a
// baseline of 40 % and a target of 50 %, half-way through the time the
// path asks for 45 % and 44.5 % is still on track, 44.4 % is at risk.
const Tolerance = 0.05

// epsilon absorbs floating-point noise at the tolerance's boundary.
const epsilon = 1e-9

// Result is a target's status and every input of the rule, so the page
// and the API can show why.
type Result struct {
	Status Status `json:"status"`
	// Current is the figure the rule used and CurrentYear its year; nil
	// when there is none.
	Current     *float64 `json:"current"`
	CurrentYear int      `json:"current_year,omitempty"`
	// Baseline is the figure the path starts from (the link's or the
	// indicator's own for the baseline year).
	Baseline *float64 `json:"baseline"`
	// Aim is where the path ends: the target value, or for a range the
	// bound nearer the baseline.
	Aim float64 `json:"aim"`
	// Elapsed is the share of the time from the baseline's year end to
	// the deadline gone by today, 0..1.
	Elapsed float64 `json:"elapsed"`
	// Expected is the straight path's value today; nil without baseline.
	Expected *float64 `json:"expected"`
	// Progress is the share of the way covered by Current; nil when it
	// cannot be computed (no figure, no baseline, or no way to go).
	Progress *float64 `json:"progress"`
	// PastDeadline is true once today is after the deadline.
	PastDeadline bool `json:"past_deadline"`
}

// Evaluate applies the status rule to one link with its indicator's
// series (oldest first) on the date today (a civil date, as plan.Today
// gives).
func Evaluate(l Link, series []indicator.Value, today time.Time) Result {
	res := Result{Aim: l.Value}
	res.Baseline = l.BaselineValue
	if res.Baseline == nil {
		res.Baseline = valueIn(series, l.BaselineYear)
	}
	if res.Baseline != nil && l.Comparator == Between && l.ValueMax != nil && *res.Baseline > *l.ValueMax {
		res.Aim = *l.ValueMax // coming down into the range
	}
	start := time.Date(l.BaselineYear, 12, 31, 0, 0, 0, 0, time.UTC)
	res.Elapsed = elapsed(start, l.Deadline, today)
	if res.Baseline != nil {
		e := *res.Baseline + (res.Aim-*res.Baseline)*res.Elapsed
		res.Expected = &e
	}
	res.PastDeadline = today.After(l.Deadline)
	last := today.Year()
	if res.PastDeadline {
		last = l.Deadline.Year()
	}
	for _, v := range series {
		if v.Value != nil && v.Year <= last {
			x := *v.Value
			res.Current, res.CurrentYear = &x, v.Year
		}
	}
	if res.Current == nil {
		res.Status = NoData
		return res
	}
	cur := *res.Current
	if res.Baseline != nil && res.Aim != *res.Baseline {
		p := (cur - *res.Baseline) / (res.Aim - *res.Baseline)
		res.Progress = &p
	}
	switch {
	case l.met(cur):
		res.Status = Achieved
	case res.PastDeadline:
		res.Status = Missed
	case res.Baseline == nil:
		res.Status = NoData
	case res.Progress == nil:
		res.Status = AtRisk // the baseline sits on the target, which is not met
	case *res.Progress > 1 && (l.Comparator == Equal || l.Comparator == Between):
		res.Status = AtRisk // went past an exact target or through the range
	case res.Elapsed-*res.Progress <= Tolerance+epsilon:
		res.Status = OnTrack
	default:
		res.Status = AtRisk
	}
	return res
}

// elapsed is the share of [start, end] gone by at today, clamped to 0..1.
func elapsed(start, end, today time.Time) float64 {
	total := end.Sub(start)
	if total <= 0 {
		return 1
	}
	f := float64(today.Sub(start)) / float64(total)
	return min(1, max(0, f))
}

// valueIn is the series' figure for year, nil when it has none.
func valueIn(series []indicator.Value, year int) *float64 {
	for _, v := range series {
		if v.Year == year && v.Value != nil {
			x := *v.Value
			return &x
		}
	}
	return nil
}
