package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestConsolidatedSources: the consolidated report reads the reports that
// reached the coordinator, with their lines; a draft stays out.
func TestConsolidatedSources(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	s := quarterly(t, db, f, false)
	ict := time.FixedZone("ICT", 7*3600)
	sendReport(t, db, f, "2026-Q2", f.TC.ID, time.Date(2026, 6, 18, 9, 0, 0, 0, ict))
	update(t, db, func(tx *store.Tx) error {
		_, err := tx.OpenSubmission(ctx, f.Plan.ID, "2026-Q2", f.LM.ID) // a draft
		return err
	})
	got, err := db.ConsolidatedSources(ctx, s.ID, "2026-Q2")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].AgencyID != f.TC.ID || got[0].AgencyName != "Sở Tài chính" || got[0].State != report.Submitted || len(got[0].Lines) == 0 {
		t.Fatalf("sources %+v", got)
	}
	// The narrative of that quarter: none saved yet, then saved once.
	if _, ok, err := db.ConsolidatedNarrative(ctx, f.Plan.ID, "2026-Q2"); ok || err != nil {
		t.Fatalf("a narrative before any was saved: %v %v", ok, err)
	}
	n := report.Narrative{PlanID: f.Plan.ID, Period: "2026-q2", Assessment: "Đạt yêu cầu.", Recipients: []string{"Như trên;", "Lưu: VT."}}
	update(t, db, func(tx *store.Tx) error { return tx.SaveConsolidatedNarrative(ctx, &n) })
	back, ok, err := db.ConsolidatedNarrative(ctx, f.Plan.ID, "2026-Q2")
	if err != nil || !ok || back.Assessment != "Đạt yêu cầu." || len(back.Recipients) != 2 || back.UpdatedAt.IsZero() {
		t.Errorf("narrative read back %+v %v %v", back, ok, err)
	}
}
