package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// BenchmarkTaskPages reads pages of a 10,000-task plan, from the first page
// to the last, plain and filtered, twice: "writes" with the caches on while
// progress is written between reads (each moves the plan's revision and a
// task's, so the page itself is never in the cache and what survives
// writes is what it times), and "cold" with every cache off. A page's cost
// should not grow with its number.
func BenchmarkTaskPages(b *testing.B) {
	ctx := context.Background()
	dsn := storetest.DSN(b)
	db, cached := storetest.OpenAt(b, dsn), storetest.OpenAt(b, dsn)
	asOf := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	res, err := gen.Generate(ctx, db, gen.Config{Plans: 1, Tasks: 10_000, Progress: 5_000, Seed: 1, AsOf: asOf})
	if err != nil {
		b.Fatal(err)
	}
	db.DisableCache()
	planID := res.PlanIDs[0]
	var agency int64
	if err := db.SQL().QueryRow(`SELECT agency_id FROM task_agencies GROUP BY agency_id ORDER BY COUNT(*) DESC LIMIT 1`).
		Scan(&agency); err != nil {
		b.Fatal(err)
	}
	today := plan.Today(asOf)
	for _, c := range []struct {
		name string
		f    plan.TaskFilter
	}{
		{"plan/page=1", plan.TaskFilter{PlanID: planID, Page: 1}},
		{"plan/page=100", plan.TaskFilter{PlanID: planID, Page: 100}},
		{"plan/page=200", plan.TaskFilter{PlanID: planID, Page: 200}},
		{"plan+overdue/page=1", plan.TaskFilter{PlanID: planID, Status: plan.StatusOverdue, Page: 1}},
		{"plan+overdue/page=last", plan.TaskFilter{PlanID: planID, Status: plan.StatusOverdue, Page: 40}},
		{"plan+agency/page=1", plan.TaskFilter{PlanID: planID, AgencyID: agency, Page: 1}},
		{"agency-urgent/page=1", plan.TaskFilter{AgencyID: agency, UrgentFirst: true, Page: 1}},
		{"agency-urgent/page=20", plan.TaskFilter{AgencyID: agency, UrgentFirst: true, Page: 20}},
	} {
		f := c.f
		f.Today, f.PerPage = today, 50
		b.Run(c.name+"/writes", func(b *testing.B) {
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE tasks SET rev = rev + 1 WHERE id = ?`), 1+i%10_000); err != nil {
					b.Fatal(err)
				}
				if _, err := db.SQL().ExecContext(ctx, `UPDATE plans SET rev = rev + 1`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, _, err := cached.Tasks(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/cold", func(b *testing.B) {
			var n int
			for b.Loop() {
				tasks, _, err := db.Tasks(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(tasks)
			}
			b.ReportMetric(float64(n), "tasks/page")
		})
	}
}
