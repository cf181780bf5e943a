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

// TestOpenSubmissionPrefills: an agency's draft holds one line per task it
// answers for, inherited ones included, with the progress recorded on it
// during the window; progress outside the window stays out.
func TestOpenSubmissionPrefills(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	mergeKHDT(t, db, f)
	ict := time.FixedZone("ICT", 7*3600)
	at := func(tm time.Time, p plan.Progress) {
		setClock(db, tm)
		record(t, db, p)
		setClock(db, fixedNow)
	}
	ii2 := f.task(t, "II.2").ID
	at(time.Date(2025, 3, 14, 23, 0, 0, 0, ict), plan.Progress{TaskID: ii2, Status: plan.StatusInProgress, Note: "Giải ngân 2 tỷ đồng"})
	at(time.Date(2025, 3, 15, 0, 30, 0, 0, ict), plan.Progress{TaskID: ii2, Status: plan.StatusDone, Note: "sau kỳ"})
	at(time.Date(2025, 3, 20, 9, 0, 0, 0, ict), plan.Progress{TaskID: f.task(t, "II.1").ID, Status: plan.StatusInProgress, Note: "kỳ sau"})

	var s report.Submission
	update(t, db, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(ctx, f.Plan.ID, "2025-Q1", f.TC.ID)
		return err
	})
	if s.State != report.Draft || s.AgencyName != "Sở Tài chính" || !s.DueOn.Equal(*day(2025, 3, 20)) || s.PlanID != f.Plan.ID {
		t.Errorf("draft %+v", s)
	}
	codes := []string{}
	for _, l := range s.Lines {
		codes = append(codes, l.TaskCode)
	}
	if strings.Join(codes, " ") != "I.1 II.1 II.2" {
		t.Errorf("lines for %v, want I.1 II.1 II.2 (II.1 inherited from KH&ĐT)", codes)
	}
	for _, l := range s.Lines {
		switch l.TaskCode {
		case "II.2":
			if l.Status != "in_progress" || l.Done != "Giải ngân 2 tỷ đồng" {
				t.Errorf("II.2 prefilled %+v", l)
			}
		default:
			if l.Status != "" || l.Done != "" {
				t.Errorf("%s prefilled from outside the window: %+v", l.TaskCode, l)
			}
		}
	}
	if len(s.Events) != 1 || s.Events[0].Action != report.Open {
		t.Errorf("history %+v", s.Events)
	}
	// Opening again returns the same report.
	update(t, db, func(tx *store.Tx) error {
		again, err := tx.OpenSubmission(ctx, f.Plan.ID, "2025-Q1", f.TC.ID)
		if again.ID != s.ID {
			t.Errorf("opened %d, then %d", s.ID, again.ID)
		}
		return err
	})
	err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.OpenSubmission(ctx, f.Plan.ID, "2025-Q1", f.Other.ID)
		return err
	})
	if e := wantCode(t, err, "not_found"); e.Key != "error.report_not_expected" {
		t.Errorf("key %s", e.Key)
	}
	err = db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.OpenSubmission(ctx, f.Plan.ID, "2025-M01", f.TC.ID)
		return err
	})
	wantCode(t, err, "not_found") // no monthly schedule
}
