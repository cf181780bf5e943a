package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// ledByFinance is a demo task Sở Tài chính leads by name.
func (e *env) ledByFinance() plan.Task {
	e.t.Helper()
	for _, t := range e.planTasks() {
		for _, l := range t.Lead {
			if l.ID == e.financeID {
				return t
			}
		}
	}
	e.t.Fatal("the demo has no task Sở Tài chính leads")
	return plan.Task{}
}

var revRE = regexp.MustCompile(`name="rev" value="(\d+)"`)

// editValues is the edit form as the task page fills it, with content.
func editValues(t plan.Task, rev, content string) url.Values {
	v := url.Values{"rev": {rev}, "content": {content}, "timeframe": {t.Timeframe.Text}, "reason": {"Theo chỉ đạo của UBND tỉnh"}}
	for _, l := range t.Lead {
		v.Add("lead", fmt.Sprint(l.ID))
	}
	for _, s := range t.Support {
		v.Add("support", fmt.Sprint(s.ID))
	}
	return v
}

// The coordinator edits a task on its page: the plan page and the task
// page show the new text at once, the history shows what it replaced and
// why, and a form sent from a page shown before someone else's change is
// refused with the reason, changing nothing.
func TestCoordinatorEditsTaskOnItsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	task := e.ledByFinance()
	taskPath := fmt.Sprintf("/tasks/%d", task.ID)
	planPath := fmt.Sprintf("/plans/%d", e.planID)
	e.page(coord, planPath) // the plan page is cached now
	m := revRE.FindStringSubmatch(e.page(coord, taskPath))
	if m == nil {
		t.Fatal("the coordinator's task page has no edit form with the task's revision")
	}
	const content = "Rà soát, phân loại và hỗ trợ hợp tác xã yếu kém (điều chỉnh)"
	resp, body := e.postForm(coord, taskPath+"/edit", editValues(task, m[1], content))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%.500s", resp.StatusCode, body)
	}
	page := html.UnescapeString(e.page(coord, taskPath))
	for _, want := range []string{content, "<del>" + task.Content + "</del>", "Theo chỉ đạo của UBND tỉnh", "Lịch sử điều chỉnh"} {
		if !strings.Contains(page, want) {
			t.Errorf("task page after the edit lacks %q", want)
		}
	}
	if plan := html.UnescapeString(e.page(coord, planPath)); !strings.Contains(plan, content) || strings.Contains(plan, ">"+task.Content+"<") {
		t.Error("the plan page does not show the edited text")
	}
	// The same form again: made on the revision before the edit.
	resp, body = e.postForm(coord, taskPath+"/edit", editValues(task, m[1], "Nội dung khác"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "vừa được người khác thay đổi") {
		t.Errorf("stale edit: %d, want 422 naming the conflict\n%.300s", resp.StatusCode, body)
	}
	if n := e.count(`SELECT COUNT(*) FROM task_revisions WHERE task_id = ?`, task.ID); n != 1 {
		t.Errorf("%d revisions, want 1", n)
	}
	// Leaving no lead agency names the field.
	m = revRE.FindStringSubmatch(e.page(coord, taskPath))
	v := editValues(task, m[1], content)
	v.Del("lead")
	if resp, body := e.postForm(coord, taskPath+"/edit", v); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="lead-error"`) {
		t.Errorf("edit without a lead agency: %d\n%.300s", resp.StatusCode, body)
	}
}

func TestDroppedTaskShowsAsDropped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	task := e.ledByFinance()
	taskPath := fmt.Sprintf("/tasks/%d", task.ID)
	rev := revRE.FindStringSubmatch(e.page(coord, taskPath))[1]
	if resp, body := e.postForm(coord, taskPath+"/edit", url.Values{"rev": {rev}, "drop": {"1"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="decision-error"`) {
		t.Errorf("drop without a decision: %d", resp.StatusCode)
	}
	resp, _ := e.postForm(coord, taskPath+"/edit", url.Values{"rev": {rev}, "drop": {"1"}, "decision": {"Quyết định số 12/QĐ-UBND"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("drop: %d", resp.StatusCode)
	}
	page := html.UnescapeString(e.page(coord, taskPath))
	if !strings.Contains(page, `id="dropped"`) || !strings.Contains(page, "Quyết định số 12/QĐ-UBND") || strings.Contains(page, `action="`+taskPath+`/edit"`) {
		t.Error("the dropped task's page does not show it dropped with its decision, or still offers the edit form")
	}
	if !strings.Contains(e.page(coord, fmt.Sprintf("/plans/%d", e.planID)), `class="badge-dropped"`) {
		t.Error("the plan page does not mark the dropped task")
	}
	if !strings.Contains(page, task.Content) {
		t.Error("the dropped task lost its content")
	}
}

func TestTaskPageFormsByRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.ledByFinance()
	path := fmt.Sprintf("/tasks/%d", task.ID)
	tests := []struct {
		email         string
		edit, propose bool
	}{
		{coordinatorEmail, true, false},
		{adminEmail, true, false},
		{financeEmail, false, true},
		{agricultureEmail, false, false},
		{viewerEmail, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			page := e.with(t).page(e.with(t).login(tt.email), path)
			if got := strings.Contains(page, `action="`+path+`/edit"`); got != tt.edit {
				t.Errorf("edit form shown: %v, want %v", got, tt.edit)
			}
			if got := strings.Contains(page, `action="`+path+`/proposals"`); got != tt.propose {
				t.Errorf("proposal form shown: %v, want %v", got, tt.propose)
			}
		})
	}
}

func TestCoordinatorAddsTask(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	task := e.ledByFinance()
	v := url.Values{"from": {fmt.Sprint(task.ID)}, "group": {fmt.Sprint(task.GroupID)}, "add_code": {"II.99"},
		"add_content": {"Biểu dương hợp tác xã kiểu mới tiêu biểu"}, "add_timeframe": {"Quý IV/2026"},
		"add_lead": {fmt.Sprint(e.financeID)}}
	resp, _ := e.postForm(coord, fmt.Sprintf("/plans/%d/tasks", e.planID), v)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", resp.StatusCode)
	}
	if !strings.Contains(html.UnescapeString(e.page(coord, fmt.Sprintf("/plans/%d", e.planID))), "Biểu dương hợp tác xã kiểu mới tiêu biểu") {
		t.Error("the plan page lacks the added task")
	}
	v.Set("add_content", "")
	if resp, body := e.postForm(coord, fmt.Sprintf("/plans/%d/tasks", e.planID), v); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="add_content-error"`) {
		t.Errorf("add without content: %d", resp.StatusCode)
	}
	if slices.ContainsFunc(e.planTasks(), func(t plan.Task) bool { return t.Content == "" }) {
		t.Error("a task without content was stored")
	}
}

// Only the coordinator and the administrator change tasks: an agency
// officer, even the one leading the task, and a leader get 403 from both
// forms, and nothing is stored.
func TestTaskFormsRefuseOthers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.ledByFinance()
	taskPath := fmt.Sprintf("/tasks/%d", task.ID)
	coord := e.login(coordinatorEmail)
	m := revRE.FindStringSubmatch(e.page(coord, taskPath))
	if m == nil {
		t.Fatal("the coordinator's task page has no edit form")
	}
	before := len(e.planTasks())
	for _, email := range []string{financeEmail, agricultureEmail, viewerEmail} {
		t.Run(email, func(t *testing.T) {
			c := e.with(t).login(email)
			if resp, _ := e.with(t).postForm(c, taskPath+"/edit", editValues(task, m[1], "Nội dung do cơ quan tự sửa")); resp.StatusCode != http.StatusForbidden {
				t.Errorf("edit: %d, want 403", resp.StatusCode)
			}
			add := url.Values{"from": {fmt.Sprint(task.ID)}, "group": {fmt.Sprint(task.GroupID)}, "add_code": {"II.98"},
				"add_content": {"Nhiệm vụ do cơ quan tự thêm"}, "add_timeframe": {"Quý IV/2026"}, "add_lead": {fmt.Sprint(e.financeID)}}
			if resp, _ := e.with(t).postForm(c, fmt.Sprintf("/plans/%d/tasks", e.planID), add); resp.StatusCode != http.StatusForbidden {
				t.Errorf("add: %d, want 403", resp.StatusCode)
			}
		})
	}
	if n := e.count(`SELECT COUNT(*) FROM task_revisions WHERE task_id = ?`, task.ID); n != 0 {
		t.Errorf("%d revisions stored from refused forms", n)
	}
	if after := len(e.planTasks()); after != before {
		t.Errorf("%d tasks, %d before: a refused form added one", after, before)
	}
}
