package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// quarterly gives the fixture's plan a quarterly schedule.
func quarterly(t *testing.T, db *store.DB, f *fixture, support bool) report.Schedule {
	t.Helper()
	s := report.NewSchedule(report.Quarterly)
	s.PlanID, s.IncludeSupport = f.Plan.ID, support
	update(t, db, func(tx *store.Tx) error { return tx.CreateSchedule(context.Background(), &s) })
	return s
}

// sendReport opens and submits agency's report for period at the given
// time, as that moment's clock.
func sendReport(t *testing.T, db *store.DB, f *fixture, period string, agency int64, at time.Time) report.Submission {
	t.Helper()
	setClock(db, at)
	defer setClock(db, fixedNow)
	var s report.Submission
	update(t, db, func(tx *store.Tx) error {
		var err error
		if s, err = tx.OpenSubmission(context.Background(), f.Plan.ID, period, agency); err != nil {
			return err
		}
		s, err = tx.ActOnSubmission(context.Background(), s.ID, report.Submit, "")
		return err
	})
	return s
}

// TestReportStatusAcrossAMerger: Sở KH&ĐT merges into Sở Tài chính on
// 01/03/2025, in the first quarter. Both send a report for the quarter:
// the quarter expected one from them, so the rates stay at 100%.
func TestReportStatusAcrossAMerger(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	mergeKHDT(t, db, f)
	ict := time.FixedZone("ICT", 7*3600)
	sendReport(t, db, f, "2025-Q1", f.KHDT.ID, time.Date(2025, 2, 20, 9, 0, 0, 0, ict))
	sendReport(t, db, f, "2025-Q1", f.TC.ID, time.Date(2025, 3, 10, 9, 0, 0, 0, ict))
	sendReport(t, db, f, "2025-Q1", f.LM.ID, time.Date(2025, 3, 20, 23, 0, 0, 0, ict)) // the due day, late evening
	st, err := db.ReportStatus(ctx, f.Plan.ID, "2025-Q1")
	if err != nil {
		t.Fatal(err)
	}
	if st.Rates.Expected != 2 || st.Rates.ReportingRate() != 100 || st.Rates.OnTimeRate() != 100 || len(st.Missing()) != 0 {
		t.Fatalf("rates %+v (%v%%, %v%%), missing %v; want 2 expected, 100%%, 100%%", st.Rates,
			st.Rates.ReportingRate(), st.Rates.OnTimeRate(), st.Missing())
	}
	if !st.DueOn.Equal(*day(2025, 3, 20)) || !st.Start.Equal(*day(2024, 12, 15)) || !st.End.Equal(*day(2025, 3, 14)) {
		t.Errorf("window %s–%s due %s", st.Start, st.End, st.DueOn)
	}
	// Rows in Vietnamese order: Liên minh, then Sở Tài chính (met by KH&ĐT's February report).
	if len(st.Rows) != 2 || st.Rows[0].AgencyID != f.LM.ID || st.Rows[1].AgencyID != f.TC.ID || st.Rows[1].By != f.KHDT.ID ||
		st.Rows[1].State != report.Submitted || st.Rows[1].SubmissionID == 0 {
		t.Errorf("rows %+v", st.Rows)
	}
	// The next quarter: only Liên minh reports, a day late.
	sendReport(t, db, f, "2025-Q2", f.LM.ID, time.Date(2025, 6, 21, 9, 0, 0, 0, ict))
	st, err = db.ReportStatus(ctx, f.Plan.ID, "2025-Q2")
	if err != nil {
		t.Fatal(err)
	}
	if st.Rates.ReportingRate() != 50 || st.Rates.OnTimeRate() != 0 || len(st.Missing()) != 1 ||
		st.Missing()[0].AgencyID != f.TC.ID || !st.Rows[0].Late {
		t.Errorf("Q2: rates %+v, missing %+v, rows %+v", st.Rates, st.Missing(), st.Rows)
	}
	sum, err := db.ReportRates(ctx, f.Plan.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Plan.Expected != 8 || sum.Plan.Sent != 3 || sum.Plan.OnTime != 2 || sum.ByAgency[f.TC.ID].Sent != 1 ||
		sum.ByAgency[f.LM.ID].OnTime != 1 || sum.ByPeriod["2025-Q1"].Sent != 2 {
		t.Errorf("year: %+v", sum)
	}
	if sum.Plan.ReportingRate() > 100 {
		t.Errorf("reporting rate %v", sum.Plan.ReportingRate())
	}
}

// TestReportStatusExpects: designations expand to their members when
// supporters report too; an agency not yet in existence is not expected;
// a period key of another frequency or a wrong key is refused.
func TestReportStatusExpects(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, true)
	late := createAgency(t, db, org.Agency{Name: "UBND huyện mới", Kind: org.KindCommittee, ValidFrom: day(2026, 1, 1)})
	old := createAgency(t, db, org.Agency{Name: "UBND huyện cũ", Kind: org.KindCommittee})
	update(t, db, func(tx *store.Tx) error { return tx.SetDesignationMembers(ctx, f.UBND.ID, []int64{late.ID, old.ID}) })
	st, err := db.ReportStatus(ctx, f.Plan.ID, "2025-Q4")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]bool{f.TC.ID: true, f.KHDT.ID: true, f.LM.ID: true, old.ID: true}
	if len(st.Rows) != len(want) {
		t.Fatalf("rows %+v, want %v", st.Rows, want)
	}
	for _, r := range st.Rows {
		if !want[r.AgencyID] {
			t.Errorf("unexpected %s", r.AgencyName)
		}
	}
	st, err = db.ReportStatus(ctx, f.Plan.ID, "2026-Q1")
	if err != nil || len(st.Rows) != 5 {
		t.Errorf("2026-Q1: %d rows, %v; want the new district too", len(st.Rows), err)
	}
	_, err = db.ReportStatus(ctx, f.Plan.ID, "2025")
	wantCode(t, err, "not_found") // no yearly schedule
	_, err = db.ReportStatus(ctx, f.Plan.ID, "2025-Q9")
	wantField(t, err, "period")
	_, err = db.ReportStatus(ctx, 999999, "2025-Q1")
	wantCode(t, err, "not_found")
}
