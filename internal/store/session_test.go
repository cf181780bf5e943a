package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
)

// hashOf is SHA-256 in hex, worked out here rather than taken from the
// store, so the test checks what the table holds.
func hashOf(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// The sessions table holds a hash of each token, never the token: a copy
// of the table or a backup gives nothing a browser could present.
func TestSessionTokensStoredHashed(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	s := db.Sessions()
	const token = "ZXhhbXBsZS1zZXNzaW9uLXRva2VuLW9mLTMyLWJ5dGVz"
	if err := s.CommitCtx(ctx, token, []byte("u1"), fixedNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := db.SQL().QueryRowContext(ctx, `SELECT token_hash FROM sessions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != hashOf(token) {
		t.Errorf("stored key %q, want SHA-256 of the token %q", stored, hashOf(token))
	}
	// What the table holds does not open the session.
	if _, found, err := db.Sessions().FindCtx(ctx, stored); err != nil || found {
		t.Errorf("Find(stored hash) = %v, %v; want not found", found, err)
	}
	// The token still does, from a fresh store with nothing in memory.
	if got, found, err := db.Sessions().FindCtx(ctx, token); err != nil || !found || string(got) != "u1" {
		t.Errorf("Find(token) = %q, %v, %v; want u1", got, found, err)
	}
	if err := db.Sessions().DeleteCtx(ctx, token); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sessions"); n != 0 {
		t.Errorf("sessions after Delete = %d, want 0", n)
	}
}

// Migration 7 drops sessions stored under their plain token: those rows
// are what the hashing protects, and no lookup can reach them any more.
func TestSessionHashMigrationDropsPlainTokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openAtVersion(t, 5)
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)`),
		"plain-token", []byte("u1"), fixedNow.Add(time.Hour).UnixNano()); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sessions"); n != 0 {
		t.Errorf("sessions after migrating = %d, want the plain-token row gone", n)
	}
}

func TestSessions(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// An idle timeout makes the session manager commit every session on every
// request; unchanged sessions must not cost a database write each time, yet
// the idle expiry must still move forward and changes must always land.
func TestSessionCommitSkipsUnchanged(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	s := db.Sessions()
	stored := func() (string, int64) {
		t.Helper()
		var data []byte
		var exp int64
		if err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT data, expiry FROM sessions WHERE token_hash = ?`), hashOf("tok")).Scan(&data, &exp); err != nil {
			t.Fatal(err)
		}
		return string(data), exp
	}
	base := fixedNow.Add(2 * time.Hour)
	steps := []struct {
		name       string
		data       string
		expiry     time.Time
		wantData   string
		wantExpiry time.Time
	}{
		{"first commit is written", "u1", base, "u1", base},
		{"same data, expiry a minute on: skipped", "u1", base.Add(time.Minute), "u1", base},
		{"same data, expiry past the refresh: written", "u1", base.Add(store.SessionRefresh + time.Second), "u1", base.Add(store.SessionRefresh + time.Second)},
		{"changed data: written at once", "u1+flash", base.Add(store.SessionRefresh + 2*time.Second), "u1+flash", base.Add(store.SessionRefresh + 2*time.Second)},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := s.CommitCtx(ctx, "tok", []byte(st.data), st.expiry); err != nil {
				t.Fatal(err)
			}
			data, exp := stored()
			if data != st.wantData || exp != st.wantExpiry.UnixNano() {
				t.Errorf("stored %q, %v; want %q, %v", data, time.Unix(0, exp).UTC(), st.wantData, st.wantExpiry.UTC())
			}
		})
	}

	// Another server (a replica) changes the session; this one reads the
	// change before committing and must not skip writing its own version.
	other := db.Sessions()
	if err := other.CommitCtx(ctx, "tok", []byte("other"), base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.FindCtx(ctx, "tok"); string(got) != "other" {
		t.Fatalf("Find after the replica's write = %q", got)
	}
	if err := s.CommitCtx(ctx, "tok", []byte("mine"), base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if data, _ := stored(); data != "mine" {
		t.Errorf("stored %q after a changed commit, want mine", data)
	}

	// A deleted session comes back only through a real write.
	if err := s.DeleteCtx(ctx, "tok"); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitCtx(ctx, "tok", []byte("mine"), base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "sessions"); n != 1 {
		t.Errorf("sessions after recommit of a deleted one = %d, want 1", n)
	}
}
