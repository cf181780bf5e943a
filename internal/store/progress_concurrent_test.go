package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// Entries on one task from many writers at once leave the task as its
// latest entries say: its percent is the last percent recorded, and a
// note never reopens it. On PostgreSQL this needs the row lock.
func TestConcurrentProgressKeepsTaskInStep(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	id := f.task(t, "I.2").ID
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				p := plan.Progress{TaskID: id, Note: fmt.Sprintf("ghi chú %d-%d", w, i)}
				if i%2 == 0 {
					pct := (w*15 + i) % 99
					p.Status, p.Percent = plan.StatusInProgress, &pct
				}
				errs <- db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) })
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	task, err := db.Task(ctx, id, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	history, total, err := db.TaskProgress(ctx, id, 1, store.MaxPerPage)
	if err != nil {
		t.Fatal(err)
	}
	var last *int
	for i := len(history) - 1; i >= 0; i-- { // history is newest first
		if history[i].Percent != nil {
			last = history[i].Percent
		}
	}
	if len(history) != 120 || total != 120 || task.ProgressTotal != 120 || last == nil || task.Percent == nil || *task.Percent != *last {
		t.Errorf("task percent %v, latest entry's %v (%d entries, total %d, task says %d)",
			task.Percent, last, len(history), total, task.ProgressTotal)
	}
}
