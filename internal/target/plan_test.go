package target

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
)

// fixedSource is an indicator.Source with fixed figures: id → unit →
// year → value.
type fixedSource map[string]map[string]map[int]indicator.Value

func (s fixedSource) Series(_ context.Context, id, unit string, from, to int) ([]indicator.Value, error) {
	if id == "broken" {
		return nil, errors.New("broken source")
	}
	var out []indicator.Value
	for y := from; y <= to; y++ {
		v, ok := s[id][unit][y]
		if !ok {
			v = indicator.Value{ID: id, Year: y, Unit: unit}
		}
		out = append(out, v)
	}
	return out, nil
}

func share(id string, year int, num, den float64) indicator.Value {
	x := num / den * 100
	return indicator.Value{ID: id, Year: year, Value: &x, Numerator: num, Denominator: den}
}

// Seed 004's "Trên 50% cán bộ quản lý … được đào tạo, trong đó 70% …
// cao đẳng trở lên": among 200 managers 110 are trained (55 %) and 80
// have a college degree, 40 % of all managers but 72.7 % of the trained:
// the nested target is achieved only when read on its parent's
// population.
func TestEvaluatePlanNested(t *testing.T) {
	src := fixedSource{
		indicator.ShareManagersTrained: {"31": {
			2017: share(indicator.ShareManagersTrained, 2017, 60, 200),
			2019: share(indicator.ShareManagersTrained, 2019, 110, 200)}},
		indicator.ShareManagersCollege: {"31": {
			2017: share(indicator.ShareManagersCollege, 2017, 30, 200),
			2019: share(indicator.ShareManagersCollege, 2019, 80, 200)}},
	}
	parentID, childID := int64(5), int64(6)
	p := plan.Plan{Targets: []plan.Target{{ID: parentID, Text: "Trên 50% … được đào tạo"},
		{ID: childID, Text: "70% … cao đẳng trở lên", ParentID: &parentID}}}
	base := Link{Comparator: AtLeast, BaselineYear: 2017, Deadline: day("2020-12-31"), Scope: "31"}
	parent, child := base, base
	parent.TargetID, parent.Indicator, parent.Value, parent.Comparator = parentID, indicator.ShareManagersTrained, 50, Above
	child.TargetID, child.Indicator, child.Value = childID, indicator.ShareManagersCollege, 70
	today := day("2020-06-01")

	rows, err := EvaluatePlan(context.Background(), src, p, map[int64]Link{parentID: parent, childID: child}, today)
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0].Result; got.Status != Achieved || math.Abs(*got.Current-55) > 1e-9 {
		t.Errorf("parent: %s at %v, want achieved at 55", got.Status, deref(got.Current))
	}
	got := rows[1]
	if !got.Nested || got.Result.Status != Achieved || math.Abs(*got.Result.Current-80.0/110*100) > 1e-9 {
		t.Errorf("child: nested %v, %s at %v, want nested, achieved at 72.7", got.Nested, got.Result.Status, deref(got.Result.Current))
	}
	if b := got.Result.Baseline; b == nil || math.Abs(*b-50) > 1e-9 {
		t.Errorf("child baseline = %v, want 30/60 of the trained in 2017", deref(b))
	}

	// Without its parent linked, the child is read on all managers: 40 %.
	rows, err = EvaluatePlan(context.Background(), src, p, map[int64]Link{childID: child}, today)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Link != nil || rows[0].Result != nil {
		t.Error("an unlinked target has a result")
	}
	if got := rows[1]; got.Nested || math.Abs(*got.Result.Current-40) > 1e-9 || got.Result.Status != AtRisk {
		t.Errorf("child alone: nested %v, %s at %v, want 40 and at risk", got.Nested, got.Result.Status, deref(got.Result.Current))
	}

	// A parent that is not a share (a count) gives no population.
	parent.Indicator = indicator.Exemplary
	rows, err = EvaluatePlan(context.Background(), src, p, map[int64]Link{parentID: parent, childID: child}, today)
	if err != nil {
		t.Fatal(err)
	}
	if rows[1].Nested {
		t.Error("nested under a count")
	}
}

func TestEvaluatePlanErrorsAndYears(t *testing.T) {
	p := plan.Plan{Targets: []plan.Target{{ID: 1, Text: "x"}}}
	l := Link{TargetID: 1, Indicator: "broken", Comparator: AtLeast, Value: 1, BaselineYear: 2017, Deadline: day("2020-12-31")}
	if _, err := EvaluatePlan(context.Background(), fixedSource{}, p, map[int64]Link{1: l}, day("2019-01-01")); err == nil {
		t.Error("a failing source went unnoticed")
	}
	for _, c := range []struct {
		today    string
		from, to int
	}{{"2019-03-01", 2017, 2019}, {"2026-03-01", 2017, 2020}, {"2010-01-01", 2017, 2017}} {
		if from, to := SeriesYears(l, day(c.today)); from != c.from || to != c.to {
			t.Errorf("%s: years %d..%d, want %d..%d", c.today, from, to, c.from, c.to)
		}
	}
}

// A server without the indicator computation shows "no data", never a
// status made up from nothing.
func TestNoSource(t *testing.T) {
	s, err := NoSource{}.Series(context.Background(), indicator.Exemplary, "", 2017, 2020)
	if err != nil || len(s) != 4 || s[0].Year != 2017 || s[3].Year != 2020 {
		t.Fatalf("series = %+v, %v", s, err)
	}
	l := Link{Indicator: indicator.Exemplary, Comparator: AtLeast, Value: 10, BaselineYear: 2017, BaselineValue: f(1), Deadline: day("2020-12-31")}
	if got := Evaluate(l, s, day("2019-01-01")); got.Status != NoData {
		t.Errorf("status = %s", got.Status)
	}
}
