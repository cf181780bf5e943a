// Package target links a plan's measurable targets to the indicators they
// are checked against and computes, from the indicator's series, whether
// each target is achieved, on track, at risk, missed, or has no data.
//
// The package is pure: it reads values through indicator.Source and takes
// today's date as a parameter, so every rule is a table test.
package target

import (
	"math"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/indicator"
)

// Comparators a link may use. A plain figure in a plan ("Xây dựng 10 hợp
// tác xã") means at least that figure, so the import's empty comparator
// defaults to AtLeast.
const (
	Above   = ">"
	AtLeast = ">="
	Equal   = "="
	AtMost  = "<="
	Below   = "<"
	Between = "between"
)

// Comparators lists them in the order the form offers them.
func Comparators() []string { return []string{Above, AtLeast, Equal, AtMost, Below, Between} }

// Indicators lists every indicator a target may be linked to, in the
// order the form offers them.
func Indicators() []string {
	defs := indicator.Definitions()
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.ID
	}
	return out
}

// Known reports whether id is an indicator a target may be linked to.
func Known(id string) bool {
	for _, x := range Indicators() {
		if x == id {
			return true
		}
	}
	return false
}

// IsShare reports whether the indicator is a share of a population of
// organisations or people counted in the register (numerator over
// denominator), the kind a nested target is re-based on. The share of
// GRDP is entered by hand and has no population.
func IsShare(id string) bool { return strings.HasPrefix(id, "share_") && Known(id) }

// Link is how one target is checked: against which indicator, in which
// unit, from which baseline to which value by which deadline.
type Link struct {
	TargetID   int64    `json:"target_id"`
	Indicator  string   `json:"indicator"`
	Comparator string   `json:"comparator"`
	Value      float64  `json:"value"`
	ValueMax   *float64 `json:"value_max"` // the upper bound of a Between target
	// BaselineYear is the year the straight path starts from, at its end
	// (31 December), since yearly figures describe the year's end.
	BaselineYear int `json:"baseline_year"`
	// BaselineValue is the figure at the baseline; nil takes the
	// indicator's own value for BaselineYear.
	BaselineValue *float64  `json:"baseline_value"`
	Deadline      time.Time `json:"deadline"`
	// Scope is the administrative unit's code; "" is the whole register
	// (the plan's province).
	Scope string `json:"scope"`
}

// Years bounds what Validate accepts: the register's history and a
// plan's horizon, far from anything a typo would give.
const (
	MinYear = 1990
	MaxYear = 2100
)

// Validate checks the link on its own; the store checks that the target
// belongs to the plan and the scope names a unit. Each problem names its
// form field.
func (l Link) Validate() error {
	fe := apperr.FieldErrors{}
	if !Known(l.Indicator) {
		fe.Add("indicator", "error.field.target_indicator")
	}
	valid := false
	for _, c := range Comparators() {
		valid = valid || c == l.Comparator
	}
	if !valid {
		fe.Add("comparator", "error.field.target_comparator")
	}
	if math.IsNaN(l.Value) || math.IsInf(l.Value, 0) {
		fe.Add("value", "error.field.target_value")
	}
	switch {
	case l.Comparator == Between && (l.ValueMax == nil || *l.ValueMax < l.Value):
		fe.Add("value_max", "error.field.target_value_max")
	case l.Comparator != Between && l.ValueMax != nil:
		fe.Add("value_max", "error.field.target_value_max_only_between")
	}
	if l.BaselineYear < MinYear || l.BaselineYear > MaxYear {
		fe.Add("baseline_year", "error.field.target_baseline_year")
	}
	if l.Deadline.IsZero() || l.Deadline.Year() > MaxYear {
		fe.Add("deadline", "error.field.target_deadline")
	} else if l.Deadline.Year() <= l.BaselineYear {
		// The path needs time to run: a deadline in the baseline year
		// or before it has no straight path to compare with.
		fe.Add("deadline", "error.field.target_deadline_after_baseline")
	}
	return fe.Err()
}

// met reports whether x satisfies the link's comparator.
func (l Link) met(x float64) bool {
	switch l.Comparator {
	case Above:
		return x > l.Value
	case AtLeast:
		return x >= l.Value
	case Equal:
		return nearlyEqual(x, l.Value)
	case AtMost:
		return x <= l.Value
	case Below:
		return x < l.Value
	case Between:
		return l.ValueMax != nil && x >= l.Value && x <= *l.ValueMax
	}
	return false
}

// nearlyEqual lets "= 100 %" be met by a share computed as 37/37 × 100,
// which floating point may leave a hair off.
func nearlyEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
