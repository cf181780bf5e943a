package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// A confirmed import's row keeps what it did and lets go of its source;
// the other pending imports are untouched.
func TestSetPendingImportResult(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	owner := createUser(t, db, "dieuphoi@hoptac.vn", auth.RoleCoordinator, nil)
	p := createPending(t, db, owner.ID)
	q := createPending(t, db, owner.ID)
	update(t, db, func(tx *store.Tx) error {
		return tx.SetPendingImportResult(ctx, p.ID, `{"kind":"register","summary":{"created":2}}`)
	})
	got, err := db.PendingImport(ctx, p.ID, owner.ID)
	if err != nil || got.Result != `{"kind":"register","summary":{"created":2}}` || got.Lines != "" {
		t.Errorf("after the result: %+v, %v", got, err)
	}
	if other, err := db.PendingImport(ctx, q.ID, owner.ID); err != nil || other.Result != q.Result || other.Lines != q.Lines {
		t.Errorf("another pending import changed: %+v, %v", other, err)
	}
}
