package load

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestChecks(t *testing.T) {
	p := planInfo{ID: 7, Number: "563/KH-UBND"}
	page := `<span class="docno">563/KH-UBND</span> Kế hoạch <form method="get" action="/plans/7" class="filters">` +
		`<option value="overdue" selected><input id="q" value="ho tro hop tac xa">`
	task := taskItem{ID: 12, PlanID: 7, Content: `Hỗ trợ "hợp tác xã" & tổ hợp tác`}
	var list taskList
	for _, c := range []struct {
		name  string
		check checker
		body  string
		ok    bool
	}{
		{"the plan asked for", planPage(p, optionSelected("overdue"), searchValue(search)), page, true},
		{"another plan's page", planPage(planInfo{ID: 8, Number: "563/KH-UBND"}), page, false},
		{"another plan's number", planPage(planInfo{ID: 7, Number: "12/KH-UBND"}), page, false},
		{"a filter not applied", planPage(p, optionSelected("done")), page, false},
		{"the task asked for", taskPage(task),
			`<a href="/plans/7">563</a><p class="content">Hỗ trợ &#34;hợp tác xã&#34; &amp; tổ hợp tác</p>`, true},
		{"another task", taskPage(task), `<a href="/plans/7">563</a><p class="content">Tổ chức hội nghị</p>`, false},
		{"my agency", myPage("Sở Tài chính"), `<p class="meta">Sở Tài chính</p>`, true},
		{"another agency", myPage("Sở Tài chính"), `<p class="meta">Sở Nội vụ</p>`, false},
		{"tasks of the plan", taskListOf(7, 0, 50, &list), `{"items":[{"id":1,"plan_id":7}],"total":1}`, true},
		{"a task of another plan", taskListOf(7, 0, 50, &list), `{"items":[{"id":1,"plan_id":7},{"id":2,"plan_id":8}]}`, false},
		{"a page too long", taskListOf(7, 0, 1, &list), `{"items":[{"id":1,"plan_id":7},{"id":2,"plan_id":7}]}`, false},
		{"tasks the agency supports", taskListOf(0, 3, 50, &list), `{"items":[{"id":1,"support":[{"id":3}]}]}`, true},
		{"tasks of a merged agency", taskListOf(0, 3, 50, &list), `{"items":[{"id":1,"lead":[{"id":2,"successor":{"id":3}}]}]}`, true},
		{"a task without the agency", taskListOf(0, 3, 50, &list), `{"items":[{"id":1,"lead":[{"id":2}]}]}`, false},
		{"the task by ID", taskJSON(5), `{"id":5}`, true},
		{"another task by ID", taskJSON(5), `{"id":6}`, false},
		{"progress on the task", progressJSON(5), `{"task_id":5}`, true},
		{"progress on another task", progressJSON(5), `{"task_id":4}`, false},
		{"not JSON", taskJSON(5), `<html>`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.check([]byte(c.body))
			if (got == "") != c.ok {
				t.Errorf("check says %q", got)
			}
		})
	}
}

// swapTasks answers every request for one task with another task's page:
// what a cache keyed without the task's ID would do.
type swapTasks struct {
	next  http.RoundTripper
	other string
}

var taskPath = regexp.MustCompile(`^(/api/v1)?/tasks/\d+$`)

func (s swapTasks) RoundTrip(r *http.Request) (*http.Response, error) {
	if taskPath.MatchString(r.URL.Path) {
		r = r.Clone(r.Context())
		r.URL.Path = taskPath.ReplaceAllString(r.URL.Path, "${1}/tasks/"+s.other)
	}
	return s.next.RoundTrip(r)
}

// A server that answers fast with the wrong record fails the run: every
// such answer is an error of its route, named as wrong content.
func TestRunCatchesWrongContent(t *testing.T) {
	url, readers, writers := demoServer(t)
	rep, err := Run(context.Background(), Config{URL: url, Users: 3, WriteUsers: 1, Duration: time.Second,
		Requests: 400, Readers: readers, Writers: writers, Seed: 5,
		Transport: swapTasks{next: http.DefaultTransport, other: "1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range []string{RouteTask, RouteAPITask} {
		s, ok := rep.Route(route)
		if !ok || s.Count == 0 {
			t.Fatalf("no request on %s", route)
		}
		// Task 1 itself is answered right; every other task is not.
		if s.Errors == 0 {
			t.Errorf("%s: %d requests, no error", route, s.Count)
		}
	}
	wrongContent := false
	for _, e := range rep.ErrorSamples {
		wrongContent = wrongContent || strings.Contains(e, "nội dung sai")
	}
	if !wrongContent {
		t.Errorf("no error names the wrong content: %v", rep.ErrorSamples)
	}
}
