package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// TestPlanTaskCountsMatchTheTaskList: every count of the dashboard is the
// total of the task list its number links to, before and after a merger
// moves overdue tasks to the successor.
func TestPlanTaskCountsMatchTheTaskList(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	today := *day(2026, 11, 24)
	setClock(db, *day(2026, 10, 1))
	// I.2 (due 30/9) and II.1 (due 30/6) are overdue; II.2 is done.
	record(t, db, plan.Progress{TaskID: f.task(t, "I.2").ID, Status: plan.StatusInProgress, Note: "đang làm"})
	record(t, db, plan.Progress{TaskID: f.task(t, "II.2").ID, Status: plan.StatusDone, Note: "xong"})

	total := func(fl plan.TaskFilter) int {
		t.Helper()
		fl.PlanID, fl.Today, fl.PerPage = f.Plan.ID, today, -1
		_, n, err := db.Tasks(ctx, fl)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	check := func(stage string, wantOverdue map[string]int) {
		t.Helper()
		c, err := db.PlanTaskCounts(ctx, f.Plan.ID, today)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone, plan.StatusDoneLate, plan.StatusOverdue} {
			if got, want := c.ByStatus()[s], total(plan.TaskFilter{Status: s}); got != want {
				t.Errorf("%s: %s counted %d, the list has %d", stage, s, got, want)
			}
			for _, g := range f.Plan.Groups {
				if got, want := c.ByGroup[g.ID][s], total(plan.TaskFilter{Status: s, GroupID: g.ID}); got != want {
					t.Errorf("%s: group %s %s counted %d, the list has %d", stage, g.Code, s, got, want)
				}
			}
		}
		got := map[string]int{}
		for _, a := range c.Overdue {
			got[a.Agency.Name] = a.Count
			if want := total(plan.TaskFilter{AgencyID: a.Agency.ID, Status: plan.StatusOverdue}); a.Count != want {
				t.Errorf("%s: %s has %d overdue, its list %d", stage, a.Agency.Name, a.Count, want)
			}
		}
		if len(got) != len(wantOverdue) {
			t.Errorf("%s: overdue by agency %v, want %v", stage, got, wantOverdue)
		}
		for name, n := range wantOverdue {
			if got[name] != n {
				t.Errorf("%s: overdue by agency %v, want %v", stage, got, wantOverdue)
			}
		}
		if c.ByStatus()[plan.StatusOverdue] != 2 || c.ByStatus()[plan.StatusDone] != 1 {
			t.Errorf("%s: by status %v", stage, c.ByStatus())
		}
	}
	check("before the merger", map[string]int{"Liên minh Hợp tác xã tỉnh": 1, "Sở Kế hoạch và Đầu tư": 1, "UBND các huyện, thị xã, thành phố": 1})
	mergeKHDT(t, db, f)
	check("after the merger", map[string]int{"Liên minh Hợp tác xã tỉnh": 1, "Sở Tài chính": 1, "UBND các huyện, thị xã, thành phố": 1})

	// A task that both the merged agency and its successor work on counts
	// once for the successor: I.1 is led by both; make it overdue.
	update(t, db, func(tx *store.Tx) error {
		_, err := tx.EditTask(ctx, f.task(t, "I.1").ID, plan.TaskEdit{Timeframe: ptr("31/10/2026"), Reason: "điều chỉnh"})
		return err
	})
	c, err := db.PlanTaskCounts(ctx, f.Plan.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	tc := 0
	for _, a := range c.Overdue {
		if a.Agency.Name == "Sở Tài chính" {
			tc = a.Count
		}
	}
	if tc != 2 || c.ByStatus()[plan.StatusOverdue] != 3 {
		t.Errorf("Sở Tài chính has %d overdue, want 2 (I.1 once, II.1); by status %v", tc, c.ByStatus())
	}
}

func TestPlanTaskCountsEmpty(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	c, err := db.PlanTaskCounts(context.Background(), 999, *day(2026, 1, 1))
	if err != nil || len(c.ByGroup) != 0 || len(c.Overdue) != 0 {
		t.Errorf("%+v %v", c, err)
	}
}
