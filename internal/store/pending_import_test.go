package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

func createPending(t *testing.T, db *store.DB, userID int64) store.PendingImport {
	t.Helper()
	p := store.PendingImport{UserID: userID, SourceName: "ke-hoach.docx", Result: `{"groups":[]}`, Lines: `["dòng 1"]`}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePendingImport(context.Background(), &p) })
	return p
}

// A pending import is read back only by its owner, until it expires.
func TestPendingImportOwnerAndExpiry(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	owner := createUser(t, db, "dieuphoi@hoptac.vn", auth.RoleCoordinator, nil)
	other := createUser(t, db, "quantri@hoptac.vn", auth.RoleAdmin, nil)
	p := createPending(t, db, owner.ID)
	q := createPending(t, db, owner.ID)
	if len(p.ID) != 32 || p.ID == q.ID || !p.ExpiresAt.Equal(fixedNow.Add(store.PendingImportTTL)) {
		t.Errorf("ids %q, %q, expiry %v: want two random ids, expiring after the TTL", p.ID, q.ID, p.ExpiresAt)
	}
	got, err := db.PendingImport(ctx, p.ID, owner.ID)
	if err != nil || got.Result != p.Result || got.Lines != p.Lines || got.SourceName != p.SourceName || got.ConfirmedAt != nil {
		t.Errorf("PendingImport = %+v, %v", got, err)
	}
	_, err = db.PendingImport(ctx, p.ID, other.ID)
	wantCode(t, err, apperr.NotFound)

	setClock(db, fixedNow.Add(store.PendingImportTTL))
	_, err = db.PendingImport(ctx, p.ID, owner.ID)
	wantCode(t, err, apperr.NotFound)
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.ClaimPendingImport(ctx, p.ID, owner.ID) }), apperr.NotFound)
	// The next import read clears the expired ones.
	createPending(t, db, other.ID)
	if n := count(t, db, "pending_imports"); n != 1 {
		t.Errorf("%d pending imports after expiry, want only the new one", n)
	}
}

// Exactly one claim of a pending import succeeds, even when several run at
// once; the others get a Conflict and the claim records the plan.
func TestClaimPendingImportOnce(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	owner := createUser(t, db, "dieuphoi@hoptac.vn", auth.RoleCoordinator, nil)
	other := createUser(t, db, "quantri@hoptac.vn", auth.RoleAdmin, nil)
	p := createPending(t, db, owner.ID)
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.ClaimPendingImport(ctx, p.ID, other.ID) }), apperr.NotFound)

	// A claim rolled back with its transaction leaves the import open.
	rollback := apperr.New(apperr.Validation, "error.validation")
	if err := db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.ClaimPendingImport(ctx, p.ID, owner.ID); err != nil {
			return err
		}
		return rollback
	}); err != rollback {
		t.Fatalf("Update = %v", err)
	}

	f := newFixture(t, db)
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.ClaimPendingImport(ctx, p.ID, owner.ID); err != nil {
					return err
				}
				return tx.SetPendingImportPlan(ctx, p.ID, f.Plan.ID)
			})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case apperr.CodeOf(err) != apperr.Conflict:
			t.Errorf("a losing claim: %v, want a Conflict", err)
		}
	}
	if won != 1 {
		t.Errorf("%d claims succeeded, want exactly 1", won)
	}
	got, err := db.PendingImport(ctx, p.ID, owner.ID)
	if err != nil || got.ConfirmedAt == nil || got.PlanID == nil || *got.PlanID != f.Plan.ID {
		t.Errorf("claimed import reads %+v, %v", got, err)
	}
}
