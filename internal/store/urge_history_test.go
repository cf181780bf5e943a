package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// TestUrgesSent: an urge counts once however many officers it reached,
// by agency, and only for its plan and period.
func TestUrgesSent(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	tc := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	xd := createAgency(t, db, org.Agency{Name: "Sở Xây dựng"})
	createUser(t, db, "an@example.org", auth.RoleAgency, &tc.ID)
	createUser(t, db, "binh@example.org", auth.RoleAgency, &tc.ID)
	createUser(t, db, "xd@example.org", auth.RoleAgency, &xd.ID)
	for _, u := range []store.Urge{
		{AgencyID: tc.ID, DedupeKey: store.UrgeKeyPrefix(3, "2026-Q4", tc.ID) + "before"},
		{AgencyID: tc.ID, DedupeKey: store.UrgeKeyPrefix(3, "2026-Q4", tc.ID) + "overdue:1"},
		{AgencyID: xd.ID, DedupeKey: store.UrgeKeyPrefix(3, "2026-Q4", xd.ID) + "before"},
		{AgencyID: xd.ID, DedupeKey: store.UrgeKeyPrefix(3, "2026-Q3", xd.ID) + "before"},
		{AgencyID: xd.ID, DedupeKey: store.UrgeKeyPrefix(31, "2026-Q4", xd.ID) + "before"},
	} {
		u.NoticeText = "Đôn đốc"
		update(t, db, func(tx *store.Tx) error { _, err := tx.QueueUrge(ctx, u); return err })
	}
	got, err := db.UrgesSent(ctx, 3, "2026-Q4")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[tc.ID].Count != 2 || got[xd.ID].Count != 1 || got[tc.ID].Last.IsZero() {
		t.Errorf("urges sent: %+v, want 2 to %d and 1 to %d", got, tc.ID, xd.ID)
	}
}

// TestScheduledPlanIDs lists the plans with a reporting schedule only.
func TestScheduledPlanIDs(t *testing.T) {
	db := newTestDB(t)
	f := newFixture(t, db)
	ids, err := db.ScheduledPlanIDs(context.Background())
	if err != nil || len(ids) != 0 {
		t.Fatalf("before a schedule: %v, %v", ids, err)
	}
	quarterly(t, db, f, false)
	ids, err = db.ScheduledPlanIDs(context.Background())
	if err != nil || len(ids) != 1 || ids[0] != f.Plan.ID {
		t.Errorf("after: %v, %v; want [%d]", ids, err, f.Plan.ID)
	}
}
