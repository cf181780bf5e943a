package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

func TestCreatePlan(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	p := f.Plan
	if p.ID == 0 || p.TaskCount != 4 || !p.CreatedAt.Equal(fixedNow) {
		t.Errorf("CreatePlan left ID %d, TaskCount %d, CreatedAt %v", p.ID, p.TaskCount, p.CreatedAt)
	}
	for gi, g := range p.Groups {
		if g.ID == 0 || g.PlanID != p.ID || g.Ordinal != gi+1 {
			t.Errorf("group %s: ID %d PlanID %d Ordinal %d", g.Code, g.ID, g.PlanID, g.Ordinal)
		}
		for _, tk := range g.Tasks {
			if tk.ID == 0 || tk.PlanID != p.ID || tk.GroupID != g.ID || tk.GroupCode != g.Code {
				t.Errorf("task %s: ID %d PlanID %d GroupID %d GroupCode %q", tk.Code, tk.ID, tk.PlanID, tk.GroupID, tk.GroupCode)
			}
		}
	}
	if n := count(t, db, "task_agencies"); n != 9 {
		t.Errorf("task_agencies rows = %d, want 9", n)
	}

	got, err := db.Plan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "187/KH-UBND" || got.Type != "KH" || got.Title != p.Title || got.Issuer != "UBND tỉnh" ||
		got.Signer != "Nguyễn Văn A" || !sameDate(got.IssuedOn, day(2026, 3, 15)) || got.TaskCount != 4 {
		t.Errorf("Plan = %+v", got)
	}
	if codes := []string{got.Groups[0].Code, got.Groups[1].Code}; len(got.Groups) != 2 || !slices.Equal(codes, []string{"I", "II"}) {
		t.Errorf("groups = %+v", got.Groups)
	}
	if got.Groups[0].Tasks != nil {
		t.Errorf("Plan should not load tasks, got %d", len(got.Groups[0].Tasks))
	}
}

func TestPlanWithTasks(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	p, err := db.PlanWithTasks(ctx, f.Plan.ID, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Groups) != 2 {
		t.Fatalf("%d groups, want 2", len(p.Groups))
	}
	wantGroups := []struct {
		code, title string
		tasks       []string
	}{
		{"I", "Tuyên truyền, nâng cao nhận thức", []string{"I.1", "I.2"}},
		{"II", "Phát triển hợp tác xã", []string{"II.1", "II.2"}}, // by ordinal, not insertion
	}
	for i, w := range wantGroups {
		g := p.Groups[i]
		if g.Code != w.code || g.Title != w.title || g.Ordinal != i+1 {
			t.Errorf("group %d = %s %q ordinal %d, want %s %q", i, g.Code, g.Title, g.Ordinal, w.code, w.title)
		}
		if got := taskCodes(g.Tasks); !slices.Equal(got, w.tasks) {
			t.Errorf("group %s tasks = %q, want %q", g.Code, got, w.tasks)
		}
	}
	i1 := p.Groups[0].Tasks[0]
	if got, want := refNames(i1.Lead), []string{"Sở Tài chính", "Sở Kế hoạch và Đầu tư"}; !slices.Equal(got, want) {
		t.Errorf("I.1 lead = %q, want %q (as entered)", got, want)
	}
	if got, want := refNames(i1.Support), []string{"Liên minh Hợp tác xã tỉnh", "UBND các huyện, thị xã, thành phố"}; !slices.Equal(got, want) {
		t.Errorf("I.1 support = %q, want %q", got, want)
	}
	if i1.Support[0].Collective || !i1.Support[1].Collective {
		t.Errorf("collective flags = %v, %v; want false, true", i1.Support[0].Collective, i1.Support[1].Collective)
	}
	if i1.Lead[0].ID != f.TC.ID || i1.Lead[1].ID != f.KHDT.ID {
		t.Errorf("lead IDs = %v", i1.LeadIDs())
	}
	if i1.Content != "Tuyên truyền chính sách về hợp tác xã" || i1.Timeframe.Kind != plan.TimeframeOngoing ||
		i1.Timeframe.Text != "Thường xuyên" || i1.Timeframe.Due != nil {
		t.Errorf("I.1 = %q %+v", i1.Content, i1.Timeframe)
	}
	if i1.Recorded != plan.StatusNotStarted || i1.Status != plan.StatusNotStarted || i1.Percent != nil || i1.DoneOn != nil {
		t.Errorf("fresh task status = %s/%s percent %v done %v", i1.Recorded, i1.Status, i1.Percent, i1.DoneOn)
	}
	// A task with no supporting agency has an empty list, not nil (JSON []).
	if i2 := p.Groups[0].Tasks[1]; i2.Support == nil || len(i2.Support) != 0 {
		t.Errorf("I.2 support = %#v, want empty", i2.Support)
	}
	// Timeframe dates survive the round trip; the quarter ended on 30 Sep,
	// so as of 24 Nov I.2 is overdue.
	i2 := p.Groups[0].Tasks[1]
	if i2.Timeframe.Kind != plan.TimeframeQuarter || !sameDate(i2.Timeframe.Start, day(2026, 7, 1)) ||
		!sameDate(i2.Timeframe.Due, day(2026, 9, 30)) || i2.Status != plan.StatusOverdue {
		t.Errorf("I.2 timeframe %+v (%s–%s) status %s", i2.Timeframe, fmtDate(i2.Timeframe.Start),
			fmtDate(i2.Timeframe.Due), i2.Status)
	}
}

func TestPlanWithTasksEmptyGroup(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := plan.Plan{Title: "Kế hoạch trống", Groups: []plan.Group{{Code: "I", Title: "Chưa có nhiệm vụ"}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	got, err := db.PlanWithTasks(ctx, p.ID, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Groups) != 1 || got.Groups[0].Tasks == nil || len(got.Groups[0].Tasks) != 0 {
		t.Errorf("empty group = %#v, want one group with an empty task list", got.Groups)
	}
}

func TestPlanNotFound(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	_, err := db.Plan(ctx, 5)
	wantCode(t, err, apperr.NotFound)
	_, err = db.PlanWithTasks(ctx, 5, fixedNow)
	wantCode(t, err, apperr.NotFound)
}

func TestCreatePlanValidation(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := plan.Plan{Number: "1/KH", Title: " \u00a0 "}
	wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) }), "title")
	if n := count(t, db, "plans"); n != 0 {
		t.Errorf("plans = %d after a refused plan", n)
	}
}

// TestCreatePlanIsAtomic: a task naming a missing agency fails the whole
// plan, leaving no half-imported groups or tasks.
func TestCreatePlanIsAtomic(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := plan.Plan{Title: "Kế hoạch lỗi", Groups: []plan.Group{
		{Code: "I", Title: "Nhóm", Tasks: []plan.Task{
			{Code: "I.1", Ordinal: 1, Content: "Đúng"},
			{Code: "I.2", Ordinal: 2, Content: "Sai", Lead: []plan.AgencyRef{{ID: 404}}},
		}},
	}}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) }); err == nil {
		t.Fatal("CreatePlan with a missing agency succeeded")
	}
	for _, tb := range []string{"plans", "task_groups", "tasks", "task_agencies", "audit_log"} {
		if n := count(t, db, tb); n != 0 {
			t.Errorf("%s has %d rows after a failed plan", tb, n)
		}
	}
}

func TestPlansNewestIssuedFirst(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	plans := []plan.Plan{
		{Title: "Kế hoạch 2024", IssuedOn: day(2024, 5, 1)},
		{Title: "Kế hoạch chưa ghi ngày"},
		{Title: "Kế hoạch 2026", IssuedOn: day(2026, 1, 10), Groups: []plan.Group{{Code: "I", Title: "N",
			Tasks: []plan.Task{{Code: "I.1", Content: "A"}, {Code: "I.2", Content: "B"}}}}},
		{Title: "Kế hoạch 2025", IssuedOn: day(2025, 7, 1)},
	}
	for i := range plans {
		update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &plans[i]) })
	}
	list, total, err := db.Plans(ctx, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total != 4 {
		t.Errorf("total = %d, want 4", total)
	}
	var titles []string
	for _, p := range list {
		titles = append(titles, p.Title)
	}
	// An undated plan sorts last (NULL is smallest in SQLite; PostgreSQL
	// puts NULL first in DESC order unless told NULLS LAST).
	want := []string{"Kế hoạch 2026", "Kế hoạch 2025", "Kế hoạch 2024", "Kế hoạch chưa ghi ngày"}
	if !slices.Equal(titles, want) {
		t.Errorf("Plans order = %q, want %q", titles, want)
	}
	if list[0].TaskCount != 2 || list[1].TaskCount != 0 {
		t.Errorf("TaskCount = %d, %d; want 2, 0", list[0].TaskCount, list[1].TaskCount)
	}
	page2, total, err := db.Plans(ctx, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if total != 4 || len(page2) != 1 || page2[0].Title != want[3] {
		t.Errorf("page 2 = %+v total %d", page2, total)
	}
}
