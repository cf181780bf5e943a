package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// TestTaskRowsSeeAWriteBetween: rows asked for at a revision the database
// no longer holds (a write came between the page's list and its rows) are
// reported stale, so the page is read again rather than mixing moments,
// and a task listed but gone is stale too.
func TestTaskRowsSeeAWriteBetween(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "rows.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	p := plan.Plan{Number: "1/KH-UBND", Title: "Kế hoạch thử", Groups: []plan.Group{{Code: "I", Title: "Nhiệm vụ",
		Tasks: []plan.Task{{Code: "1", Ordinal: 1, Content: "Rà soát hợp tác xã"}, {Code: "2", Ordinal: 2, Content: "Tập huấn"}}}}}
	if err := db.Update(ctx, func(tx *Tx) error { return tx.CreatePlan(ctx, &p) }); err != nil {
		t.Fatal(err)
	}
	vs, err := db.versions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{p.Groups[0].Tasks[0].ID, p.Groups[0].Tasks[1].ID}
	for _, c := range []struct {
		name  string
		refs  []taskRef
		stale bool
	}{
		{"at the revision held", []taskRef{{ids[0], 0}, {ids[1], 0}}, false},
		{"read again from memory", []taskRef{{ids[1], 0}, {ids[0], 0}}, false},
		{"one listed before a write", []taskRef{{ids[0], 0}, {ids[1], 1}}, true},
		{"one listed but gone", []taskRef{{ids[0], 0}, {ids[1] + 100, 0}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, stale, err := db.taskRows(ctx, c.refs, vs.agencies)
			if err != nil {
				t.Fatal(err)
			}
			if stale != c.stale {
				t.Fatalf("stale = %v, want %v", stale, c.stale)
			}
			if !stale {
				for i, r := range c.refs {
					if rows[i].ID != r.id {
						t.Errorf("row %d is task %d, want %d: the page's order", i, rows[i].ID, r.id)
					}
				}
			}
		})
	}
}
