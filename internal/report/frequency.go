// Package report runs a plan's reporting cycle: how often agencies report
// (Frequency), which days a report covers and when it is due (Period,
// Schedule), the life of a submitted report (State, Action) and the rates
// that track it (Rates).
package report

import "slices"

// Frequency is how often a schedule asks for a report. One word set serves
// the importer, the plan, the store and the API.
type Frequency string

const (
	Yearly     Frequency = "yearly"
	HalfYearly Frequency = "half_yearly"
	Quarterly  Frequency = "quarterly"
	Monthly    Frequency = "monthly"
	// AdHoc is a report asked for once ("đột xuất"), with its own dates.
	AdHoc Frequency = "ad_hoc"
)

// Frequencies lists every frequency, longest period first, as forms offer them.
func Frequencies() []Frequency { return []Frequency{Yearly, HalfYearly, Quarterly, Monthly, AdHoc} }

// Valid reports whether f is one of Frequencies.
func (f Frequency) Valid() bool { return slices.Contains(Frequencies(), f) }

// periodsPerYear is how many periods of f fall in a year; 0 for AdHoc.
func (f Frequency) periodsPerYear() int {
	switch f {
	case Yearly:
		return 1
	case HalfYearly:
		return 2
	case Quarterly:
		return 4
	case Monthly:
		return 12
	}
	return 0
}
