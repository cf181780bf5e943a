package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
)

// TestReportStatusesAsOneByOne: the dashboard's shared reading gives, for
// every period, exactly what the tracking page's ReportStatus gives, with
// tasks dropped before, during and on the first day of periods, lead-only
// and lead-and-support schedules, reports sent on time and late, and a
// merger.
func TestReportStatusesAsOneByOne(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	// Liên minh leads I.2 alone: dropped during the second quarter's
	// window, or on the first day of the third's (15/06), which that
	// quarter still owes.
	for _, c := range []struct {
		name    string
		support bool
		dropI2  time.Time
	}{
		{"lead/during", false, time.Date(2025, 4, 1, 9, 0, 0, 0, ict)},
		{"lead/first_day", false, time.Date(2025, 6, 15, 9, 0, 0, 0, ict)},
		{"support/during", true, time.Date(2025, 4, 1, 9, 0, 0, 0, ict)},
		{"support/first_day", true, time.Date(2025, 6, 15, 9, 0, 0, 0, ict)},
	} {
		support := c.support
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db := newTestDB(t)
			ctx := context.Background()
			f := newFixture(t, db)
			quarterly(t, db, f, support)
			setClock(db, c.dropI2)
			if err := editTask(db, ctx, f.task(t, "I.2").ID, plan.TaskEdit{Drop: true, Decision: "Quyết định 45/QĐ-UBND"}); err != nil {
				t.Fatal(err)
			}
			setClock(db, time.Date(2025, 6, 15, 9, 0, 0, 0, ict))
			if err := editTask(db, ctx, f.task(t, "II.1").ID, plan.TaskEdit{Drop: true, Decision: "Quyết định 46/QĐ-UBND"}); err != nil {
				t.Fatal(err)
			}
			setClock(db, fixedNow)
			sendReport(t, db, f, "2025-Q1", f.TC.ID, time.Date(2025, 3, 20, 9, 0, 0, 0, ict))
			sendReport(t, db, f, "2025-Q2", f.LM.ID, time.Date(2025, 8, 1, 9, 0, 0, 0, ict))
			var keys []string
			for _, y := range []int{2025, 2026} {
				for _, p := range report.Periods(report.Quarterly, y) {
					keys = append(keys, p.Key())
				}
			}
			compare := func(stage string) {
				t.Helper()
				many, err := db.ReportStatuses(ctx, f.Plan.ID, keys)
				if err != nil {
					t.Fatal(err)
				}
				for i, k := range keys {
					one, err := db.ReportStatus(ctx, f.Plan.ID, k)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(one, many[i]) {
						t.Errorf("%s %s:\none by one %+v\ntogether   %+v", stage, k, one, many[i])
					}
				}
			}
			compare("before the merger")
			mergeKHDT(t, db, f)
			compare("after the merger")
		})
	}
}
