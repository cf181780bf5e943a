package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"
)

func TestSessions(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	s := db.Sessions()
	data := []byte{0, 1, 2, 'x', 0xff}

	if _, found, err := s.FindCtx(ctx, "nope"); err != nil || found {
		t.Errorf("Find(missing) = %v, %v; want not found", found, err)
	}
	if err := s.CommitCtx(ctx, "tok1", data, fixedNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, found, err := s.FindCtx(ctx, "tok1")
	if err != nil || !found || !bytes.Equal(got, data) {
		t.Fatalf("Find = %v, %v, %v; want the data", got, found, err)
	}
	// Commit again replaces data and expiry.
	if err := s.Commit("tok1", []byte("v2"), fixedNow.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, found, _ := s.Find("tok1"); !found || string(got) != "v2" {
		t.Errorf("after recommit Find = %q, %v", got, found)
	}
	if n := count(t, db, "sessions"); n != 1 {
		t.Errorf("sessions rows = %d, want 1", n)
	}
	// The new expiry counts: still there 90 minutes on.
	setClock(db, fixedNow.Add(90*time.Minute))
	if _, found, _ := s.Find("tok1"); !found {
		t.Error("session gone before its renewed expiry")
	}
	if err := s.Delete("tok1"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := s.Find("tok1"); found {
		t.Error("deleted session still found")
	}
	if err := s.DeleteCtx(ctx, "tok1"); err != nil {
		t.Errorf("deleting a missing session: %v", err)
	}
}

func TestSessionExpiry(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	s := db.Sessions()
	for tok, exp := range map[string]time.Time{
		"past":   fixedNow.Add(-time.Second),
		"now":    fixedNow, // expires at this instant: gone
		"future": fixedNow.Add(time.Second),
		"later":  fixedNow.Add(24 * time.Hour),
	} {
		if err := s.CommitCtx(ctx, tok, []byte(tok), exp); err != nil {
			t.Fatal(err)
		}
	}
	for tok, want := range map[string]bool{"past": false, "now": false, "future": true, "later": true} {
		if _, found, err := s.FindCtx(ctx, tok); err != nil || found != want {
			t.Errorf("Find(%s) = %v, %v; want %v", tok, found, err, want)
		}
	}
	if err := db.DeleteExpired(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sessions"); n != 2 {
		t.Errorf("sessions after DeleteExpired = %d, want 2", n)
	}
	// A day later the rest expire too.
	setClock(db, fixedNow.Add(25*time.Hour))
	if _, found, _ := s.FindCtx(ctx, "later"); found {
		t.Error("expired session found")
	}
	if err := db.DeleteExpired(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sessions"); n != 0 {
		t.Errorf("sessions after second DeleteExpired = %d, want 0", n)
	}
}
