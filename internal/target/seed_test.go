package target_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/target"
)

// The import proposes a link for the seed 004 targets whose text names an
// indicator, and none for the others.
func TestProposeSeed004(t *testing.T) {
	matches, err := filepath.Glob(filepath.Join(seeds.Dir(t), "004_*.txt"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("seed 004: %v %v", matches, err)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	res, err := planimport.Parse(context.Background(), filepath.Base(matches[0]), data, planimport.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	p := planOf(res)
	want := []string{indicator.ShareLaw2012, indicator.Dissolved, indicator.GRDPShare, "",
		indicator.ShareManagersTrained, indicator.ShareManagersCollege, "", indicator.Exemplary}
	if len(p.Targets) != len(want) {
		t.Fatalf("%d targets, want %d", len(p.Targets), len(want))
	}
	for i, tg := range p.Targets {
		pr := target.ProposeFor(tg, p.IssuedOn)
		if pr.Indicator != want[i] {
			t.Errorf("target %d %q: proposed %q, want %q", i+1, tg.Text, pr.Indicator, want[i])
		}
		if pr.BaselineYear != 2017 {
			t.Errorf("target %d: baseline year %d, want 2017 (the plan is of 2018)", i+1, pr.BaselineYear)
		}
		if tg.Due == nil || pr.Deadline == nil || !pr.Deadline.Equal(*tg.Due) {
			t.Errorf("target %d: deadline %v, want the parsed due %v", i+1, pr.Deadline, tg.Due)
		}
	}
	check := func(i int, cmp string, value float64) {
		t.Helper()
		pr := target.ProposeFor(p.Targets[i], p.IssuedOn)
		if pr.Comparator != cmp || pr.Value == nil || *pr.Value != value {
			t.Errorf("target %d: %q %v, want %q %v", i+1, pr.Comparator, deref(pr.Value), cmp, value)
		}
	}
	check(2, target.Between, 1.0)
	check(4, target.Above, 50)
	check(5, target.AtLeast, 70) // "trong đó 70%": a plain figure is a floor
	check(7, target.AtLeast, 10)
	if pr := target.ProposeFor(p.Targets[2], p.IssuedOn); pr.ValueMax == nil || *pr.ValueMax != 1.2 {
		t.Errorf("range upper bound = %v", pr.ValueMax)
	}
	if pr := target.ProposeFor(p.Targets[0], p.IssuedOn); pr.Comparator != "" || pr.Value != nil {
		t.Errorf("a target without a figure got %q %v", pr.Comparator, deref(pr.Value))
	}
	if pr := target.ProposeFor(p.Targets[0], nil); pr.BaselineYear != 0 {
		t.Errorf("baseline year without an issue date = %d", pr.BaselineYear)
	}
}

// planOf takes what the import read as a stored plan has it.
func planOf(res *planimport.Result) plan.Plan {
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	tm := func(d *planimport.Date) *time.Time {
		if d == nil {
			return nil
		}
		x := d.Time()
		return &x
	}
	p := plan.Plan{IssuedOn: tm(res.Document.IssuedOn)}
	for _, t := range res.Targets {
		p.Targets = append(p.Targets, plan.Target{Text: t.Text, Comparator: str(t.Comparator), Value: t.Value,
			ValueMax: t.ValueMax, Unit: str(t.Unit), Due: tm(t.Due), Parent: t.Parent})
	}
	return p
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
