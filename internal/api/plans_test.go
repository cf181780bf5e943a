package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/plan"
)

func TestDemoPlanThroughAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.token(viewerEmail)

	t.Run("list plans", func(t *testing.T) {
		var l page[plan.Plan]
		e.get("/api/v1/plans", tok).must(t, http.StatusOK).decode(t, &l)
		if l.Total != 1 || len(l.Items) != 1 {
			t.Fatalf("got %d plans (total %d), want the demo plan alone", len(l.Items), l.Total)
		}
		p := l.Items[0]
		if p.ID != e.planID || p.TaskCount != 18 || p.Number == "" || p.Title == "" {
			t.Errorf("plan = %+v, want the demo plan %d with 18 tasks", p, e.planID)
		}
		if p.IssuedOn == nil || !p.IssuedOn.Equal(time.Date(2024, 8, 20, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("issued_on = %v, want 2024-08-20", p.IssuedOn)
		}
		if p.Groups != nil {
			t.Errorf("a plan in a list carries groups: %+v", p.Groups)
		}
	})

	t.Run("plan with groups and tasks", func(t *testing.T) {
		var p plan.Plan
		e.get(fmt.Sprintf("/api/v1/plans/%d", e.planID), tok).must(t, http.StatusOK).decode(t, &p)
		var groupCodes []string
		tasks, multiLead := 0, 0
		for _, g := range p.Groups {
			groupCodes = append(groupCodes, g.Code)
			if g.PlanID != p.ID {
				t.Errorf("group %s has plan_id %d, want %d", g.Code, g.PlanID, p.ID)
			}
			for _, task := range g.Tasks {
				tasks++
				if task.GroupID != g.ID || task.GroupCode != g.Code || task.PlanID != p.ID {
					t.Errorf("task %s: group %d/%q plan %d, want %d/%q plan %d", task.Code,
						task.GroupID, task.GroupCode, task.PlanID, g.ID, g.Code, p.ID)
				}
				if len(task.Lead) == 0 {
					t.Errorf("task %s has no lead agency", task.Code)
				}
				if len(task.Lead) >= 2 {
					multiLead++
				}
				if !task.Status.Valid() || !task.Recorded.Recordable() || !task.Timeframe.Kind.Valid() {
					t.Errorf("task %s: status %q recorded %q timeframe kind %q", task.Code, task.Status, task.Recorded, task.Timeframe.Kind)
				}
				if task.Progress != nil {
					t.Errorf("task %s in a plan carries its progress history", task.Code)
				}
			}
			if g.Code == "V" {
				if len(g.Tasks) != 1 || g.Tasks[0].Code != "V" {
					t.Errorf("group V tasks = %v, want one task coded \"V\"", codes(g.Tasks))
				}
			}
		}
		if want := []string{"I", "II", "III", "IV", "V"}; !slices.Equal(groupCodes, want) {
			t.Errorf("group codes = %v, want %v", groupCodes, want)
		}
		if tasks != 18 || p.TaskCount != 18 {
			t.Errorf("got %d tasks, task_count %d; want 18", tasks, p.TaskCount)
		}
		if multiLead == 0 {
			t.Error("no task has two or more lead agencies")
		}
	})

	t.Run("task with progress history", func(t *testing.T) {
		var l page[plan.Task]
		e.get(fmt.Sprintf("/api/v1/tasks?plan=%d&q=II.4", e.planID), tok).must(t, http.StatusOK).decode(t, &l)
		i := slices.IndexFunc(l.Items, func(task plan.Task) bool { return task.Code == "II.4" })
		if i < 0 {
			t.Fatalf("q=II.4 found %v, want II.4 among them", codes(l.Items))
		}
		var task taskJSON
		e.get(fmt.Sprintf("/api/v1/tasks/%d", l.Items[i].ID), tok).must(t, http.StatusOK).decode(t, &task)
		if len(task.Progress) != 3 || task.ProgressTotal != 3 {
			t.Fatalf("II.4 has %d progress entries (total %d), want 3", len(task.Progress), task.ProgressTotal)
		}
		// The history pages, newest first, as the detail lists it.
		var first, second page[plan.Progress]
		history := fmt.Sprintf("/api/v1/tasks/%d/progress?per_page=2", task.ID)
		e.get(history, tok).must(t, http.StatusOK).decode(t, &first)
		e.get(history+"&page=2", tok).must(t, http.StatusOK).decode(t, &second)
		var got []int64
		for _, p := range append(first.Items, second.Items...) {
			got = append(got, p.ID)
		}
		want := []int64{task.Progress[0].ID, task.Progress[1].ID, task.Progress[2].ID}
		if first.Total != 3 || second.Total != 3 || !slices.Equal(got, want) {
			t.Errorf("history pages = %v (totals %d, %d), want %v", got, first.Total, second.Total, want)
		}
		// Newest first; done in March 2026 after a Q4/2025 deadline.
		if p := task.Progress[0]; p.Status != plan.StatusDone || p.Percent == nil || *p.Percent != 100 {
			t.Errorf("newest entry = %+v, want done 100%%", p)
		}
		if task.Status != plan.StatusDoneLate || task.DoneOn == nil || task.DoneOn.Format(time.DateOnly) != "2026-03-20" {
			t.Errorf("II.4 status %q done_on %v, want done_late on 2026-03-20", task.Status, task.DoneOn)
		}
	})
}

// TestPlanShowsSuccessorFromItsDate: the plan's tasks name Sở Tài chính as
// the successor of Sở Kế hoạch và Đầu tư from 01/03/2025 only; the day
// before, the department answers alone. The same server answers both days,
// so a task row kept in memory from one day cannot answer for the other;
// the task list (/api/v1/tasks) follows the same dates.
func TestPlanShowsSuccessorFromItsDate(t *testing.T) {
	t.Parallel()
	ict := time.FixedZone("ICT", 7*3600)
	clock := apptest.NewClock(time.Date(2025, 2, 28, 23, 30, 0, 0, ict))
	e := newEnv(t, apptest.WithClock(clock.Now))
	tok := e.token(viewerEmail)
	successorOf := func(t *testing.T, tasks []plan.Task) (found bool, names []string) {
		t.Helper()
		for _, tk := range tasks {
			for _, a := range tk.Lead {
				if a.Name != "Sở Kế hoạch và Đầu tư" {
					continue
				}
				found = true
				name := ""
				if a.Successor != nil {
					name = a.Successor.Name
				}
				names = append(names, name)
			}
		}
		return found, names
	}
	days := []struct {
		name string
		at   time.Time
		want string
	}{
		{"the day before", time.Date(2025, 2, 28, 23, 30, 0, 0, ict), ""},
		{"the day of the succession", time.Date(2025, 3, 1, 0, 30, 0, 0, ict), "Sở Tài chính"},
		{"back before it", time.Date(2025, 2, 27, 9, 0, 0, 0, ict), ""},
		{"a year on", time.Date(2026, 3, 1, 9, 0, 0, 0, ict), "Sở Tài chính"},
	}
	for _, d := range days {
		clock.Add(d.at.Sub(clock.Now()))
		t.Run(d.name, func(t *testing.T) {
			var p plan.Plan
			e.get(fmt.Sprintf("/api/v1/plans/%d", e.planID), tok).must(t, http.StatusOK).decode(t, &p)
			var tasks []plan.Task
			for _, g := range p.Groups {
				tasks = append(tasks, g.Tasks...)
			}
			found, names := successorOf(t, tasks)
			if !found {
				t.Fatal("no task of the plan is led by Sở Kế hoạch và Đầu tư")
			}
			for _, n := range names {
				if n != d.want {
					t.Errorf("plan: successor %q, want %q", n, d.want)
				}
			}
			var l page[plan.Task]
			e.get(fmt.Sprintf("/api/v1/tasks?per_page=100&agency=%d", e.app.AgencyID("Sở Kế hoạch và Đầu tư")), tok).
				must(t, http.StatusOK).decode(t, &l)
			found, names = successorOf(t, l.Items)
			if !found {
				t.Fatal("the task list has no task led by Sở Kế hoạch và Đầu tư")
			}
			for _, n := range names {
				if n != d.want {
					t.Errorf("tasks: successor %q, want %q", n, d.want)
				}
			}
		})
	}
}
