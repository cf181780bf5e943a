package load

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// row is a task row of the plan page.
func row(id int) string {
	return fmt.Sprintf(`<tr><td class="nowrap">I.%d</td><td><a href="/tasks/%d">x</a></td></tr>`, id, id)
}

// planPageHTML is a plan page of tasks from..to, with a pager at page of
// pages when pages > 1, or the empty message when from > to.
func planPageHTML(from, to, page, pages int) string {
	b := `<span class="docno">563/KH-UBND</span><form method="get" action="/plans/7" class="filters">`
	if from > to {
		return b + `<p class="empty">Không có nhiệm vụ</p>`
	}
	for id := from; id <= to; id++ {
		b += row(id)
	}
	if pages > 1 {
		b += fmt.Sprintf(`<nav class="pager" aria-label="x"><span>%d / %d</span></nav>`, page, pages)
	}
	return b
}

func ids(from, to int) []int64 {
	var out []int64
	for id := from; id <= to; id++ {
		out = append(out, int64(id))
	}
	return out
}

// apiPage is a task list API answer of tasks from..to of plan 7.
func apiPage(total, from, to int, status string) string {
	var items []string
	for id := from; id <= to; id++ {
		items = append(items, fmt.Sprintf(`{"id":%d,"plan_id":7,"status":%q}`, id, status))
	}
	return fmt.Sprintf(`{"items":[%s],"total":%d}`, strings.Join(items, ","), total)
}

// The pages scenario's checks: the page number, the rows and tasks it
// holds, the filter applied.
func TestPageChecks(t *testing.T) {
	p := planInfo{ID: 7, Number: "563/KH-UBND"}
	// Plan 7 has 250 tasks, IDs 1..250: plan pages of 100, API pages of 50.
	plan := func(page int) pageWant {
		lo, hi := min((page-1)*100, 250), min(page*100, 250)
		return pageWant{page: page, per: 100, total: 250, ids: ids(1, 250)[lo:hi]}
	}
	api := func(page int) pageWant {
		lo, hi := min((page-1)*50, 250), min(page*50, 250)
		return pageWant{page: page, per: 50, total: 250, ids: ids(1, 250)[lo:hi]}
	}
	filtered := pageWant{page: 2, per: 50, total: -1}
	for _, c := range []struct {
		name  string
		check checker
		body  string
		ok    bool
	}{
		{"plan page 2", planPageAt(p, plan(2)), planPageHTML(101, 200, 2, 3), true},
		{"plan page 3, the last, short", planPageAt(p, plan(3)), planPageHTML(201, 250, 3, 3), true},
		{"plan page past the last", planPageAt(p, plan(4)), planPageHTML(1, 0, 0, 0), true},
		{"page 1 for page 2", planPageAt(p, plan(2)), planPageHTML(1, 100, 1, 3), false},
		{"page 2 with page 1's pager", planPageAt(p, plan(2)), strings.Replace(planPageHTML(101, 200, 2, 3), "2 / 3", "1 / 3", 1), false},
		{"page 2 with rows of page 1", planPageAt(p, plan(2)), strings.Replace(planPageHTML(1, 100, 1, 3), "1 / 3", "2 / 3", 1), false},
		{"a row missing", planPageAt(p, plan(2)), planPageHTML(101, 199, 2, 3), false},
		{"rows past the last page", planPageAt(p, plan(4)), planPageHTML(201, 250, 3, 3), false},
		{"filtered page 2", planPageAt(p, pageWant{page: 2, per: 100, total: -1}, searchValue("xa")),
			strings.Replace(planPageHTML(5, 9, 2, 2), `class="filters">`, `class="filters"><input value="xa">`, 1), true},
		{"filtered page 1 for 2", planPageAt(p, pageWant{page: 2, per: 100, total: -1}), planPageHTML(5, 9, 1, 2), false},
		{"search not in the box", planPageAt(p, pageWant{page: 1, per: 100, total: -1}, searchValue("xa")),
			planPageHTML(5, 9, 1, 1), false},

		{"API page 2", taskPageOf(apiFilter{planID: 7}, api(2)), apiPage(250, 51, 100, ""), true},
		{"API last page", taskPageOf(apiFilter{planID: 7}, api(5)), apiPage(250, 201, 250, ""), true},
		{"API past the last", taskPageOf(apiFilter{planID: 7}, api(6)), apiPage(250, 1, 0, ""), true},
		{"API page 1 for 2", taskPageOf(apiFilter{planID: 7}, api(2)), apiPage(250, 1, 50, ""), false},
		{"API rows past the last", taskPageOf(apiFilter{planID: 7}, api(6)), apiPage(250, 201, 250, ""), false},
		{"API short page", taskPageOf(apiFilter{planID: 7}, api(2)), apiPage(250, 51, 99, ""), false},
		{"API wrong total", taskPageOf(apiFilter{planID: 7}, api(2)), apiPage(249, 51, 100, ""), false},
		{"API filtered page", taskPageOf(apiFilter{planID: 7}, filtered), apiPage(60, 11, 20, ""), true},
		{"API filtered, too few", taskPageOf(apiFilter{planID: 7}, filtered), apiPage(120, 11, 20, ""), false},
		{"API status", taskPageOf(apiFilter{planID: 7, status: "overdue"}, filtered), apiPage(120, 11, 20, "overdue"), true},
		{"API wrong status", taskPageOf(apiFilter{planID: 7, status: "overdue"}, filtered), apiPage(60, 11, 20, "done"), false},
		{"API another plan", taskPageOf(apiFilter{planID: 8}, filtered), apiPage(60, 11, 20, ""), false},
		{"API another agency", taskPageOf(apiFilter{planID: 7, agencyID: 3}, filtered), apiPage(60, 11, 20, ""), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.check([]byte(c.body))
			if (got.Key == "") != c.ok {
				t.Errorf("check says %q", got)
			}
		})
	}
}

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
			if (got.Key == "") != c.ok {
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
