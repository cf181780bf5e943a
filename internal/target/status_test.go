package target

import (
	"math"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
)

func f(x float64) *float64 { return &x }

// noisy50 is 50 reached through floating-point arithmetic at run time
// (0.1 + 0.2 is not 0.3), as a share computed from sums can be.
func noisy50() float64 {
	a, b := 0.1, 0.2
	return (a + b) / 0.3 * 50
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// series builds a yearly series from year: value pairs; nil is a year
// without a figure.
func series(pairs map[int]*float64) []indicator.Value {
	var out []indicator.Value
	for y := 2015; y <= 2030; y++ {
		if v, ok := pairs[y]; ok {
			out = append(out, indicator.Value{ID: "x", Year: y, Value: v})
		}
	}
	return out
}

// The path of the main cases runs from 31/12/2020 to 31/12/2025: 1826
// days, so 2023-07-02 (913 days in) is exactly half-way.
const mid = "2023-07-02"

func TestEvaluate(t *testing.T) {
	up := Link{Indicator: indicator.ShareManagersTrained, Comparator: AtLeast, Value: 50, BaselineYear: 2020,
		BaselineValue: f(40), Deadline: day("2025-12-31")}
	with := func(l Link, change func(*Link)) Link { change(&l); return l }
	strict := with(up, func(l *Link) { l.Comparator = Above })
	equal := with(up, func(l *Link) { l.Comparator = Equal })
	// "< 5 % weak": a decreasing target from 10 %.
	down := with(up, func(l *Link) { l.Comparator = Below; l.Value = 5; l.BaselineValue = f(10) })
	downIncl := with(down, func(l *Link) { l.Comparator = AtMost })
	// "1,0 - 1,2 % GRDP" from 0.8 below the range, and from 1.5 above it.
	rng := with(up, func(l *Link) { l.Comparator = Between; l.Value = 1.0; l.ValueMax = f(1.2); l.BaselineValue = f(0.8) })
	rngDown := with(rng, func(l *Link) { l.BaselineValue = f(1.5) })
	noBase := with(up, func(l *Link) { l.BaselineValue = nil })
	flat := with(strict, func(l *Link) { l.BaselineValue = f(50) })

	cases := []struct {
		name  string
		link  Link
		s     map[int]*float64
		today string
		want  Status
	}{
		{"no figure at all", up, nil, mid, NoData},
		{"only years without a figure", up, map[int]*float64{2021: nil, 2022: nil}, mid, NoData},
		{"a figure from after today is not used", up, map[int]*float64{2024: f(60)}, mid, NoData},
		{"met before the deadline", up, map[int]*float64{2022: f(50)}, mid, Achieved},
		{"strict comparator not met by the value itself", strict, map[int]*float64{2022: f(50)}, mid, OnTrack},
		{"strict comparator met above it", strict, map[int]*float64{2022: f(50.1)}, mid, Achieved},
		{"ahead of the path", up, map[int]*float64{2022: f(47)}, mid, OnTrack},
		{"on the path exactly", up, map[int]*float64{2022: f(45)}, mid, OnTrack},
		{"behind by exactly the tolerance", up, map[int]*float64{2022: f(44.5)}, mid, OnTrack},
		{"behind by more than the tolerance", up, map[int]*float64{2022: f(44.4)}, mid, AtRisk},
		{"going backwards", up, map[int]*float64{2022: f(38)}, mid, AtRisk},
		{"the latest figure counts, not an older better one", up, map[int]*float64{2021: f(49), 2022: f(41)}, mid, AtRisk},
		{"an older figure stands in for missing years", up, map[int]*float64{2021: f(42), 2022: nil, 2023: nil}, mid, AtRisk},
		{"on the deadline day it is not yet past", up, map[int]*float64{2025: f(49.6)}, "2025-12-31", OnTrack},
		{"the day after the deadline, not met: missed", up, map[int]*float64{2025: f(49.6)}, "2026-01-01", Missed},
		{"the day after the deadline, met: achieved", up, map[int]*float64{2025: f(50)}, "2026-01-01", Achieved},
		{"past the deadline a later figure does not rescue it", up, map[int]*float64{2025: f(48), 2026: f(55)}, "2026-06-01", Missed},
		{"past the deadline a later fall does not undo it", up, map[int]*float64{2025: f(52), 2026: f(30)}, "2026-06-01", Achieved},
		{"past the deadline with no figure", up, map[int]*float64{2026: f(55)}, "2027-01-01", NoData},
		{"before the path starts", up, map[int]*float64{2020: f(40)}, "2020-06-01", OnTrack},
		{"decreasing: met", down, map[int]*float64{2022: f(4.9)}, mid, Achieved},
		{"decreasing: strict not met at the value", down, map[int]*float64{2022: f(5)}, mid, OnTrack},
		{"decreasing: at most met at the value", downIncl, map[int]*float64{2022: f(5)}, mid, Achieved},
		{"decreasing: ahead of the path", down, map[int]*float64{2022: f(7)}, mid, OnTrack},
		{"decreasing: behind by exactly the tolerance", down, map[int]*float64{2022: f(7.75)}, mid, OnTrack},
		{"decreasing: behind by more", down, map[int]*float64{2022: f(7.8)}, mid, AtRisk},
		{"decreasing: past the deadline", down, map[int]*float64{2025: f(5.5)}, "2026-02-01", Missed},
		{"exact: met", equal, map[int]*float64{2022: f(50)}, mid, Achieved},
		{"exact: met through floating point", equal, map[int]*float64{2022: f(noisy50())}, mid, Achieved},
		{"exact: overshot before the deadline", equal, map[int]*float64{2022: f(60)}, mid, AtRisk},
		{"exact: overshot at the deadline", equal, map[int]*float64{2025: f(60)}, "2026-01-01", Missed},
		{"range: inside", rng, map[int]*float64{2022: f(1.1)}, mid, Achieved},
		{"range: on the lower bound", rng, map[int]*float64{2022: f(1.0)}, mid, Achieved},
		{"range: on the upper bound", rng, map[int]*float64{2022: f(1.2)}, mid, Achieved},
		{"range: below, on the path", rng, map[int]*float64{2022: f(0.95)}, mid, OnTrack},
		{"range: below, behind the path", rng, map[int]*float64{2022: f(0.85)}, mid, AtRisk},
		{"range: through the range before the deadline", rng, map[int]*float64{2022: f(1.3)}, mid, AtRisk},
		{"range: above it at the deadline", rng, map[int]*float64{2025: f(1.3)}, "2026-01-01", Missed},
		{"range: inside at the deadline", rng, map[int]*float64{2025: f(1.2)}, "2026-01-01", Achieved},
		{"range from above: coming down on the path", rngDown, map[int]*float64{2022: f(1.3)}, mid, OnTrack},
		{"range from above: behind", rngDown, map[int]*float64{2022: f(1.45)}, mid, AtRisk},
		{"baseline from the series", noBase, map[int]*float64{2020: f(40), 2022: f(47)}, mid, OnTrack},
		{"baseline from the series, behind", noBase, map[int]*float64{2020: f(40), 2022: f(42)}, mid, AtRisk},
		{"no baseline and not met", noBase, map[int]*float64{2022: f(47)}, mid, NoData},
		{"no baseline but met", noBase, map[int]*float64{2022: f(51)}, mid, Achieved},
		{"baseline already on a strict target", flat, map[int]*float64{2022: f(50)}, mid, AtRisk},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Evaluate(c.link, series(c.s), day(c.today))
			if got.Status != c.want {
				t.Errorf("status = %s, want %s (current %v, expected %v, progress %v, elapsed %v)",
					got.Status, c.want, deref(got.Current), deref(got.Expected), deref(got.Progress), got.Elapsed)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// The inputs of the rule are what the page and the API show: the figure
// and its year, the expected value on the path today, the progress.
func TestEvaluateInputs(t *testing.T) {
	l := Link{Indicator: indicator.Exemplary, Comparator: AtLeast, Value: 10, BaselineYear: 2020, Deadline: day("2025-12-31")}
	got := Evaluate(l, series(map[int]*float64{2020: f(2), 2021: f(5), 2022: nil}), day(mid))
	if got.Baseline == nil || *got.Baseline != 2 {
		t.Errorf("baseline = %v, want 2 from the series", deref(got.Baseline))
	}
	if got.Current == nil || *got.Current != 5 || got.CurrentYear != 2021 {
		t.Errorf("current = %v in %d, want 5 in 2021", deref(got.Current), got.CurrentYear)
	}
	if got.Elapsed != 0.5 || got.Expected == nil || *got.Expected != 6 {
		t.Errorf("elapsed %v expected %v, want 0.5 and 6", got.Elapsed, deref(got.Expected))
	}
	if got.Progress == nil || math.Abs(*got.Progress-3.0/8) > 1e-12 || got.Status != AtRisk {
		t.Errorf("progress %v status %s, want 0.375 and at risk", deref(got.Progress), got.Status)
	}
	if got.PastDeadline {
		t.Error("past deadline before it")
	}
}
