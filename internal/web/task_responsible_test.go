package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/plan"
)

// TestTaskPageShowsWhoIsResponsibleOnItsDay: a task led by Sở Kế hoạch và
// Đầu tư, whose duties passed to Sở Tài chính on 01/03/2025, shows the
// department alone on a day before that date and, from it, the department
// with Sở Tài chính as the one responsible and since when.
func TestTaskPageShowsWhoIsResponsibleOnItsDay(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	clock := apptest.NewClock(time.Date(2025, 2, 28, 10, 0, 0, 0, ict))
	e := newEnvAt(t, clock.Now)
	var task plan.Task
	for _, tk := range e.planTasks() {
		for _, a := range tk.Lead {
			if a.Name == "Sở Kế hoạch và Đầu tư" {
				task = tk
			}
		}
	}
	if task.ID == 0 {
		t.Fatal("the demo plan has no task led by Sở Kế hoạch và Đầu tư")
	}
	path := pathf("/tasks/%d", task.ID)
	lead := func(body string) string {
		_, after, _ := strings.Cut(body, "<dt>Đơn vị chủ trì</dt>")
		dd, _, _ := strings.Cut(after, "</dd>")
		return dd
	}
	tests := []struct {
		name       string
		day        time.Time
		shows, not string
	}{
		{"the day before", time.Date(2025, 2, 28, 23, 30, 0, 0, ict), "Sở Kế hoạch và Đầu tư</span>", "Sở Tài chính"},
		{"the day of the succession", time.Date(2025, 3, 1, 0, 30, 0, 0, ict),
			`Sở Kế hoạch và Đầu tư</span> <span class="successor">→ Sở Tài chính từ 01/03/2025</span>`, ""},
		{"a year on", time.Date(2026, 3, 1, 9, 0, 0, 0, ict),
			`Sở Kế hoạch và Đầu tư</span> <span class="successor">→ Sở Tài chính từ 01/03/2025</span>`, ""},
	}
	for _, tc := range tests {
		clock.Add(tc.day.Sub(clock.Now()))
		got := lead(e.page(e.login(coordinatorEmail), path))
		if !strings.Contains(got, tc.shows) || tc.not != "" && strings.Contains(got, tc.not) {
			t.Errorf("%s: lead agencies %q, want %q without %q", tc.name, got, tc.shows, tc.not)
		}
	}
}

// TestPlanPageShowsSuccessorFromItsDate: on the plan page, a task led by Sở
// Kế hoạch và Đầu tư shows "→ Sở Tài chính" from 01/03/2025 only, and the
// department alone before it, on one server whose kept rows serve both
// days.
func TestPlanPageShowsSuccessorFromItsDate(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	clock := apptest.NewClock(time.Date(2025, 2, 28, 10, 0, 0, 0, ict))
	e := newEnvAt(t, clock.Now)
	c := e.login(coordinatorEmail)
	path := pathf("/plans/%d", e.planID)
	const followed = `Sở Kế hoạch và Đầu tư</span> <span class="successor">→ Sở Tài chính</span>`
	tests := []struct {
		name string
		day  time.Time
		succ bool
	}{
		{"the day before", time.Date(2025, 2, 28, 23, 30, 0, 0, ict), false},
		{"the day of the succession", time.Date(2025, 3, 1, 0, 30, 0, 0, ict), true},
		{"back before it", time.Date(2025, 2, 27, 9, 0, 0, 0, ict), false},
		{"a year on", time.Date(2026, 3, 1, 9, 0, 0, 0, ict), true},
	}
	for _, tc := range tests {
		clock.Add(tc.day.Sub(clock.Now()))
		body := e.page(c, path)
		if !strings.Contains(body, "Sở Kế hoạch và Đầu tư</span>") {
			t.Fatalf("%s: the plan page names no task led by Sở Kế hoạch và Đầu tư", tc.name)
		}
		if got := strings.Contains(body, followed); got != tc.succ {
			t.Errorf("%s: successor shown %v, want %v", tc.name, got, tc.succ)
		}
		if !tc.succ && strings.Contains(body, "→ Sở Tài chính") {
			t.Errorf("%s: a task names Sở Tài chính as successor before 01/03/2025", tc.name)
		}
	}
}
