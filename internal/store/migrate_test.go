package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// allTables are the tables the migrations create.
var allTables = []string{"agencies", "agency_aliases", "users", "api_tokens", "sessions", "plans",
	"task_groups", "tasks", "task_agencies", "files", "progress", "audit_log",
	"plan_implements", "targets", "reporting_duties"}

func TestMigrateCreatesSchema(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	for _, tb := range allTables {
		if n := count(t, db, tb); n != 0 {
			t.Errorf("fresh %s has %d rows", tb, n)
		}
	}
	var max int64
	if err := db.SQL().QueryRowContext(context.Background(),
		"SELECT MAX(version_id) FROM goose_db_version").Scan(&max); err != nil {
		t.Fatal(err)
	}
	if max < 4 {
		t.Errorf("schema version = %d, want every migration applied (4 or more)", max)
	}
}

func TestMigrateTwiceIsNoOp(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở Tài chính", Aliases: []string{"STC"}})
	versions := count(t, db, "goose_db_version")
	before := counts(t, db, allTables...)

	for i := 0; i < 2; i++ {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("Migrate again (%d): %v", i+1, err)
		}
	}
	if n := count(t, db, "goose_db_version"); n != versions {
		t.Errorf("goose_db_version rows = %d after re-migrating, want %d", n, versions)
	}
	wantSameCounts(t, before, counts(t, db, allTables...))
	got, err := db.Agency(ctx, a.ID)
	if err != nil {
		t.Fatalf("agency lost after re-migrating: %v", err)
	}
	if got.Name != a.Name || len(got.Aliases) != 1 {
		t.Errorf("agency after re-migrating = %+v", got)
	}
	// The append-only triggers exist once and still work.
	if _, err := db.SQL().ExecContext(ctx, "DELETE FROM audit_log"); err == nil {
		t.Error("audit_log rows deletable after re-migrating")
	}
}

// TestReopenMigrates: a restarted server migrates the same file again.
func TestReopenMigrates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	for i := 0; i < 2; i++ {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("Migrate on open %d: %v", i+1, err)
		}
		if i == 0 {
			a := org.Agency{Name: "Sở Tài chính", Kind: org.KindDepartment}
			if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &a) }); err != nil {
				t.Fatal(err)
			}
		} else if n := count(t, db, "agencies"); n != 1 {
			t.Errorf("agencies after reopening = %d, want 1", n)
		}
		db.Close()
	}
}

// Migration 4 gives existing tasks their stored position, so plans made
// before it list in the same order as plans made after.
func TestTaskPositionMigrationKeepsPlanOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openAtVersion(t, 3)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.SQL().ExecContext(ctx, db.Rebind(q), args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO plans (id, title, search_fold, created_at, updated_at) VALUES (1, 'P', 'p', '2026-01-01', '2026-01-01')`)
	// Group II is inserted first and task 2 before task 1: only the
	// ordinals give the order.
	exec(`INSERT INTO task_groups (id, plan_id, code, ordinal, title) VALUES (10, 1, 'II', 2, 'Hai')`)
	exec(`INSERT INTO task_groups (id, plan_id, code, ordinal, title) VALUES (11, 1, 'I', 1, 'Một')`)
	for _, tk := range []struct {
		id, group, ordinal int
		code               string
	}{{1, 10, 2, "II.2"}, {2, 10, 1, "II.1"}, {3, 11, 2, "I.2"}, {4, 11, 1, "I.1"}} {
		exec(`INSERT INTO tasks (id, plan_id, group_id, code, ordinal, content, search_fold, tf_kind, updated_at)
			VALUES (?, 1, ?, ?, ?, 'x', 'x', 'text', '2026-01-01')`, tk.id, tk.group, tk.code, tk.ordinal)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tasks, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: 1, Today: fixedNow, PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	if got := taskCodes(tasks); !slices.Equal(got, []string{"I.1", "I.2", "II.1", "II.2"}) {
		t.Errorf("order after migrating = %q", got)
	}
}
