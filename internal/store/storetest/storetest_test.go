package storetest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
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

// fatalTB records a test's failure instead of ending it, so a test can
// check that storetest refuses a run.
type fatalTB struct {
	testing.TB
	failed string
}

type fatalStop struct{}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatal(args ...any) {
	f.failed = fmt.Sprint(args...)
	panic(fatalStop{})
}
func (f *fatalTB) Fatalf(format string, args ...any) { f.Fatal(fmt.Sprintf(format, args...)) }

// An unknown HOPTAC_TEST_BACKEND fails the test, naming the value and the
// accepted ones, rather than running on SQLite.
func TestUnknownBackendIsRefused(t *testing.T) {
	tests := []struct {
		value, want string
		refused     bool
	}{
		{"", "sqlite", false},
		{"sqlite", "sqlite", false},
		{"postgres", "postgres", false},
		{"postgress", "postgress", true},
		{"Postgres", "Postgres", true},
		{"pg", "pg", true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Setenv("HOPTAC_TEST_BACKEND", tt.value)
			if got := Backend(); got != tt.want {
				t.Errorf("Backend() = %q, want %q", got, tt.want)
			}
			if !tt.refused {
				return
			}
			for name, open := range map[string]func(testing.TB){
				"DSN":    func(tb testing.TB) { DSN(tb) },
				"Open":   func(tb testing.TB) { Open(tb) },
				"OpenAt": func(tb testing.TB) { OpenAt(tb, filepath.Join(t.TempDir(), "x.db")) },
			} {
				f := &fatalTB{TB: t}
				func() {
					defer func() {
						if r := recover(); r != nil && r != (fatalStop{}) {
							panic(r)
						}
					}()
					open(f)
				}()
				if !strings.Contains(f.failed, `HOPTAC_TEST_BACKEND="`+tt.value+`"`) || !strings.Contains(f.failed, "postgres") {
					t.Errorf("%s with %q: failure %q, want one naming the value and the backends", name, tt.value, f.failed)
				}
			}
		})
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

// IDs answers the column in the rows' order, with bound parameters.
func TestIDs(t *testing.T) {
	t.Parallel()
	db := Open(t)
	all := IDs(t, db, `SELECT version_id FROM goose_db_version WHERE version_id > 0 ORDER BY version_id DESC`)
	if len(all) < 2 || all[0] <= all[1] {
		t.Fatalf("IDs = %v, want the migrations, newest first", all)
	}
	if got := IDs(t, db, `SELECT version_id FROM goose_db_version WHERE version_id = ?`, all[1]); len(got) != 1 || got[0] != all[1] {
		t.Fatalf("IDs with a parameter = %v, want [%d]", got, all[1])
	}
}
