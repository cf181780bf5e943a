package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// ReportStatusIn, given the plan's schedules as the tracking page reads
// them, answers exactly what ReportStatus answers, and refuses a period
// no schedule has.
func TestReportStatusInSameAsReportStatus(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	ict := time.FixedZone("ICT", 7*3600)
	sendReport(t, db, f, "2025-Q1", f.LM.ID, time.Date(2025, 3, 20, 23, 0, 0, 0, ict))
	schedules, err := db.Schedules(ctx, f.Plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"2025-Q1", "2025-Q2"} {
		want, err := db.ReportStatus(ctx, f.Plan.ID, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.ReportStatusIn(ctx, f.Plan.ID, key, schedules)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ReportStatusIn %+v\nReportStatus %+v", key, got, want)
		}
	}
	_, err = db.ReportStatusIn(ctx, f.Plan.ID, "2025", schedules)
	wantCode(t, err, "not_found")
}
