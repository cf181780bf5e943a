package gen

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Fewer entries than tasks: some tasks get one, the rest none.
func TestGenerateSparseProgress(t *testing.T) {
	t.Parallel()
	_, res := generate(t, Config{Plans: 1, Tasks: 50, Progress: 7, Seed: 5})
	if res.Progress != 7 || res.Status[plan.StatusNotStarted]+res.Status[plan.StatusOverdue] < 43 {
		t.Errorf("result %+v", res)
	}
	_, res = generate(t, Config{Plans: 0, Tasks: 50, Progress: 100, Seed: 5})
	if res.Progress != 0 || res.Tasks != 0 {
		t.Errorf("no plans: %+v", res)
	}
	if _, err := Generate(context.Background(), storetest.Open(t), Config{Plans: -1}); err == nil {
		t.Error("negative count accepted")
	}
}

// A task done late finishes after its due day, one done on time by it,
// and none after AsOf: the statuses the dashboards count come from these
// days.
func TestDoneDay(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { return *parseDay(s) }
	due := day("2026-03-31")
	g := &generator{asOf: asOf, r: rand.New(rand.NewPCG(1, 2))}
	from := day("2026-01-10")
	for i := range 500 {
		late := &genTask{tf: plan.Timeframe{Due: &due}, late: true}
		if got := g.doneDay(late, from); !got.After(due) || got.After(asOf) {
			t.Fatalf("#%d: a late task done on %v, want after %v and by %v", i, got, due, asOf)
		}
		onTime := &genTask{tf: plan.Timeframe{Due: &due}}
		if got := g.doneDay(onTime, from); got.After(due) || got.Before(from) {
			t.Fatalf("#%d: an on-time task done on %v, want between %v and %v", i, got, from, due)
		}
		open := &genTask{}
		if got := g.doneDay(open, from); got.After(asOf) || got.Before(from) {
			t.Fatalf("#%d: a task without a deadline done on %v, want between %v and %v", i, got, from, asOf)
		}
	}
}

// Each task's entries rise in time and in percentage, and a done task's
// last entry is the one that says so.
func TestHistoryRises(t *testing.T) {
	t.Parallel()
	g := &generator{asOf: asOf, r: rand.New(rand.NewPCG(3, 4))}
	for i := range 200 {
		task := &genTask{id: int64(i), issued: asOf.AddDate(-1, 0, 0), entries: 1 + i%9, fate: plan.StatusInProgress}
		if i%2 == 0 {
			task.fate = plan.StatusDone
		}
		h := g.history(task, nil)
		if len(h) != task.entries {
			t.Fatalf("task %d: %d entries, want %d", i, len(h), task.entries)
		}
		pct := 0
		for j, p := range h {
			if j > 0 && !p.CreatedAt.After(h[j-1].CreatedAt) {
				t.Errorf("task %d: entry %d at %v not after %v", i, j, p.CreatedAt, h[j-1].CreatedAt)
			}
			if p.Percent != nil {
				if *p.Percent < pct {
					t.Errorf("task %d: %d %% after %d %%", i, *p.Percent, pct)
				}
				pct = *p.Percent
			}
			last := j == len(h)-1
			if done := p.Status == plan.StatusDone; done != (last && task.fate == plan.StatusDone) {
				t.Errorf("task %d: entry %d of %d has status %s (fate %s)", i, j+1, len(h), p.Status, task.fate)
			}
		}
	}
}
