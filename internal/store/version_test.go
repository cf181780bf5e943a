package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// twoServers opens one database twice, as two servers behind a load
// balancer do: each has its own cache of task lists.
func twoServers(t *testing.T) (a, b *store.DB) {
	t.Helper()
	dsn := storetest.DSN(t)
	a, b = storetest.OpenAt(t, dsn), storetest.OpenAt(t, dsn)
	setClock(a, fixedNow)
	setClock(b, fixedNow)
	return a, b
}

// Every change that a task list shows must show at once on every server,
// although the lists are cached: the reader below has the list cached
// before each change is written through the other server.
func TestCachedTaskListsFollowEveryChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	writer, reader := twoServers(t)
	f := newFixture(t, writer)
	task := f.task(t, "II.2") // led by Sở Tài chính
	lists := map[string]plan.TaskFilter{
		"plan":        {PlanID: f.Plan.ID, Today: fixedNow},
		"plan+agency": {PlanID: f.Plan.ID, AgencyID: f.TC.ID, Today: fixedNow},
		"agency":      {AgencyID: f.TC.ID, Today: fixedNow, UrgentFirst: true},
		"query":       {Query: "tai chinh", Today: fixedNow},
	}
	find := func(t *testing.T, f plan.TaskFilter, code string) (plan.Task, int, bool) {
		t.Helper()
		tasks, total, err := reader.Tasks(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range tasks {
			if tk.Code == code {
				return tk, total, true
			}
		}
		return plan.Task{}, total, false
	}
	warm := func(t *testing.T) {
		t.Helper()
		for _, lf := range lists {
			find(t, lf, "")
			find(t, lf, "") // the second read comes from the cache
		}
	}

	t.Run("progress", func(t *testing.T) {
		warm(t)
		pct := 40
		record(t, writer, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Percent: &pct, Note: "x"})
		for name, lf := range lists {
			got, _, ok := find(t, lf, "II.2")
			if !ok || got.Status != plan.StatusInProgress || got.Percent == nil || *got.Percent != 40 {
				t.Errorf("%s: II.2 = %v %v (found %v), want in progress at 40%%", name, got.Status, got.Percent, ok)
			}
		}
	})
	t.Run("agency renamed", func(t *testing.T) {
		warm(t)
		a := f.TC
		a.Name = "Sở Tài chính tỉnh"
		update(t, writer, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })
		for name, lf := range lists {
			got, _, ok := find(t, lf, "II.2")
			if !ok || len(got.Lead) == 0 || got.Lead[0].Name != "Sở Tài chính tỉnh" {
				t.Errorf("%s: II.2 lead = %+v (found %v), want the new name", name, got.Lead, ok)
			}
		}
	})
	t.Run("new plan", func(t *testing.T) {
		warm(t)
		_, before, _ := find(t, lists["agency"], "")
		p := plan.Plan{Number: "2/KH", Title: "Kế hoạch mới", Groups: []plan.Group{{Code: "I", Title: "Một",
			Tasks: []plan.Task{{Code: "1", Content: "Nhiệm vụ mới", Lead: []plan.AgencyRef{ref(f.TC)}}}}}}
		update(t, writer, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
		if _, after, ok := find(t, lists["agency"], "1"); !ok || after != before+1 {
			t.Errorf("agency list total %d → %d (new task found %v), want one more", before, after, ok)
		}
	})
	t.Run("merged agency", func(t *testing.T) {
		// Sở Công Thương's new predecessor brings its tasks along.
		warm(t)
		pred := org.Agency{Name: "Sở Công nghiệp", Kind: org.KindDepartment, SuccessorID: &f.Other.ID,
			SuccessorSince: day(2025, 7, 1)}
		p := plan.Plan{Number: "3/KH", Title: "Kế hoạch cũ", Groups: []plan.Group{{Code: "I", Title: "Một",
			Tasks: []plan.Task{{Code: "C1", Content: "Việc của sở cũ"}}}}}
		bySuccessor := plan.TaskFilter{AgencyID: f.Other.ID, Today: fixedNow}
		find(t, bySuccessor, "")
		update(t, writer, func(tx *store.Tx) error {
			if err := tx.CreateAgency(ctx, &pred); err != nil {
				return err
			}
			p.Groups[0].Tasks[0].Lead = []plan.AgencyRef{ref(pred)}
			return tx.CreatePlan(ctx, &p)
		})
		if _, _, ok := find(t, bySuccessor, "C1"); !ok {
			t.Error("the successor's list lacks its new predecessor's task")
		}
	})
	t.Run("import", func(t *testing.T) {
		warm(t)
		update(t, writer, func(tx *store.Tx) error {
			return tx.ImportProgress(ctx, []plan.Progress{{TaskID: task.ID, Status: plan.StatusDone, Note: "xong",
				CreatedAt: fixedNow}})
		})
		for name, lf := range lists {
			if got, _, ok := find(t, lf, "II.2"); !ok || got.Status != plan.StatusDone {
				t.Errorf("%s: II.2 = %v (found %v), want done", name, got.Status, ok)
			}
		}
	})
}

// A caller that reorders or appends to a list must not change what the
// next caller gets from the cache.
func TestCachedTaskListIsACopy(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	lf := plan.TaskFilter{PlanID: f.Plan.ID, Today: fixedNow}
	first, _, err := db.Tasks(context.Background(), lf)
	if err != nil {
		t.Fatal(err)
	}
	want := taskCodes(first)
	first[0], first[len(first)-1] = first[len(first)-1], first[0]
	_ = append(first[:1], plan.Task{Code: "chen"})
	again, _, err := db.Tasks(context.Background(), lf)
	if err != nil {
		t.Fatal(err)
	}
	if got := taskCodes(again); !slices.Equal(got, want) {
		t.Errorf("second read = %q, want %q", got, want)
	}
}
