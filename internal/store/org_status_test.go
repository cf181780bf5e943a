package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

func TestStatusHistory(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	b := createOrg(t, db, newOrg("2800123457", "Hợp tác xã B"))
	add := func(s coop.Status) error {
		return db.Update(ctx, func(tx *store.Tx) error { return tx.AddStatus(ctx, &s) })
	}
	status := func(id int64) coop.StatusKind {
		t.Helper()
		o, err := db.Organisation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return o.Status
	}
	if err := add(coop.Status{OrganisationID: a.ID, Kind: coop.StatusSuspended, On: *day(2023, 1, 1),
		Until: day(2023, 12, 31), Document: "Quyết định 15/QĐ-UBND"}); err != nil {
		t.Fatal(err)
	}
	if got := status(a.ID); got != coop.StatusSuspended {
		t.Errorf("after suspension: %s", got)
	}
	if err := add(coop.Status{OrganisationID: a.ID, Kind: coop.StatusMerged, On: *day(2025, 3, 1),
		MergedInto: &b.ID, Document: "Nghị quyết Đại hội thành viên"}); err != nil {
		t.Fatal(err)
	}
	// An entry dated before the latest corrects the past, not the present.
	if err := add(coop.Status{OrganisationID: a.ID, Kind: coop.StatusActive, On: *day(2024, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	if got := status(a.ID); got != coop.StatusMerged {
		t.Errorf("after a back-dated entry: %s, want merged", got)
	}
	h, err := db.Statuses(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Kind != coop.StatusSuspended || h[1].Kind != coop.StatusActive || h[2].Kind != coop.StatusMerged {
		t.Fatalf("history %+v", h)
	}
	if h[0].Until == nil || fmtDate(h[0].Until) != "2023-12-31" || h[0].Document != "Quyết định 15/QĐ-UBND" {
		t.Errorf("suspension read back %+v", h[0])
	}
	if h[2].MergedInto == nil || *h[2].MergedInto != b.ID {
		t.Errorf("merger read back %+v", h[2])
	}
	before := counts(t, db, "organisation_statuses", "audit_log")
	missing := b.ID + 100
	wantField(t, add(coop.Status{OrganisationID: b.ID, Kind: coop.StatusMerged, On: *day(2025, 1, 1), MergedInto: &missing}), "merged_into")
	wantField(t, add(coop.Status{OrganisationID: b.ID, Kind: coop.StatusDissolved}), "on")
	wantSameCounts(t, before, counts(t, db, "organisation_statuses", "audit_log"))
	if got := status(b.ID); got != coop.StatusActive {
		t.Errorf("b after refused entries: %s", got)
	}
}
