package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestPagesFromRowsFollowProgress compares pages put together from kept
// rows and ID lists with the same pages read with every cache off, on one
// database, while progress changes tasks on the pages already read: a
// task's status alone, its percent, and many tasks at once by an import
// of progress. Statuses move tasks in and out of filtered lists; plain
// lists keep their IDs and must show the new rows.
func TestPagesFromRowsFollowProgress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	cached, plain := storetest.OpenAt(t, dsn), storetest.OpenAt(t, dsn)
	plain.DisableCache()
	asOf := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	res, err := gen.Generate(ctx, plain, gen.Config{Plans: 2, Tasks: 120, Progress: 80, Seed: 3, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	today := plan.Today(asOf)
	var filters []plan.TaskFilter
	for _, id := range res.PlanIDs {
		filters = append(filters,
			plan.TaskFilter{PlanID: id, Page: 1, PerPage: 50}, plan.TaskFilter{PlanID: id, Page: 3, PerPage: 50},
			plan.TaskFilter{PlanID: id, Page: 9, PerPage: 50}, plan.TaskFilter{PlanID: id, PerPage: -1},
			plan.TaskFilter{PlanID: id, Status: plan.StatusInProgress, Page: 1, PerPage: 20},
			plan.TaskFilter{PlanID: id, Status: plan.StatusDone, Page: 1, PerPage: 20},
			plan.TaskFilter{PlanID: id, Status: plan.StatusNotStarted, Page: 2, PerPage: 20},
			plan.TaskFilter{PlanID: id, Query: "hop tac xa", Page: 1, PerPage: 20},
			plan.TaskFilter{PlanID: id, Query: "xa", Page: 2, PerPage: 20})
	}
	filters = append(filters, plan.TaskFilter{Page: 1, PerPage: 50}, plan.TaskFilter{Page: 2, PerPage: 50, UrgentFirst: true})
	compare := func(step string) {
		t.Helper()
		for _, f := range filters {
			f.Today = today
			want, wantTotal, err := plain.Tasks(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for range 2 { // the first read may fill the caches, the second reads them
				got, total, err := cached.Tasks(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if total != wantTotal || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: %+v: %d tasks of %d, want %d of %d; first differing: %s",
						step, f, len(got), total, len(want), wantTotal, firstDiff(got, want))
				}
			}
		}
	}
	compare("first look")
	first, _, err := plain.Tasks(ctx, plan.TaskFilter{PlanID: res.PlanIDs[0], Today: today, Page: 1, PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	record := func(task plan.Task, status plan.Status, percent int) {
		t.Helper()
		update(t, plain, func(tx *store.Tx) error {
			return tx.RecordProgress(ctx, &plan.Progress{TaskID: task.ID, Status: status, Percent: &percent}, nil)
		})
	}
	record(first[3], plan.StatusDone, 100)
	compare("a task on the first page done")
	record(first[3], plan.StatusInProgress, 100)
	compare("the same task reopened, its percent unchanged")
	record(first[10], plan.StatusInProgress, 35)
	compare("another task's percent")
	var entries []plan.Progress
	for _, task := range first[20:40] {
		p := 60
		entries = append(entries, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Percent: &p,
			CreatedAt: asOf.Add(-time.Hour)})
	}
	update(t, plain, func(tx *store.Tx) error { return tx.ImportProgress(ctx, entries) })
	compare("progress imported for twenty tasks")
}

func firstDiff(got, want []plan.Task) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("#%d %+v, want %+v", i, got[i], want[i])
		}
	}
	return "lengths differ"
}
