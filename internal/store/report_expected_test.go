package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestDroppedTasksLeaveLaterPeriods: a task dropped on 01/04/2025, inside
// the second quarter's window (15/03–14/06), is still owed for that
// quarter, so its agency reports on it; from the third quarter on it is
// not. Liên minh leads only I.2: once that is dropped it is not expected to
// report at all. Sở Tài chính keeps I.1, so it is still expected, but
// without a line for the dropped II.2. A task dropped on a period's first
// day was owed that day and keeps its line for the period.
func TestDroppedTasksLeaveLaterPeriods(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	ict := time.FixedZone("ICT", 7*3600)
	setClock(db, time.Date(2025, 4, 1, 9, 0, 0, 0, ict))
	for _, code := range []string{"I.2", "II.2"} {
		if err := editTask(db, ctx, f.task(t, code).ID, plan.TaskEdit{Drop: true, Decision: "Quyết định 45/QĐ-UBND"}); err != nil {
			t.Fatalf("drop %s: %v", code, err)
		}
	}
	// II.1 is dropped on the first day of the third quarter's window:
	// that day is still owed, so the quarter still has its line.
	setClock(db, time.Date(2025, 6, 15, 9, 0, 0, 0, ict))
	if err := editTask(db, ctx, f.task(t, "II.1").ID, plan.TaskEdit{Drop: true, Decision: "Quyết định 46/QĐ-UBND"}); err != nil {
		t.Fatalf("drop II.1: %v", err)
	}
	setClock(db, fixedNow)

	for _, c := range []struct {
		period string
		lm     bool   // Liên minh expected
		lines  string // Sở Tài chính's report lines
		khdt   string // Sở KH&ĐT's
	}{
		{"2025-Q1", true, "I.1 II.2", "I.1 II.1"},
		{"2025-Q2", true, "I.1 II.2", "I.1 II.1"}, // dropped during the period: still reported on
		{"2025-Q3", false, "I.1", "I.1 II.1"},
		{"2025-Q4", false, "I.1", "I.1"},
		{"2026-Q1", false, "I.1", "I.1"},
	} {
		t.Run(c.period, func(t *testing.T) {
			st, err := db.ReportStatus(ctx, f.Plan.ID, c.period)
			if err != nil {
				t.Fatal(err)
			}
			lm := false
			for _, r := range st.Rows {
				lm = lm || r.AgencyID == f.LM.ID
			}
			if lm != c.lm {
				t.Errorf("Liên minh expected = %v, want %v (rows %+v)", lm, c.lm, st.Rows)
			}
			// Sở Tài chính and Sở KH&ĐT, and Liên minh while it owes a
			// report: one nobody owes must not count against the rate.
			want := 2
			if c.lm {
				want = 3
			}
			if st.Rates.Expected != want {
				t.Errorf("%d reports expected, want %d", st.Rates.Expected, want)
			}
			for _, a := range []struct {
				id    int64
				name  string
				lines string
			}{{f.TC.ID, "Sở Tài chính", c.lines}, {f.KHDT.ID, "Sở KH&ĐT", c.khdt}} {
				var s report.Submission
				update(t, db, func(tx *store.Tx) error {
					s, err = tx.OpenSubmission(ctx, f.Plan.ID, c.period, a.id)
					return err
				})
				var codes []string
				for _, l := range s.Lines {
					codes = append(codes, l.TaskCode)
				}
				if got := strings.Join(codes, " "); got != a.lines {
					t.Errorf("%s's lines %q, want %q", a.name, got, a.lines)
				}
			}
			err = db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.OpenSubmission(ctx, f.Plan.ID, c.period, f.LM.ID)
				return err
			})
			if c.lm && err != nil {
				t.Errorf("Liên minh's report: %v", err)
			}
			if !c.lm {
				if e := wantCode(t, err, "not_found"); e.Key != "error.report_not_expected" {
					t.Errorf("Liên minh's report: key %s, want error.report_not_expected", e.Key)
				}
			}
		})
	}
}
