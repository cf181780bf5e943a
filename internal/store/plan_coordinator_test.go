package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// TestPlanCoordinatorFollowsSuccession: a plan coordinated by "Sở KHĐT"
// (an alias) links to Sở Kế hoạch và Đầu tư on import; the role is Sở Tài
// chính's from 01/03/2025.
func TestPlanCoordinatorFollowsSuccession(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	p := plan.Plan{Title: "Kế hoạch khác", Coordinator: "Sở KHĐT",
		Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{{Content: "Nhiệm vụ"}}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	mergeKHDT(t, db, f)
	for _, tt := range []struct {
		name string
		on   [3]int
		want int64
	}{{"28/02/2025", [3]int{2025, 2, 28}, f.KHDT.ID}, {"01/03/2025", [3]int{2025, 3, 1}, f.TC.ID}} {
		a, ok, err := db.PlanCoordinator(ctx, p.ID, *day(tt.on[0], time.Month(tt.on[1]), tt.on[2]))
		if err != nil || !ok || a.ID != tt.want {
			t.Errorf("%s: coordinator %d (%s) ok=%v err=%v, want %d", tt.name, a.ID, a.Name, ok, err, tt.want)
		}
	}
	// The fixture's plan names no coordinator: no link.
	if _, ok, err := db.PlanCoordinator(ctx, f.Plan.ID, fixedNow); ok || err != nil {
		t.Errorf("unlinked plan: ok=%v err=%v", ok, err)
	}
	update(t, db, func(tx *store.Tx) error { return tx.SetPlanCoordinator(ctx, f.Plan.ID, &f.TC.ID) })
	if a, ok, _ := db.PlanCoordinator(ctx, f.Plan.ID, fixedNow); !ok || a.ID != f.TC.ID {
		t.Errorf("after linking: %+v %v", a, ok)
	}
	bad := int64(999999)
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanCoordinator(ctx, f.Plan.ID, &bad) })
	wantCode(t, err, "not_found")
	_, _, err = db.PlanCoordinator(ctx, 999999, fixedNow)
	wantCode(t, err, "not_found")
}
