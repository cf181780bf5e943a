package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// PlanTargetLinks gives a plan's targets in order, each nested one with
// its parent's ID, and the plan's links only, the same read inside a
// transaction and outside.
func TestPlanTargetLinks(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := targetPlan(t, db, "135/KH-UBND")
	other := targetPlan(t, db, "136/KH-UBND")
	for _, pl := range []plan.Plan{p, other} {
		l := target.Link{TargetID: pl.Targets[1].ID, Indicator: indicator.ShareManagersTrained, Comparator: target.Above,
			Value: 50, BaselineYear: 2017, Deadline: *day(2020, 12, 31)}
		update(t, db, func(tx *store.Tx) error { return tx.SaveTargetLink(ctx, pl.ID, &l) })
	}
	check := func(name string, targets []plan.Target, links map[int64]target.Link, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if len(targets) != len(p.Targets) {
			t.Fatalf("%s: %d targets, want %d", name, len(targets), len(p.Targets))
		}
		for i, tg := range targets {
			want := p.Targets[i]
			if tg.ID != want.ID || tg.Text != want.Text || (tg.ParentID == nil) != (want.ParentID == nil) ||
				tg.ParentID != nil && *tg.ParentID != *want.ParentID {
				t.Errorf("%s: target %d = %+v, want %+v", name, i, tg, want)
			}
		}
		if len(links) != 1 || links[p.Targets[1].ID].Indicator != indicator.ShareManagersTrained {
			t.Errorf("%s: links %+v, want target %d's alone", name, links, p.Targets[1].ID)
		}
	}
	targets, links, err := db.PlanTargetLinks(ctx, p.ID)
	check("DB", targets, links, err)
	update(t, db, func(tx *store.Tx) error {
		targets, links, err := tx.PlanTargetLinks(ctx, p.ID)
		check("Tx", targets, links, err)
		return nil
	})
}
