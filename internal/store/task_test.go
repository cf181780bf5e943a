package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

func TestTasksFilters(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	// A second plan whose task must never leak into the first plan's lists.
	other := plan.Plan{Title: "Kế hoạch khác", Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{
		{Code: "I.1", Ordinal: 1, Content: "Tuyên truyền hợp tác xã", Lead: []plan.AgencyRef{ref(f.KHDT)}},
	}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &other) })

	groupI, groupII := f.Plan.Groups[0].ID, f.Plan.Groups[1].ID
	all := []string{"I.1", "I.2", "II.1", "II.2"}
	tests := []struct {
		name string
		f    plan.TaskFilter
		want []string
	}{
		{"all", plan.TaskFilter{}, all},
		{"lead or support agency", plan.TaskFilter{AgencyID: f.KHDT.ID}, []string{"I.1", "II.1", "II.2"}},
		{"support only counts", plan.TaskFilter{AgencyID: f.LM.ID}, []string{"I.1", "I.2"}},
		{"collective agency", plan.TaskFilter{AgencyID: f.UBND.ID}, []string{"I.1", "II.1"}},
		{"agency without tasks", plan.TaskFilter{AgencyID: f.Other.ID}, nil},
		{"group", plan.TaskFilter{GroupID: groupII}, []string{"II.1", "II.2"}},
		{"group and agency", plan.TaskFilter{GroupID: groupI, AgencyID: f.TC.ID}, []string{"I.1"}},
		{"query content without diacritics", plan.TaskFilter{Query: "tuyen truyen"}, []string{"I.1"}},
		{"query content with diacritics, other case", plan.TaskFilter{Query: "HỘI NGHỊ"}, []string{"I.2"}},
		{"query agency name", plan.TaskFilter{Query: "lien minh"}, []string{"I.1", "I.2"}},
		{"query agency alias", plan.TaskFilter{Query: "so khdt"}, []string{"I.1", "II.1", "II.2"}},
		{"query content or agency", plan.TaskFilter{Query: "hop tac xa"}, all},
		{"query code", plan.TaskFilter{Query: "ii.1"}, []string{"II.1"}},
		{"query literal percent", plan.TaskFilter{Query: "%"}, nil},
		{"query and agency", plan.TaskFilter{Query: "tai chinh", AgencyID: f.KHDT.ID}, []string{"I.1", "II.2"}},
		{"status overdue", plan.TaskFilter{Status: plan.StatusOverdue}, []string{"I.2", "II.1"}},
		{"status not started excludes overdue", plan.TaskFilter{Status: plan.StatusNotStarted}, []string{"I.1", "II.2"}},
		{"status and group", plan.TaskFilter{Status: plan.StatusOverdue, GroupID: groupI}, []string{"I.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tf := tt.f
			tf.PlanID, tf.Today, tf.PerPage = f.Plan.ID, fixedNow, -1
			list, total, err := db.Tasks(ctx, tf)
			if err != nil {
				t.Fatal(err)
			}
			if got := taskCodes(list); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Tasks = %q, want %q", got, tt.want)
			}
			if total != len(tt.want) {
				t.Errorf("total = %d, want %d", total, len(tt.want))
			}
			for _, tk := range list {
				if tk.PlanID != f.Plan.ID {
					t.Errorf("task %d of plan %d in plan %d's list", tk.ID, tk.PlanID, f.Plan.ID)
				}
				if tf.Status != "" && tk.Status != tf.Status {
					t.Errorf("task %s has status %s in a %s list", tk.Code, tk.Status, tf.Status)
				}
			}
		})
	}
	// Without PlanID the other plan's task shows up too.
	list, _, err := db.Tasks(ctx, plan.TaskFilter{AgencyID: f.KHDT.ID, Query: "tuyen truyen", Today: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := taskIDs(list); !slices.Equal(got, []int64{f.task(t, "I.1").ID, other.Groups[0].Tasks[0].ID}) {
		t.Errorf("cross-plan list = %v", got)
	}
}

func TestTasksPagination(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	var seen []string
	for page := 1; page <= 3; page++ {
		list, total, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, Today: fixedNow, Page: page, PerPage: 3})
		if err != nil {
			t.Fatal(err)
		}
		if total != 4 {
			t.Errorf("page %d total = %d, want 4", page, total)
		}
		seen = append(seen, taskCodes(list)...)
	}
	if want := []string{"I.1", "I.2", "II.1", "II.2"}; !slices.Equal(seen, want) {
		t.Errorf("pages = %q, want %q", seen, want)
	}
	// PerPage 0 is the default page size, not "everything" and not "nothing".
	list, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: f.Plan.ID, Today: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Errorf("default page has %d tasks, want 4", len(list))
	}
}

// statusCase is one task of the status table: a timeframe and what was
// recorded on it.
type statusCase struct {
	name     string
	tf       plan.Timeframe
	recorded plan.Status
	doneAt   time.Time // when "done" was recorded; zero if never
	doneOn   *time.Time
	dropped  bool // dropped by the coordinator after what was recorded
	id       int64
}

// TestTasksZeroToday: a filter without Today must still list and label
// tasks by the same day. Today, statusSQL falls back to time.Now() while
// Task.Compute uses the zero time, so an "overdue" list holds tasks shown as
// not started.
func TestTasksZeroToday(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := plan.Plan{Title: "Kế hoạch cũ", Groups: []plan.Group{{Code: "I", Title: "N", Tasks: []plan.Task{
		{Code: "I.1", Ordinal: 1, Content: "Hạn năm 2020", Timeframe: plan.ParseTimeframe("2020", 0)},
	}}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	overdue, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Status: plan.StatusOverdue})
	if err != nil {
		t.Fatal(err)
	}
	unfiltered, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(unfiltered) != 1 {
		t.Fatalf("unfiltered list has %d tasks, want 1", len(unfiltered))
	}
	listedOverdue := len(overdue) == 1
	if shown := unfiltered[0].Status == plan.StatusOverdue; shown != listedOverdue {
		t.Errorf("BUG: with a zero TaskFilter.Today the task due in 2020 is listed under overdue: %v, but shown as %s "+
			"(store/task.go: today() falls back to time.Now() while Tasks calls Compute(f.Today) with the zero time)",
			listedOverdue, unfiltered[0].Status)
	}
	for _, tk := range overdue {
		if tk.Status != plan.StatusOverdue {
			t.Errorf("BUG: task %s in the overdue list is shown as %s", tk.Code, tk.Status)
		}
	}
}

// TestTaskCreatedWithComputedStatus: status.go says only not_started,
// in_progress and done are ever stored. A plan imported with a computed
// status must be refused, or stored so that the SQL filter and the shown
// status still agree.
func TestTaskCreatedWithComputedStatus(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	p := plan.Plan{Title: "Nhập từ bảng tính", Groups: []plan.Group{{Code: "I", Title: "N", Tasks: []plan.Task{
		{Code: "I.1", Ordinal: 1, Content: "Ghi sẵn quá hạn", Recorded: plan.StatusOverdue,
			Timeframe: plan.ParseTimeframe("2030", 0)},
		{Code: "I.2", Ordinal: 2, Content: "Ghi sẵn hoàn thành muộn", Recorded: plan.StatusDoneLate,
			Timeframe: plan.ParseTimeframe("2020", 0)},
	}}}}
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	if err != nil {
		wantCode(t, err, apperr.Validation)
		return
	}
	for _, s := range []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone,
		plan.StatusDoneLate, plan.StatusOverdue} {
		list, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: fixedNow, Status: s})
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range list {
			if tk.Status != s {
				t.Errorf("BUG: task %s created with recorded %q is listed under %s but shown as %s "+
					"(store/task.go createTask stores any Recorded value)", tk.Code, tk.Recorded, s, tk.Status)
			}
		}
	}
}

func TestTasksUrgentFirst(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	mk := func(code, tf string) plan.Task {
		return plan.Task{Code: code, Content: "Nhiệm vụ " + code, Timeframe: plan.ParseTimeframe(tf, 2026)}
	}
	tasks := []plan.Task{
		mk("A", "Thường xuyên"), // no due date
		mk("B", "2026"),         // due 31 Dec
		mk("C", "Quý III/2026"), // overdue since 30 Sep
		mk("D", "2025"),         // overdue since 31 Dec 2025
		mk("E", "1/1/2026"),     // done
		mk("F", "1/12/2026"),    // due 1 Dec
		mk("G", "24/11/2026"),   // due today: not overdue
	}
	for i := range tasks {
		tasks[i].Ordinal = i + 1
	}
	p := plan.Plan{Title: "Ưu tiên", Groups: []plan.Group{{Code: "I", Title: "N", Tasks: tasks}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	id := map[string]int64{}
	for _, tk := range p.Groups[0].Tasks {
		id[tk.Code] = tk.ID
	}
	record(t, db, plan.Progress{TaskID: id["E"], Status: plan.StatusDone})
	record(t, db, plan.Progress{TaskID: id["C"], Status: plan.StatusInProgress, Percent: ptr(50)})

	list, total, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: fixedNow, UrgentFirst: true, PerPage: -1})
	if err != nil {
		t.Fatal(err)
	}
	got := taskCodes(list)
	if total != 7 || len(got) != 7 {
		t.Fatalf("UrgentFirst = %q (total %d), want 7 tasks", got, total)
	}
	// Overdue oldest first, then by due date; then the rest (ongoing and
	// done), whose relative order is not specified.
	if want := []string{"D", "C", "G", "F", "B"}; !slices.Equal(got[:5], want) {
		t.Errorf("UrgentFirst = %q, want %q first", got, want)
	}
	if rest := sorted(got[5:]); !slices.Equal(rest, []string{"A", "E"}) {
		t.Errorf("UrgentFirst tail = %q, want A and E", got[5:])
	}
	// Paging applies after the urgent order, and the ORDER BY argument does
	// not shift LIMIT/OFFSET.
	page, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: fixedNow, UrgentFirst: true, Page: 2, PerPage: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := taskCodes(page); !slices.Equal(got, []string{"G", "F"}) {
		t.Errorf("UrgentFirst page 2 = %q, want [G F]", got)
	}
	// Combined with a status filter, both ? arguments of statusSQL bind.
	over, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: fixedNow, UrgentFirst: true,
		Status: plan.StatusOverdue, Query: "nhiem vu"})
	if err != nil {
		t.Fatal(err)
	}
	if got := taskCodes(over); !slices.Equal(got, []string{"D", "C"}) {
		t.Errorf("UrgentFirst overdue = %q, want [D C]", got)
	}
	// Plan order when not asked for urgency.
	plain, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := taskCodes(plain); !slices.Equal(got, []string{"A", "B", "C", "D", "E", "F", "G"}) {
		t.Errorf("plan order = %q", got)
	}
}

func TestTask(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	want := f.task(t, "II.1")
	got, err := db.Task(ctx, want.ID, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.Code != "II.1" || got.GroupCode != "II" || got.Content != want.Content ||
		!slices.Equal(refNames(got.Lead), []string{f.KHDT.Name}) ||
		!slices.Equal(refNames(got.Support), []string{f.UBND.Name}) {
		t.Errorf("Task = %+v", got)
	}
	if got.Status != plan.StatusOverdue || !sameDate(got.Timeframe.Due, day(2026, 6, 30)) {
		t.Errorf("status %s due %s, want overdue 2026-06-30", got.Status, fmtDate(got.Timeframe.Due))
	}
	if got.Progress == nil || len(got.Progress) != 0 {
		t.Errorf("Progress = %#v, want empty", got.Progress)
	}
	// The same task before its due date is not overdue.
	early, err := db.Task(ctx, want.ID, time.Date(2026, 6, 30, 22, 0, 0, 0, ict))
	if err != nil {
		t.Fatal(err)
	}
	if early.Status != plan.StatusNotStarted {
		t.Errorf("status on the due day = %s, want not_started", early.Status)
	}
	_, err = db.Task(ctx, 9999, fixedNow)
	wantCode(t, err, apperr.NotFound)
}
