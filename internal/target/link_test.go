package target

import (
	"math"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
)

func TestValidate(t *testing.T) {
	ok := Link{Indicator: indicator.GRDPShare, Comparator: Between, Value: 1, ValueMax: f(1.2), BaselineYear: 2017,
		Deadline: day("2020-12-31")}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid link refused: %v", err)
	}
	with := func(change func(*Link)) Link { l := ok; change(&l); return l }
	cases := []struct {
		name, field string
		link        Link
	}{
		{"unknown indicator", "indicator", with(func(l *Link) { l.Indicator = "grdp" })},
		{"no indicator", "indicator", with(func(l *Link) { l.Indicator = "" })},
		{"unknown comparator", "comparator", with(func(l *Link) { l.Comparator = "=>"; l.ValueMax = nil })},
		{"not a number", "value", with(func(l *Link) { l.Value = math.NaN() })},
		{"range without upper bound", "value_max", with(func(l *Link) { l.ValueMax = nil })},
		{"range upside down", "value_max", with(func(l *Link) { l.ValueMax = f(0.5) })},
		{"upper bound without a range", "value_max", with(func(l *Link) { l.Comparator = AtLeast })},
		{"baseline year too early", "baseline_year", with(func(l *Link) { l.BaselineYear = 1989 })},
		{"baseline year missing", "baseline_year", with(func(l *Link) { l.BaselineYear = 0 })},
		{"no deadline", "deadline", with(func(l *Link) { l.Deadline = time.Time{} })},
		{"deadline in the baseline year", "deadline", with(func(l *Link) { l.Deadline = day("2017-12-31") })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.link.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			fields := map[string]string(apperrFields(err))
			if _, ok := fields[c.field]; !ok || len(fields) != 1 {
				t.Errorf("fields = %v, want only %s", fields, c.field)
			}
		})
	}
}

func TestIndicatorKinds(t *testing.T) {
	if len(Indicators()) != 21 {
		t.Errorf("%d indicators, want every one of package indicator (21)", len(Indicators()))
	}
	for id, want := range map[string]bool{indicator.ShareManagersTrained: true, indicator.ShareLaw2012: true,
		indicator.GRDPShare: false, indicator.Exemplary: false, "share_unknown": false} {
		if IsShare(id) != want {
			t.Errorf("IsShare(%s) = %v", id, !want)
		}
	}
}

// Each comparator means what the form says, and "= 100 %" is met by a
// share computed as 37/37 × 100.
func TestMet(t *testing.T) {
	hundred := 37.0 / 37 * 100
	for _, c := range []struct {
		cmp  string
		x    float64
		want bool
	}{
		{Above, 10, false}, {Above, 10.5, true},
		{AtLeast, 10, true}, {AtLeast, 9.99, false},
		{Equal, 10, true}, {Equal, 10.01, false},
		{AtMost, 10, true}, {AtMost, 10.01, false},
		{Below, 10, false}, {Below, 9.99, true},
		{Between, 10, true}, {Between, 12, true}, {Between, 12.01, false}, {Between, 9.99, false},
		{"?", 10, false},
	} {
		l := Link{Comparator: c.cmp, Value: 10}
		if c.cmp == Between {
			l.ValueMax = f(12)
		}
		if got := l.met(c.x); got != c.want {
			t.Errorf("%v %s 10: %v, want %v", c.x, c.cmp, got, c.want)
		}
	}
	if !(Link{Comparator: Equal, Value: 100}).met(hundred) {
		t.Error("37/37 × 100 does not equal 100")
	}
	if (Link{Comparator: Between, Value: 1}).met(1) {
		t.Error("a range without its upper bound is met")
	}
}
