package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// The plan page's content is cached for every reader alike. A reader must
// still see their own header, their language, the filter they typed, and
// a change the moment it is saved.
func TestCachedPlanPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	viewer, officer := e.login(viewerEmail), e.login(financeEmail)
	planPath := pathf("/plans/%d", e.planID)
	name := func(email string) string {
		u, err := e.db.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		return u.Name
	}
	statusOf := func(body, code string) string {
		t.Helper()
		for _, r := range taskRows(body) {
			if r.Code == code {
				c := cells(r)
				return c[len(c)-1]
			}
		}
		t.Fatalf("no row %s", code)
		return ""
	}

	first := e.page(viewer, planPath)
	second := e.page(officer, planPath)
	t.Run("each reader's own header", func(t *testing.T) {
		if !strings.Contains(first, name(viewerEmail)) {
			t.Errorf("viewer's page lacks the viewer's name")
		}
		if strings.Contains(second, name(viewerEmail)) || !strings.Contains(second, name(financeEmail)) {
			t.Errorf("officer's page shows another reader's name")
		}
	})

	t.Run("a change shows at once", func(t *testing.T) {
		direct, _ := e.responsible(e.financeID)
		code := firstUnfinished(t, first, direct)
		e.with(t).reportDone(officer, code)
		if got := statusOf(e.page(viewer, planPath), code); !strings.HasPrefix(got, "Đã hoàn thành") {
			t.Errorf("task %s after it was done reads %q", code, got)
		}
	})

	t.Run("language", func(t *testing.T) {
		u, _ := url.Parse(e.ts.URL)
		viewer.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		body := e.page(viewer, planPath)
		if !strings.Contains(body, `role="status">18 tasks<`) || strings.Contains(body, `role="status">18 nhiệm vụ<`) {
			i := strings.Index(body, `class="count"`)
			t.Errorf("English page has the Vietnamese task count: %.200s", body[max(i, 0):])
		}
		viewer.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "vi", Path: "/"}})
	})

	t.Run("what the reader typed", func(t *testing.T) {
		// Same folded search, different text: each page shows its own.
		for _, q := range []string{"hợp tác xã", "hop tac xa"} {
			body := e.page(viewer, planPath+"?q="+url.QueryEscape(q))
			if !strings.Contains(body, `value="`+q+`"`) {
				t.Errorf("search box for %q does not show it", q)
			}
		}
	})
}

// The plans list is cached too: a new plan shows at once, and the import
// button follows the reader's role, not the first reader's.
func TestCachedPlansList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	viewer, coordinator := e.login(viewerEmail), e.login(coordinatorEmail)
	importLink := `href="/plans/import"`
	if strings.Contains(e.page(viewer, "/plans"), importLink) {
		t.Error("viewer sees the import button")
	}
	if !strings.Contains(e.page(coordinator, "/plans"), importLink) {
		t.Error("coordinator lacks the import button after a viewer's visit")
	}
	p := plan.Plan{Number: "99/KH-UBND", Title: "Kế hoạch vừa ban hành", Groups: []plan.Group{{Code: "I", Title: "Một",
		Tasks: []plan.Task{{Code: "1", Content: "Việc mới"}}}}}
	if err := e.db.Update(context.Background(), func(tx *store.Tx) error { return tx.CreatePlan(context.Background(), &p) }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.page(viewer, "/plans"), "Kế hoạch vừa ban hành") {
		t.Error("a new plan is missing from the cached list")
	}
}

// "My agency" is cached per agency: each officer sees their own agency's
// tasks, and a report shows at once.
func TestCachedMyAgency(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	finance, agriculture := e.login(financeEmail), e.login(agricultureEmail)
	financeDirect, _ := e.responsible(e.financeID)
	mine := e.page(finance, "/my")
	other := e.page(agriculture, "/my")
	if codes(taskRows(mine)) == nil || slices.Equal(codes(taskRows(mine)), codes(taskRows(other))) {
		t.Fatalf("two agencies see the same list: %v", codes(taskRows(mine)))
	}
	code := firstUnfinished(t, mine, financeDirect)
	e.reportDone(finance, code)
	found := false
	for _, r := range taskRows(e.page(finance, "/my")) {
		if c := cells(r); r.Code == code {
			found = true
			if !strings.HasPrefix(c[len(c)-1], "Đã hoàn thành") {
				t.Errorf("task %s on My agency after the report reads %q, want done", code, c[len(c)-1])
			}
		}
	}
	if !found {
		t.Errorf("task %s left My agency's first page", code)
	}
}

// firstUnfinished returns the first task row of a page, among codes, that
// is not done yet.
func firstUnfinished(t *testing.T, body string, among map[string]bool) string {
	t.Helper()
	for _, r := range taskRows(body) {
		if c := cells(r); among[r.Code] && !strings.HasPrefix(c[len(c)-1], "Đã hoàn thành") {
			return r.Code
		}
	}
	t.Fatal("no unfinished task among the page's rows")
	return ""
}

// reportDone records a task as done through the task page's form.
func (e *env) reportDone(c *http.Client, code string) {
	e.t.Helper()
	resp, body := e.postMultipart(c, pathf("/tasks/%d/progress", e.taskByCode(code).ID),
		map[string]string{"status": "done", "note": "Đã xong"}, "", nil)
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("progress on %s: status %d\n%.500s", code, resp.StatusCode, body)
	}
}
