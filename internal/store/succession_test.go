package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// mergeKHDT records the 2025 reform: Sở Kế hoạch và Đầu tư merged into
// Sở Tài chính.
func mergeKHDT(t *testing.T, db *store.DB, f *fixture) {
	t.Helper()
	a := f.KHDT
	a.ValidTo, a.SuccessorID, a.SuccessorSince = day(2025, 2, 28), &f.TC.ID, day(2025, 3, 1)
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(context.Background(), &a) })
}

// After a merger, the successor answers for its predecessor's tasks: it
// sees them, finds them by its own name, and may report on them.
func TestSuccessorTakesOverTasks(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	officer := createUser(t, db, "tc@tinh.gov.vn", auth.RoleAgency, &f.TC.ID)
	onlyKHDT := f.task(t, "II.1").ID // led by KH&ĐT alone

	p := plan.Progress{TaskID: onlyKHDT, Status: plan.StatusInProgress, Note: "x"}
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(asUser(officer), &p, nil) })
	wantCode(t, err, "forbidden")

	mergeKHDT(t, db, f)

	tasks, _, err := db.Tasks(ctx, plan.TaskFilter{AgencyID: f.TC.ID, Today: *day(2026, 11, 24)})
	if err != nil {
		t.Fatal(err)
	}
	if got := sorted(taskCodes(tasks)); len(got) != 3 || got[0] != "I.1" || got[1] != "II.1" || got[2] != "II.2" {
		t.Errorf("Sở Tài chính's tasks after the merger = %v, want I.1 II.1 II.2", got)
	}
	found, _, err := db.Tasks(ctx, plan.TaskFilter{Query: "so tai chinh", Today: *day(2026, 11, 24)})
	if err != nil {
		t.Fatal(err)
	}
	if got := sorted(taskCodes(found)); len(got) != 3 {
		t.Errorf("search for the successor's name = %v, want its own and inherited tasks", got)
	}
	task, err := db.Task(ctx, onlyKHDT, *day(2026, 11, 24))
	if err != nil {
		t.Fatal(err)
	}
	if s := task.Lead[0].Successor; s == nil || s.ID != f.TC.ID || s.Name != "Sở Tài chính" {
		t.Errorf("lead of II.1 shows successor %+v, want Sở Tài chính", s)
	}
	// The day before the merger, the row kept from the read above answers
	// with the department alone; the day of it, with its successor.
	for _, c := range []struct {
		day  *time.Time
		want bool
	}{{day(2025, 2, 28), false}, {day(2025, 3, 1), true}} {
		byID, err := db.Task(ctx, onlyKHDT, *c.day)
		if err != nil {
			t.Fatal(err)
		}
		listed, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, Today: *c.day, PerPage: -1})
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range append(listed, byID) {
			if tk.ID != onlyKHDT {
				continue
			}
			if got := tk.Lead[0].Successor != nil; got != c.want {
				t.Errorf("II.1 on %s: successor shown %v, want %v", c.day.Format(time.DateOnly), got, c.want)
			}
		}
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(asUser(officer), &p, nil) }); err != nil {
		t.Errorf("successor's officer refused on an inherited task: %v", err)
	}
	other := createUser(t, db, "ct@tinh.gov.vn", auth.RoleAgency, &f.Other.ID)
	p2 := plan.Progress{TaskID: onlyKHDT, Status: plan.StatusInProgress, Note: "y"}
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(asUser(other), &p2, nil) })
	wantCode(t, err, "forbidden")
}

func TestAgencySuccessorRules(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở A"})
	b := createAgency(t, db, org.Agency{Name: "Sở B"})
	c := createAgency(t, db, org.Agency{Name: "Sở C"})
	setSucc := func(x org.Agency, succ int64) error {
		x.SuccessorID, x.SuccessorSince = &succ, day(2025, 1, 1)
		return db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &x) })
	}
	// A → B → C is a chain, not a cycle.
	if err := setSucc(a, b.ID); err != nil {
		t.Fatalf("A → B: %v", err)
	}
	if err := setSucc(b, c.ID); err != nil {
		t.Fatalf("B → C: %v", err)
	}
	tests := []struct {
		name string
		x    org.Agency
		succ int64
	}{
		{"self", a, a.ID},
		{"two-cycle", b, a.ID},
		{"three-cycle", c, a.ID},
		{"closing onto middle", c, b.ID},
		{"missing successor", c, 9999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, err := db.Agency(ctx, tt.x.ID)
			if err != nil {
				t.Fatal(err)
			}
			before := counts(t, db, "audit_log")
			wantField(t, setSucc(stored, tt.succ), "successor_id")
			wantSameCounts(t, before, counts(t, db, "audit_log"))
			got, err := db.Agency(ctx, tt.x.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ptrSlice(got.SuccessorID), ptrSlice(stored.SuccessorID)) {
				t.Errorf("successor = %v after a refused change, was %v", ptrSlice(got.SuccessorID), ptrSlice(stored.SuccessorID))
			}
		})
	}
}

func ptrSlice(p *int64) []int64 {
	if p == nil {
		return nil
	}
	return []int64{*p}
}

func TestCreateAgencyWithSuccessor(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	succ := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	a := createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư", ValidTo: day(2025, 2, 28),
		SuccessorID: &succ.ID, SuccessorSince: day(2025, 3, 1)})
	got, err := db.Agency(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SuccessorID == nil || *got.SuccessorID != succ.ID || !sameDate(got.SuccessorSince, day(2025, 3, 1)) {
		t.Errorf("successor = %v since %s", got.SuccessorID, fmtDate(got.SuccessorSince))
	}
	// A successor that does not exist is a field error, not a database error.
	before := counts(t, db, "agencies", "audit_log")
	bad := org.Agency{Name: "Sở Mới", Kind: org.KindDepartment, SuccessorID: ptr(int64(9999)), SuccessorSince: day(2025, 1, 1)}
	wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &bad) }), "successor_id")
	wantSameCounts(t, before, counts(t, db, "agencies", "audit_log"))
}

// The plan page offers the plan's own agencies as filter choices, and an
// agency that took over from one of them, in Vietnamese order; not every
// agency of the province.
func TestPlanAgencies(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	names := func() []string {
		t.Helper()
		refs, err := db.PlanAgencies(ctx, f.Plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range refs {
			out = append(out, r.Name)
		}
		return out
	}
	want := []string{"Liên minh Hợp tác xã tỉnh", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "UBND các huyện, thị xã, thành phố"}
	if got := names(); !slices.Equal(got, want) {
		t.Errorf("PlanAgencies = %q, want %q (not Sở Công Thương, which has no task)", got, want)
	}
	// Sở Công Thương takes over the union's duties: it becomes a choice.
	lm := f.LM
	lm.ValidTo, lm.SuccessorID, lm.SuccessorSince = day(2025, 6, 30), &f.Other.ID, day(2025, 7, 1)
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &lm) })
	want = []string{"Liên minh Hợp tác xã tỉnh", "Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
		"UBND các huyện, thị xã, thành phố"}
	if got := names(); !slices.Equal(got, want) {
		t.Errorf("PlanAgencies after a merger = %q, want %q", got, want)
	}
	if refs, err := db.PlanAgencies(ctx, 999999); err != nil || len(refs) != 0 {
		t.Errorf("PlanAgencies(missing plan) = %v, %v; want none", refs, err)
	}
}

// The successors of a page of tasks come from one query that walks every
// chain at once; it names, for each merged agency, every step of its chain
// with the step's date, as the one-agency walk does, down a chain of two
// mergers.
func TestSuccessorsOfAPage(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	mergeKHDT(t, db, f)
	tc := f.TC
	tc.ValidTo, tc.SuccessorID, tc.SuccessorSince = day(2026, 6, 30), &f.Other.ID, day(2026, 7, 1)
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &tc) })

	var ids []int64
	agencies := map[int64]bool{}
	for _, g := range f.Plan.Groups {
		for _, tk := range g.Tasks {
			ids = append(ids, tk.ID)
			for _, r := range append(append([]plan.AgencyRef{}, tk.Lead...), tk.Support...) {
				agencies[r.ID] = true
			}
		}
	}
	got, err := db.Successors(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for id := range agencies {
		chain, err := db.SuccessorChain(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		steps, ok := got[id]
		if len(chain) == 1 {
			if ok {
				t.Errorf("agency %d has no successor, got %+v", id, steps)
			}
			continue
		}
		var stepIDs []int64
		for _, s := range steps {
			if s.To.Name == "" || s.Since.IsZero() {
				t.Errorf("agency %d: step %+v without its name or date", id, s)
			}
			stepIDs = append(stepIDs, s.To.ID)
		}
		if !slices.Equal(stepIDs, chain[1:]) {
			t.Errorf("agency %d: steps %v, want %v", id, stepIDs, chain[1:])
		}
	}
	steps := got[f.KHDT.ID]
	if len(steps) != 2 || steps[0].To.ID != f.TC.ID || !steps[0].Since.Equal(*day(2025, 3, 1)) ||
		steps[1].To.ID != f.Other.ID || !steps[1].Since.Equal(*day(2026, 7, 1)) {
		t.Errorf("Sở Kế hoạch và Đầu tư passes along %+v, want Sở Tài chính then %s on 01/07/2026", steps, f.Other.Name)
	}
}
