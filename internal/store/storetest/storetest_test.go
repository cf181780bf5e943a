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
