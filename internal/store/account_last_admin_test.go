package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// activeAdmins counts the accounts that can still manage the others.
func activeAdmins(t *testing.T, db *store.DB) int {
	t.Helper()
	users, err := db.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, u := range users {
		if u.Role == auth.RoleAdmin && !u.Disabled {
			n++
		}
	}
	return n
}

// The last active administrator can be neither demoted nor disabled, by
// themselves or from the command line (no acting user); a disabled
// administrator does not count, and once another is active the change goes
// through.
func TestLastActiveAdminIsKept(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	admin := createUser(t, db, "quantri@hoptac.local", auth.RoleAdmin, nil)
	old := createUser(t, db, "quantri.cu@hoptac.local", auth.RoleAdmin, nil)
	update(t, db, func(tx *store.Tx) error { return tx.SetDisabled(asUser(admin), old.ID, true) })

	demote := func(actor context.Context, role auth.Role) func(*store.Tx) error {
		return func(tx *store.Tx) error {
			_, err := tx.UpdateAccount(actor, admin.ID, admin.Name, role, nil)
			return err
		}
	}
	for _, tt := range []struct {
		name   string
		change func(*store.Tx) error
	}{
		{"demoted by themselves", demote(asUser(admin), auth.RoleViewer)},
		{"demoted from the command line", demote(ctx, auth.RoleCoordinator)},
		{"disabled from the command line", func(tx *store.Tx) error { return tx.SetDisabled(ctx, admin.ID, true) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := wantCode(t, db.Update(ctx, tt.change), apperr.Conflict)
			if e.Key != "error.account_last_admin" {
				t.Errorf("key = %q, want error.account_last_admin", e.Key)
			}
			if activeAdmins(t, db) != 1 {
				t.Error("the refused change was written")
			}
		})
	}
	if n := auditActions(t, db, "user", admin.ID)["update"]; n != 0 {
		t.Errorf("refused changes left %d audit entries", n)
	}
	// Renaming keeps the role: it is not refused.
	update(t, db, func(tx *store.Tx) error {
		_, err := tx.UpdateAccount(asUser(admin), admin.ID, "Quản trị mới", auth.RoleAdmin, nil)
		return err
	})
	update(t, db, func(tx *store.Tx) error { return tx.SetDisabled(asUser(admin), old.ID, false) })
	update(t, db, demote(asUser(admin), auth.RoleViewer))
	if got, err := db.User(ctx, admin.ID); err != nil || got.Role != auth.RoleViewer {
		t.Errorf("with another administrator, demotion: %+v, %v", got, err)
	}
}

// Two administrators demoting each other at the same time: the second
// change must count what the first left, so exactly one of them is refused
// and one administrator stays. The first transaction holds its change
// uncommitted while the second runs; the wait only gives the second the
// chance to slip through, the assertions do not depend on it.
func TestLastAdminConcurrentDemotions(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := createUser(t, db, "a@hoptac.local", auth.RoleAdmin, nil)
	b := createUser(t, db, "b@hoptac.local", auth.RoleAdmin, nil)
	demote := func(actor, target auth.User) func(*store.Tx) error {
		return func(tx *store.Tx) error {
			_, err := tx.UpdateAccount(asUser(actor), target.ID, target.Name, auth.RoleViewer, nil)
			return err
		}
	}
	var second error
	done := make(chan struct{})
	first := db.Update(ctx, func(tx *store.Tx) error {
		if err := demote(a, b)(tx); err != nil {
			return err
		}
		go func() {
			defer close(done)
			second = db.Update(ctx, demote(b, a))
		}()
		select {
		case <-done:
		case <-time.After(300 * time.Millisecond):
		}
		return nil
	})
	<-done
	if (first == nil) == (second == nil) {
		t.Fatalf("first = %v, second = %v: want exactly one refused", first, second)
	}
	refused := first
	if refused == nil {
		refused = second
	}
	if e := wantCode(t, refused, apperr.Conflict); e.Key != "error.account_last_admin" {
		t.Errorf("key = %q", e.Key)
	}
	if n := activeAdmins(t, db); n != 1 {
		t.Errorf("%d active administrators, want 1", n)
	}
}
