package storetest

import (
	"context"
	"testing"
)

// The run's backend is the one the tests really get: a typo in the
// variable must not leave the "PostgreSQL" run on SQLite.
func TestOpenUsesTheRunsBackend(t *testing.T) {
	db := Open(t)
	if db.Dialect() != Backend() {
		t.Fatalf("Open gave %s, run asks for %s", db.Dialect(), Backend())
	}
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM agencies").Scan(&n); err != nil || n != 0 {
		t.Fatalf("fresh database not empty or not migrated: %d %v", n, err)
	}
}

func TestSkipFirstLogin(t *testing.T) {
	db := Open(t)
	ctx := context.Background()
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO users (email, name, role, password_hash, created_at,
		must_change_password) VALUES (?, ?, ?, ?, ?, ?)`), "a@hoptac.local", "A", "viewer", "x", "2026-11-24T03:00:00.000000Z", 1); err != nil {
		t.Fatal(err)
	}
	SkipFirstLogin(t, db)
	u, err := db.UserByEmail(ctx, "a@hoptac.local")
	if err != nil || u.MustChangePassword {
		t.Errorf("after SkipFirstLogin: %+v, %v", u, err)
	}
}
