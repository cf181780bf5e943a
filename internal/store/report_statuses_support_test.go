package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReportStatusesSupportLastDropped: Hội Nông dân only supports two
// tasks, dropped on 01/04/2025 (inside the second quarter's window,
// 15/03–14/06) and on 15/06/2025 (the first day of the third's). With a
// schedule that asks supporters too, it owes a report up to the last of
// those days: the first three quarters expect it, the fourth and later
// do not; a lead-only schedule never expects it. The dashboard's
// ReportStatuses sums its assignments in SQL (liveAssignments), so the
// day it reads must be the last one dropped, of its supporting rows.
func TestReportStatusesSupportLastDropped(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	for _, support := range []bool{true, false} {
		name := "lead only"
		if support {
			name = "with support"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := newTestDB(t)
			ctx := context.Background()
			tc := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
			hnd := createAgency(t, db, org.Agency{Name: "Hội Nông dân tỉnh"})
			p := plan.Plan{Number: "12/KH-UBND", Title: "Kế hoạch hỗ trợ hợp tác xã", Issuer: "UBND tỉnh",
				Groups: []plan.Group{{Code: "I", Title: "Hỗ trợ", Tasks: []plan.Task{
					{Code: "I.1", Ordinal: 1, Content: "Tập huấn cán bộ hợp tác xã",
						Lead: []plan.AgencyRef{ref(tc)}, Support: []plan.AgencyRef{ref(hnd)}},
					{Code: "I.2", Ordinal: 2, Content: "Xây dựng mô hình liên kết",
						Lead: []plan.AgencyRef{ref(tc)}, Support: []plan.AgencyRef{ref(hnd)}},
					{Code: "I.3", Ordinal: 3, Content: "Rà soát hợp tác xã",
						Lead: []plan.AgencyRef{ref(tc)}},
				}}}}
			update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
			s := report.NewSchedule(report.Quarterly)
			s.PlanID, s.IncludeSupport = p.ID, support
			update(t, db, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) })
			// The later drop first: the day read must be the last one,
			// whatever order the tasks come in.
			for _, d := range []struct {
				task int
				at   time.Time
			}{{1, time.Date(2025, 6, 15, 9, 0, 0, 0, ict)}, {0, time.Date(2025, 4, 1, 9, 0, 0, 0, ict)}} {
				setClock(db, d.at)
				id := p.Groups[0].Tasks[d.task].ID
				if err := editTask(db, ctx, id, plan.TaskEdit{Drop: true, Decision: "Quyết định 45/QĐ-UBND"}); err != nil {
					t.Fatal(err)
				}
			}
			setClock(db, fixedNow)

			want := map[string]bool{"2025-Q1": support, "2025-Q2": support, "2025-Q3": support,
				"2025-Q4": false, "2026-Q1": false}
			keys := []string{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"}
			many, err := db.ReportStatuses(ctx, p.ID, keys)
			if err != nil {
				t.Fatal(err)
			}
			for i, k := range keys {
				expected := map[int64]bool{}
				for _, r := range many[i].Rows {
					expected[r.AgencyID] = true
				}
				if expected[hnd.ID] != want[k] {
					t.Errorf("%s: Hội Nông dân expected = %v, want %v (rows %+v)", k, expected[hnd.ID], want[k], many[i].Rows)
				}
				if !expected[tc.ID] {
					t.Errorf("%s: Sở Tài chính, which keeps I.3, not expected", k)
				}
				one, err := db.ReportStatus(ctx, p.ID, k)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(one, many[i]) {
					t.Errorf("%s:\none by one %+v\ntogether   %+v", k, one, many[i])
				}
			}
		})
	}
}
