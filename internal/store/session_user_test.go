package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// A session row carries its owner, so the owner can list and end their
// sessions, and no one else's.
func TestUserSessions(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := createUser(t, db, "canbo@hoptac.local", auth.RoleViewer, nil)
	other := createUser(t, db, "khac@hoptac.local", auth.RoleViewer, nil)
	s := db.Sessions()
	s.Owner = func(b []byte) (int64, string) { return int64(b[0]), "Chromium " + string(b[1:]) }
	commit := func(token string, owner int64, tag string, expiry time.Time) {
		t.Helper()
		if err := s.CommitCtx(ctx, token, append([]byte{byte(owner)}, tag...), expiry); err != nil {
			t.Fatal(err)
		}
	}
	commit("mot", u.ID, "1", fixedNow.Add(time.Hour))
	setClock(db, fixedNow.Add(time.Minute))
	commit("hai", u.ID, "2", fixedNow.Add(time.Hour))
	commit("het-han", u.ID, "3", fixedNow.Add(-time.Hour))
	commit("khac", other.ID, "4", fixedNow.Add(time.Hour))
	commit("vo-danh", 0, "", fixedNow.Add(time.Hour))

	got, err := db.UserSessions(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != store.SessionID("hai") || got[1].ID != store.SessionID("mot") {
		t.Fatalf("UserSessions = %+v; want hai then mot (expired and others' left out)", got)
	}
	if got[0].Agent != "Chromium 2" || !got[1].CreatedAt.Equal(fixedNow) || !got[0].SeenAt.Equal(fixedNow.Add(time.Minute)) {
		t.Errorf("session details %+v", got)
	}
	// Ending another user's session by its ID does nothing.
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.EndSession(ctx, u.ID, store.SessionID("khac")) })
	if apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("ending another user's session: %v, want not found", err)
	}
	if _, found, _ := s.FindCtx(ctx, "khac"); !found {
		t.Error("a user ended another user's session")
	}
	update(t, db, func(tx *store.Tx) error { return tx.EndSession(ctx, u.ID, store.SessionID("mot")) })
	if _, found, _ := s.FindCtx(ctx, "mot"); found {
		t.Error("the ended session still works")
	}
	if _, found, _ := s.FindCtx(ctx, "hai"); !found {
		t.Error("ending one session ended another")
	}
	var n int64
	update(t, db, func(tx *store.Tx) (err error) { n, err = tx.EndSessions(ctx, u.ID); return err })
	if n != 2 { // hai and the expired one
		t.Errorf("EndSessions ended %d, want 2", n)
	}
	if _, found, _ := s.FindCtx(ctx, "hai"); found {
		t.Error("log out everywhere left a session")
	}
	if _, found, _ := s.FindCtx(ctx, "khac"); !found {
		t.Error("log out everywhere ended another user's session")
	}
}
