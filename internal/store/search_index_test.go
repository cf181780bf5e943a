package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// wantSearch checks that a search finds exactly the tasks want, by the
// indexed path and by the reference scan.
func wantSearch(t *testing.T, db *store.DB, q string, want ...int64) {
	t.Helper()
	if !db.SearchIndexed(q) {
		t.Fatalf("%q does not use the index; the test needs one that does", q)
	}
	want = sorted(append([]int64{}, want...))
	if got := searchIDs(t, db, plan.TaskFilter{Query: q}); !slices.Equal(got, want) {
		t.Errorf("search %q = %v, want %v", q, got, want)
	}
	ref, err := db.ReferenceSearchIDs(context.Background(), 0, q)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ref, want) {
		t.Errorf("reference search %q = %v, want %v", q, ref, want)
	}
}

// checkIndex asks SQLite's FTS5 to compare its index with the tasks table
// (rank 1: with the external content too, not only the index itself).
func checkIndex(t *testing.T, db *store.DB) {
	t.Helper()
	if db.Dialect() != "sqlite" {
		return
	}
	if _, err := db.SQL().Exec(`INSERT INTO tasks_search (tasks_search, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("search index out of step with tasks: %v", err)
	}
}

// TestSearchIndexFollowsWrites: the index answers for a task as soon as it
// is written, and forgets what a task no longer says or a deleted task.
func TestSearchIndexFollowsWrites(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	db.DisableCache()
	ctx := context.Background()
	f := newFixture(t, db)
	wantSearch(t, db, "hội nghị tổng kết", f.task(t, "I.2").ID)
	wantSearch(t, db, "thu hut dau tu")

	p := plan.Plan{Number: "16/KH-UBND", Type: "KH", Title: "Thu hút đầu tư", Issuer: "UBND tỉnh",
		Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{
			{Code: "I.1", Ordinal: 1, Content: "Thu hút đầu tư vào hợp tác xã nông nghiệp",
				Timeframe: plan.ParseTimeframe("2026", 2026)},
		}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	added := p.Groups[0].Tasks[0].ID
	wantSearch(t, db, "thu hut dau tu", added)
	checkIndex(t, db)

	// Nothing in hoptac rewrites a task's text today; the index must
	// follow if something does.
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.SQL().ExecContext(ctx, db.Rebind(q), args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`UPDATE tasks SET search_fold = ? WHERE id = ?`, "i.1 phat trien du lich cong dong", added)
	wantSearch(t, db, "thu hut dau tu")
	wantSearch(t, db, "du lich cong dong", added)
	// A status change leaves the text, and the index, as they were.
	exec(`UPDATE tasks SET status = 'in_progress' WHERE id = ?`, added)
	wantSearch(t, db, "du lich cong dong", added)
	checkIndex(t, db)

	exec(`DELETE FROM tasks WHERE id = ?`, added)
	wantSearch(t, db, "du lich cong dong")
	checkIndex(t, db)
	// SQLite gives the next task the deleted one's id: what the index
	// kept of the old text must not make the new task match it.
	next := plan.Plan{Number: "18/KH-UBND", Type: "KH", Title: "Kế tiếp", Issuer: "UBND tỉnh",
		Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{
			{Code: "I.1", Ordinal: 1, Content: "Sơ kết năm", Timeframe: plan.ParseTimeframe("2026", 2026)},
		}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &next) })
	wantSearch(t, db, "du lich cong dong")
	wantSearch(t, db, "so ket nam", next.Groups[0].Tasks[0].ID)
	checkIndex(t, db)
}

// TestSearchIndexFilledByMigration: tasks written before the index
// existed are found through it once the schema is migrated.
func TestSearchIndexFilledByMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openAtVersion(t, 7)
	db.DisableCache()
	p := plan.Plan{Number: "17/KH-UBND", Type: "KH", Title: "Trước chỉ mục", Issuer: "UBND tỉnh",
		Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{
			{Code: "I.1", Ordinal: 1, Content: "Xây dựng chuỗi giá trị nông sản", Timeframe: plan.ParseTimeframe("2026", 2026)},
			{Code: "I.2", Ordinal: 2, Content: "Đào tạo cán bộ hợp tác xã", Timeframe: plan.ParseTimeframe("2026", 2026)},
		}}}}
	// Today's CreatePlan writes the audit log's batch column (migration
	// 00012): the old schema lends it for this write and gives it back
	// before the migrations run.
	if _, err := db.SQL().ExecContext(ctx, "ALTER TABLE audit_log ADD COLUMN batch_id BIGINT"); err != nil {
		t.Fatal(err)
	}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	if _, err := db.SQL().ExecContext(ctx, "ALTER TABLE audit_log DROP COLUMN batch_id"); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	wantSearch(t, db, "chuoi gia tri", p.Groups[0].Tasks[0].ID)
	wantSearch(t, db, "CÁN BỘ", p.Groups[0].Tasks[1].ID)
	checkIndex(t, db)
}
