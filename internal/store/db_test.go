package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func TestOpenEmptyPath(t *testing.T) {
	t.Parallel()
	if _, err := store.Open(context.Background(), ""); err == nil {
		t.Fatal("Open(\"\") succeeded, want an error")
	}
}

func TestOpenSQLitePathForms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, prefix := range []string{"", "sqlite://", "file:"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			// A query string the caller wrote must not replace the pragmas.
			db, err := store.Open(ctx, prefix+path+"?_pragma=foreign_keys(0)")
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			if got := db.Dialect(); got != "sqlite" {
				t.Errorf("Dialect = %q, want sqlite", got)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("database file not at %s: %v", path, err)
			}
			var fk int
			if err := db.SQL().QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
				t.Fatal(err)
			}
			if fk != 1 {
				t.Errorf("foreign_keys = %d, want 1", fk)
			}
		})
	}
}

// TestSQLitePragmas checks the settings every pooled connection must carry,
// on several connections held at once so each is a distinct one.
func TestSQLitePragmas(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	if db.Dialect() != "sqlite" {
		t.Skip("SQLite only")
	}
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		checks := []struct {
			pragma string
			want   string
		}{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"busy_timeout", "10000"},
			{"synchronous", "2"}, // FULL
		}
		for _, c := range checks {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
				t.Fatalf("PRAGMA %s: %v", c.pragma, err)
			}
			if got != c.want {
				t.Errorf("connection %d: PRAGMA %s = %q, want %q", i, c.pragma, got, c.want)
			}
		}
	}
}

// TestForeignKeysEnforced shows the pragma has teeth: a row pointing at a
// missing agency is refused by the database itself.
func TestForeignKeysEnforced(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	_, err := db.SQL().ExecContext(context.Background(),
		`INSERT INTO agency_aliases (agency_id, alias, alias_fold) VALUES (999, 'x', 'x')`)
	if err == nil {
		t.Fatal("alias of a missing agency was stored; foreign keys are off")
	}
}

func TestUpdateRollsBackOnError(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx *store.Tx) error {
		a := org.Agency{Name: "Sở Tài chính", Kind: org.KindDepartment, Aliases: []string{"STC"}}
		if err := tx.CreateAgency(ctx, &a); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want the callback's error", err)
	}
	for _, tb := range []string{"agencies", "agency_aliases", "audit_log"} {
		if n := count(t, db, tb); n != 0 {
			t.Errorf("%s has %d rows after a rolled-back transaction", tb, n)
		}
	}
}

func TestUpdateCommitsSeveralChanges(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error {
		for _, n := range []string{"Sở Tài chính", "Sở Xây dựng"} {
			a := org.Agency{Name: n, Kind: org.KindDepartment}
			if err := tx.CreateAgency(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
	if n := count(t, db, "agencies"); n != 2 {
		t.Errorf("agencies = %d, want 2", n)
	}
	if n := count(t, db, "audit_log"); n != 2 {
		t.Errorf("audit entries = %d, want 2", n)
	}
}

func TestClosedDBFails(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	db.Close()
	if _, err := db.Agency(context.Background(), 1); err == nil {
		t.Fatal("query on a closed DB succeeded")
	}
}

// TestTxSetClock: a loader replaying history stamps each write with its own
// time, and a zero time restores the transaction's start.
func TestTxSetClock(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	id := f.task(t, "II.1").ID // due 30 Jun 2026
	past := time.Date(2026, 5, 20, 2, 0, 0, 0, time.UTC)
	var p1, p2 plan.Progress
	update(t, db, func(tx *store.Tx) error {
		tx.SetClock(past)
		p1 = plan.Progress{TaskID: id, Status: plan.StatusDone, Note: "Báo cáo cũ"}
		if err := tx.RecordProgress(ctx, &p1, nil); err != nil {
			return err
		}
		tx.SetClock(time.Time{})
		p2 = plan.Progress{TaskID: id, Status: plan.StatusDone, Note: "Hôm nay"}
		return tx.RecordProgress(ctx, &p2, nil)
	})
	if !p1.CreatedAt.Equal(past) || !p2.CreatedAt.Equal(fixedNow) {
		t.Errorf("CreatedAt = %v, %v; want %v, %v", p1.CreatedAt, p2.CreatedAt, past, fixedNow)
	}
	got, err := db.Task(ctx, id, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if !sameDate(got.DoneOn, day(2026, 5, 20)) || got.Status != plan.StatusDone {
		t.Errorf("done_on %s status %s, want the replayed day 2026-05-20, done", fmtDate(got.DoneOn), got.Status)
	}
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "progress"})
	if err != nil || len(entries) != 2 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	if !entries[1].At.Equal(past) || !entries[0].At.Equal(fixedNow) {
		t.Errorf("audit At = %v, %v; want %v, %v", entries[1].At, entries[0].At, past, fixedNow)
	}
	// A local-zone time is stored as the same instant.
	update(t, db, func(tx *store.Tx) error {
		tx.SetClock(time.Date(2026, 5, 21, 9, 0, 0, 0, ict))
		a := org.Agency{Name: "Sở Xây dựng", Kind: org.KindDepartment}
		return tx.CreateAgency(ctx, &a)
	})
	last, _, _ := db.ListAudit(ctx, audit.Filter{Entity: "agency", PerPage: 1})
	if want := time.Date(2026, 5, 21, 2, 0, 0, 0, time.UTC); len(last) != 1 || !last[0].At.Equal(want) {
		t.Errorf("audit At = %v, want %v", last, want)
	}
}

// TestOpenPathWithURICharacters opens a database in a folder whose name
// holds the characters a file: URI treats specially, and checks the file
// is written where the path says, not at a path cut short.
func TestOpenPathWithURICharacters(t *testing.T) {
	if storetest.Backend() != "sqlite" {
		t.Skip("a SQLite file path")
	}
	for _, dir := range []string{"ke-hoach#2", "100%25", "a%b"} {
		t.Run(dir, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), dir, "hoptac.db")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			db := storetest.OpenAt(t, path)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("the database is not at %s: %v", path, err)
			}
		})
	}
}
