package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// TestTaskStatusSQLAgreesWithEffective is the guard that keeps statusSQL
// (used to filter and sort in the database) and plan.Effective (used to
// show a task) in step: for every timeframe kind, recorded state and a
// spread of days, a task is listed under status S exactly when Effective
// says S, and the Status it is shown with is Effective's.
func TestTaskStatusSQLAgreesWithEffective(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	timeframes := []struct {
		text string
		kind plan.TimeframeKind
	}{
		{"Thường xuyên", plan.TimeframeOngoing},
		{"sớm nhất có thể", plan.TimeframeText},
		{"2025", plan.TimeframeYear},
		{"Năm 2026", plan.TimeframeYear},
		{"2021-2025", plan.TimeframeRange},
		{"giai đoạn 2021 – 2030", plan.TimeframeRange},
		{"Quý III/2026", plan.TimeframeQuarter},
		{"Quý IV năm 2026", plan.TimeframeQuarter},
		{"30/6/2026", plan.TimeframeDate},
		{"trước ngày 24/11", plan.TimeframeDate}, // the plan's own year
		{"Tháng 10/2026", plan.TimeframeDate},
	}
	// at is an instant on civil day d in Vietnam, at the given local hour.
	at := func(d time.Time, hour int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, ict)
	}
	var cases []*statusCase
	var tasks []plan.Task
	lead := createAgency(t, db, org.Agency{Name: "Sở Tài chính"}) // a task is dropped only with a lead
	for i, tfc := range timeframes {
		tf := plan.ParseTimeframe(tfc.text, 2026)
		if tf.Kind != tfc.kind {
			t.Fatalf("ParseTimeframe(%q).Kind = %s, want %s: the table would not cover that kind", tfc.text, tf.Kind, tfc.kind)
		}
		ref := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC) // a day for timeframes without a due date
		if tf.Due != nil {
			ref = *tf.Due
		}
		scenarios := []statusCase{
			{name: "untouched", recorded: plan.StatusNotStarted},
			{name: "in progress", recorded: plan.StatusInProgress},
			{name: "done early", recorded: plan.StatusDone, doneAt: at(ref.AddDate(0, 0, -40), 9)},
			{name: "done on the due day", recorded: plan.StatusDone, doneAt: at(ref, 9)},
			{name: "done late evening of the due day", recorded: plan.StatusDone, doneAt: at(ref, 23)},
			{name: "done the day after", recorded: plan.StatusDone, doneAt: at(ref.AddDate(0, 0, 1), 0)},
			{name: "done a year late", recorded: plan.StatusDone, doneAt: at(ref.AddDate(1, 0, 0), 12)},
			// A dropped task is never overdue: it keeps its last status.
			{name: "untouched, dropped", recorded: plan.StatusNotStarted, dropped: true},
			{name: "in progress, dropped", recorded: plan.StatusInProgress, dropped: true},
			{name: "done the day after, dropped", recorded: plan.StatusDone, doneAt: at(ref.AddDate(0, 0, 1), 0), dropped: true},
		}
		for j := range scenarios {
			c := scenarios[j]
			c.name = tfc.text + " / " + c.name
			c.tf = tf
			cases = append(cases, &c)
			tasks = append(tasks, plan.Task{Code: fmt.Sprintf("%d.%d", i+1, j+1), Ordinal: len(tasks) + 1,
				Content: c.name, Timeframe: tf, Lead: []plan.AgencyRef{{ID: lead.ID}}})
		}
	}
	p := plan.Plan{Title: "Bảng trạng thái", Groups: []plan.Group{{Code: "I", Title: "Tất cả", Tasks: tasks}}}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) })
	for i, c := range cases {
		c.id = p.Groups[0].Tasks[i].ID
		switch c.recorded {
		case plan.StatusInProgress:
			record(t, db, plan.Progress{TaskID: c.id, Status: plan.StatusInProgress, Percent: ptr(30)})
		case plan.StatusDone:
			setClock(db, c.doneAt)
			record(t, db, plan.Progress{TaskID: c.id, Status: plan.StatusDone})
			c.doneOn = ptr(plan.Today(c.doneAt))
		}
		if c.dropped {
			if err := editTask(db, ctx, c.id, plan.TaskEdit{Drop: true, Decision: "Quyết định 12/QĐ-UBND"}); err != nil {
				t.Fatalf("drop %s: %v", c.name, err)
			}
		}
	}
	setClock(db, fixedNow)

	todays := []time.Time{
		time.Date(2025, 12, 31, 10, 0, 0, 0, ict),
		time.Date(2026, 1, 1, 0, 30, 0, 0, ict), // still 31 Dec in UTC
		time.Date(2026, 6, 30, 23, 30, 0, 0, ict),
		time.Date(2026, 7, 1, 0, 10, 0, 0, ict),
		time.Date(2026, 9, 30, 12, 0, 0, 0, ict),
		time.Date(2026, 10, 1, 8, 0, 0, 0, ict),
		time.Date(2026, 11, 24, 15, 0, 0, 0, ict),
		time.Date(2026, 11, 25, 6, 0, 0, 0, ict),
		time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), // a caller passing UTC gets UTC's date on both sides
		time.Date(2026, 12, 31, 23, 0, 0, 0, ict),
		time.Date(2027, 1, 1, 9, 0, 0, 0, ict),
		time.Date(2031, 1, 1, 9, 0, 0, 0, ict),
	}
	statuses := []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone,
		plan.StatusDoneLate, plan.StatusOverdue}
	seen := map[plan.Status]int{}
	seenDroppedNotOverdue := 0 // dropped tasks Effective alone would call overdue
	for _, today := range todays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			want := map[int64]plan.Status{}
			byID := map[int64]*statusCase{}
			for _, c := range cases {
				want[c.id] = plan.TaskStatus(c.recorded, c.doneOn, c.tf, c.dropped, today)
				if c.dropped && want[c.id] != plan.Effective(c.recorded, c.doneOn, c.tf, today) {
					seenDroppedNotOverdue++
				}
				byID[c.id] = c
				seen[want[c.id]]++
			}
			list, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: today, PerPage: -1})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != len(cases) {
				t.Fatalf("%d tasks listed, want %d", len(list), len(cases))
			}
			for _, tk := range list {
				c := byID[tk.ID]
				if tk.Recorded != c.recorded || !sameDate(tk.DoneOn, c.doneOn) {
					t.Errorf("%s: stored %s done %s, want %s done %s", c.name, tk.Recorded, fmtDate(tk.DoneOn),
						c.recorded, fmtDate(c.doneOn))
				}
				if (tk.Dropped != nil) != c.dropped {
					t.Errorf("%s: dropped = %v, want %v", c.name, tk.Dropped != nil, c.dropped)
				}
				if tk.Status != want[tk.ID] {
					t.Errorf("%s: shown as %s, Effective says %s", c.name, tk.Status, want[tk.ID])
				}
			}
			// Within the plan the status is computed from the plan's state
			// in Go (task_state.go); across plans, by the SQL condition.
			for _, scope := range []struct {
				planID  int64
				perPage int
			}{{p.ID, -1}, {0, 500}} {
				for _, s := range statuses {
					list, total, err := db.Tasks(ctx, plan.TaskFilter{PlanID: scope.planID, Today: today, Status: s, PerPage: scope.perPage})
					if err != nil {
						t.Fatal(err)
					}
					got := map[int64]bool{}
					for _, tk := range list {
						got[tk.ID] = true
						if want[tk.ID] != s {
							t.Errorf("SQL lists %q under %s; Effective says %s", byID[tk.ID].name, s, want[tk.ID])
						}
					}
					n := 0
					for id, w := range want {
						if w != s {
							continue
						}
						n++
						if !got[id] {
							t.Errorf("SQL leaves %q out of %s; Effective says %s", byID[id].name, s, w)
						}
					}
					if total != n {
						t.Errorf("plan %d: %s total = %d, want %d", scope.planID, s, total, n)
					}
				}
			}
		})
	}
	for _, s := range statuses {
		if seen[s] == 0 {
			t.Errorf("the table never produces %s; it does not test that branch", s)
		}
	}
	if seenDroppedNotOverdue == 0 {
		t.Error("no dropped task is past its due day; the table does not test that dropped tasks are never overdue")
	}
}

// TestDroppedTaskIsNotUrgent: II.1 falls due on 30/06/2026 and is dropped
// before. It is neither due soon nor overdue, is listed under its last
// status and with every task, marked dropped, and "My agency" (urgent
// first) puts it after the tasks still owed.
func TestDroppedTaskIsNotUrgent(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	ii1 := f.task(t, "II.1").ID
	if err := editTask(db, ctx, ii1, plan.TaskEdit{Drop: true, Decision: "Quyết định 45/QĐ-UBND"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		today time.Time
	}{
		{"due soon", time.Date(2026, 6, 15, 9, 0, 0, 0, ict)},
		{"past due", time.Date(2026, 7, 15, 9, 0, 0, 0, ict)},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, planID := range []int64{f.Plan.ID, 0} { // one plan, and every plan
				urgent, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: planID, AgencyID: f.KHDT.ID, Today: c.today,
					UrgentFirst: true, PerPage: 50})
				if err != nil {
					t.Fatal(err)
				}
				var codes []string
				for _, tk := range urgent {
					codes = append(codes, tk.Code)
					if tk.ID == ii1 && (tk.Status != plan.StatusNotStarted || tk.DueSoon || tk.Dropped == nil) {
						t.Errorf("plan %d: dropped II.1 shown %s, due soon %v, dropped %v; want not started, not due soon, dropped",
							planID, tk.Status, tk.DueSoon, tk.Dropped != nil)
					}
				}
				if got := fmt.Sprint(codes); got != "[II.2 II.1 I.1]" {
					t.Errorf("plan %d: urgent first %s, want [II.2 II.1 I.1]: the dropped task after those owed", planID, got)
				}
				for _, s := range []plan.Status{plan.StatusOverdue, plan.StatusNotStarted, ""} {
					list, total, err := db.Tasks(ctx, plan.TaskFilter{PlanID: planID, Status: s, Today: c.today, PerPage: 50})
					if err != nil {
						t.Fatal(err)
					}
					listed := false
					for _, tk := range list {
						listed = listed || tk.ID == ii1
					}
					if want := s != plan.StatusOverdue; listed != want || total < len(list) {
						t.Errorf("plan %d, status %q: dropped II.1 listed = %v, want %v (total %d)", planID, s, listed, want, total)
					}
				}
			}
		})
	}
}
