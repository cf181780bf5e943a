package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/store"
)

func TestDistinctPairIsNotProposedAgain(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := createOrg(t, db, inCommune("2800000001", "Hợp tác xã Chè Tân Cương", "17605", day(2008, 1, 1)))
	b := createOrg(t, db, inCommune("2800000002", "Hợp tác xã Chè Tân Cương", "17605", day(2008, 1, 1)))
	c := createOrg(t, db, inCommune("2800000003", "Hợp tác xã Chè Tân Cương", "17605", day(2008, 1, 1)))
	if n := len(duplicatePairs(t, db)); n != 3 {
		t.Fatalf("%d pairs before, want 3", n)
	}
	audits := count(t, db, "audit_log")
	update(t, db, func(tx *store.Tx) error { return tx.MarkDistinct(ctx, b.ID, a.ID) })
	if n := count(t, db, "audit_log"); n != audits+1 {
		t.Errorf("audit entries %d, want %d", n, audits+1)
	}
	got := duplicatePairs(t, db)
	if _, ok := got[[2]int64{a.ID, b.ID}]; ok || len(got) != 2 {
		t.Errorf("after marking distinct: %v; want the other two pairs", got)
	}
	// Marking again changes nothing.
	update(t, db, func(tx *store.Tx) error { return tx.MarkDistinct(ctx, a.ID, b.ID) })
	if n := count(t, db, "organisation_distinct"); n != 1 {
		t.Errorf("distinct rows %d, want 1", n)
	}
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.MarkDistinct(ctx, c.ID, c.ID) }), apperr.Validation)
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.MarkDistinct(ctx, c.ID, c.ID+100) }), apperr.NotFound)
}
