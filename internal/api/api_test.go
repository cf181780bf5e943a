package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/api"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// page is the list envelope.
type page[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// planTasks returns every task of the demo plan, in plan order, read
// through GET /api/v1/plans/{id}.
func (e *env) planTasks(t *testing.T) []plan.Task {
	t.Helper()
	var p plan.Plan
	e.get(fmt.Sprintf("/api/v1/plans/%d", e.planID), e.token(viewerEmail)).must(t, http.StatusOK).decode(t, &p)
	var out []plan.Task
	for _, g := range p.Groups {
		out = append(out, g.Tasks...)
	}
	return out
}

// hasAgency reports whether the task names the agency as lead or support.
func hasAgency(task plan.Task, agencyID int64) bool {
	return slices.Contains(task.LeadIDs(), agencyID) || slices.Contains(task.SupportIDs(), agencyID)
}

func codes(tasks []plan.Task) []string {
	out := make([]string, len(tasks))
	for i, task := range tasks {
		out[i] = task.Code
	}
	return out
}

func TestDemoPlanThroughAPI(t *testing.T) {
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

// TestProgressDoneWhenRule checks who may record progress through the API:
// an agency officer only on the tasks its agency leads or supports, a viewer
// never, and that only accepted changes reach the audit log.
func TestProgressDoneWhenRule(t *testing.T) {
	e := newEnv(t)
	finance := e.users[financeEmail]
	if finance.AgencyID == nil {
		t.Fatal("the finance officer has no agency")
	}
	agencyID := *finance.AgencyID

	var mine page[plan.Task]
	e.get(fmt.Sprintf("/api/v1/tasks?plan=%d&agency=%d", e.planID, agencyID), e.token(financeEmail)).
		must(t, http.StatusOK).decode(t, &mine)
	var leads, supports *plan.Task
	for i := range mine.Items {
		task := &mine.Items[i]
		switch {
		case slices.Contains(task.LeadIDs(), agencyID) && leads == nil:
			leads = task
		case slices.Contains(task.SupportIDs(), agencyID) && supports == nil:
			supports = task
		case !hasAgency(*task, agencyID):
			t.Errorf("agency filter returned %s, which Sở Tài chính neither leads nor supports", task.Code)
		}
	}
	if leads == nil || supports == nil {
		t.Fatalf("Sở Tài chính tasks %v: want one it leads and one it supports", codes(mine.Items))
	}
	var other *plan.Task
	for _, task := range e.planTasks(t) {
		if !hasAgency(task, agencyID) {
			other = &task
			break
		}
	}
	if other == nil {
		t.Fatal("every task involves Sở Tài chính")
	}

	var baseline page[audit.Entry]
	e.get("/api/v1/audit?entity=progress&per_page=1", e.token(adminEmail)).must(t, http.StatusOK).decode(t, &baseline)

	body := `{"status":"in_progress","percent":60,"note":"  Đã hoàn thành dự thảo báo cáo.  ","evidence_url":"https://hoptac.example/bc.pdf"}`
	tests := []struct {
		name   string
		email  string
		task   *plan.Task
		status int
	}{
		{"officer on a task its agency leads", financeEmail, leads, http.StatusCreated},
		{"officer on a task its agency supports", financeEmail, supports, http.StatusCreated},
		{"officer on another agency's task", financeEmail, other, http.StatusForbidden},
		{"other agency's officer on a finance task", agricultureEmail, leads, http.StatusForbidden},
		{"viewer on a finance task", viewerEmail, leads, http.StatusForbidden},
		{"viewer on another task", viewerEmail, other, http.StatusForbidden},
	}
	accepted := map[int64]plan.Progress{} // by progress id
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/tasks/%d", tc.task.ID)
			var before taskJSON
			e.get(path, e.token(tc.email)).must(t, http.StatusOK).decode(t, &before)

			res := e.post(path+"/progress", e.token(tc.email), body)
			var after taskJSON
			e.get(path, e.token(tc.email)).must(t, http.StatusOK).decode(t, &after)
			if tc.status != http.StatusCreated {
				res.apiErr(t, tc.status, "forbidden")
				if len(after.Progress) != len(before.Progress) || after.Recorded != before.Recorded {
					t.Errorf("a refused report changed the task: %d → %d entries, %q → %q",
						len(before.Progress), len(after.Progress), before.Recorded, after.Recorded)
				}
				return
			}
			var p plan.Progress
			res.must(t, http.StatusCreated).decode(t, &p)
			u := e.users[tc.email]
			if p.ID == 0 || p.TaskID != tc.task.ID || p.Status != plan.StatusInProgress ||
				p.Percent == nil || *p.Percent != 60 || p.Note != "Đã hoàn thành dự thảo báo cáo." ||
				p.EvidenceURL != "https://hoptac.example/bc.pdf" || p.UserID == nil || *p.UserID != u.ID ||
				p.UserName != u.Name || !p.CreatedAt.Equal(fixedNow) || p.FileID != nil || p.FileName != "" {
				t.Errorf("stored entry = %+v", p)
			}
			accepted[p.ID] = p
			if len(after.Progress) != len(before.Progress)+1 || after.Progress[0].ID != p.ID {
				t.Fatalf("task history after the report: %d entries (was %d), newest %+v", len(after.Progress), len(before.Progress), after.Progress)
			}
			if after.Recorded != plan.StatusInProgress || after.Percent == nil || *after.Percent != 60 {
				t.Errorf("task after the report: recorded %q percent %v, want in_progress 60", after.Recorded, after.Percent)
			}
		})
	}
	if len(accepted) != 2 {
		t.Fatalf("%d reports accepted, want 2", len(accepted))
	}

	t.Run("audit shows accepted changes only", func(t *testing.T) {
		var l page[audit.Entry]
		e.get("/api/v1/audit?entity=progress&per_page=500", e.token(adminEmail)).must(t, http.StatusOK).decode(t, &l)
		if l.Total != baseline.Total+len(accepted) {
			t.Errorf("progress audit entries: %d, want %d before + %d accepted", l.Total, baseline.Total, len(accepted))
		}
		for id, p := range accepted {
			var one page[audit.Entry]
			e.get(fmt.Sprintf("/api/v1/audit?entity=progress&entity_id=%d", id), e.token(adminEmail)).
				must(t, http.StatusOK).decode(t, &one)
			if one.Total != 1 || len(one.Items) != 1 {
				t.Fatalf("audit for progress %d: %d entries, want 1", id, one.Total)
			}
			a := one.Items[0]
			if a.Entity != "progress" || a.EntityID != id || a.Action != "create" || a.UserID == nil ||
				*a.UserID != e.users[financeEmail].ID || a.UserName != financeEmail || !a.At.Equal(fixedNow) {
				t.Errorf("audit entry = %+v", a)
			}
			var before struct {
				Status  plan.Status `json:"status"`
				Percent *int        `json:"percent"`
				DoneOn  *string     `json:"done_on"`
			}
			if err := json.Unmarshal(a.Before, &before); err != nil || before.Status == "" {
				t.Errorf("audit before = %s (%v), want the task's previous status", a.Before, err)
			}
			var after plan.Progress
			if err := json.Unmarshal(a.After, &after); err != nil || after.ID != id || after.TaskID != p.TaskID ||
				after.Percent == nil || *after.Percent != 60 || after.Note != p.Note {
				t.Errorf("audit after = %s (%v), want the stored entry %+v", a.After, err, p)
			}
		}
		for _, a := range l.Items {
			if a.UserID != nil && *a.UserID != e.users[financeEmail].ID {
				t.Errorf("audit has a progress entry by user %d (%s), whose reports were refused", *a.UserID, a.UserName)
			}
			if _, ok := accepted[a.EntityID]; !ok && a.UserID != nil {
				t.Errorf("audit has progress %d that the API did not accept", a.EntityID)
			}
		}
	})
}

func TestTaskFilters(t *testing.T) {
	e := newEnv(t)
	tok := e.token(viewerEmail)
	all := e.planTasks(t)
	if len(all) != 18 {
		t.Fatalf("demo plan has %d tasks, want 18", len(all))
	}
	financeID := *e.users[financeEmail].AgencyID
	planQ := fmt.Sprintf("plan=%d", e.planID)

	// Agencies whose name or alias reads "so tai chinh" without diacritics.
	var finAgencies page[org.Agency]
	e.get("/api/v1/agencies?q="+url.QueryEscape("so tai chinh"), tok).must(t, http.StatusOK).decode(t, &finAgencies)
	if !slices.ContainsFunc(finAgencies.Items, func(a org.Agency) bool { return a.ID == financeID && a.Name == "Sở Tài chính" }) {
		t.Fatalf("agencies q=so tai chinh = %+v, want Sở Tài chính", finAgencies.Items)
	}
	isFinance := func(task plan.Task) bool {
		for _, a := range finAgencies.Items {
			if hasAgency(task, a.ID) {
				return true
			}
		}
		return strings.Contains(vntext.Fold(task.Code+" "+task.Content), "so tai chinh")
	}

	where := func(keep func(plan.Task) bool) []string {
		out := []string{}
		for _, task := range all {
			if keep(task) {
				out = append(out, task.Code)
			}
		}
		return out
	}
	type filterCase struct {
		name  string
		query string
		want  []string // codes in plan order; nil: check only
		check func(t *testing.T, task plan.Task)
	}
	tests := []filterCase{
		{"q without diacritics", "q=" + url.QueryEscape("so tai chinh"), where(isFinance), nil},
		{"q with diacritics and capitals", "q=" + url.QueryEscape("SỞ TÀI CHÍNH"), where(isFinance), nil},
		{"agency", fmt.Sprintf("agency=%d", financeID), where(func(t plan.Task) bool { return hasAgency(t, financeID) }),
			func(t *testing.T, task plan.Task) {
				if !hasAgency(task, financeID) {
					t.Errorf("task %s does not involve agency %d", task.Code, financeID)
				}
			}},
		{"agency and status", fmt.Sprintf("agency=%d&status=in_progress", financeID),
			where(func(t plan.Task) bool { return hasAgency(t, financeID) && t.Status == plan.StatusInProgress }), nil},
		{"no match", "q=" + url.QueryEscape("không có nhiệm vụ nào như thế"), []string{}, nil},
	}
	for _, st := range []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone, plan.StatusDoneLate, plan.StatusOverdue} {
		tests = append(tests, filterCase{"status " + string(st), "status=" + string(st), where(func(t plan.Task) bool { return t.Status == st }),
			func(t *testing.T, task plan.Task) {
				if task.Status != st {
					t.Errorf("task %s has status %q, want %q", task.Code, task.Status, st)
				}
			}})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l page[plan.Task]
			e.get("/api/v1/tasks?"+planQ+"&"+tc.query, tok).must(t, http.StatusOK).decode(t, &l)
			got := codes(l.Items)
			t.Logf("%s: %v", tc.query, got)
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if l.Total != len(l.Items) {
				t.Errorf("total %d, but %d items on the only page", l.Total, len(l.Items))
			}
			for _, task := range l.Items {
				if tc.check != nil {
					tc.check(t, task)
				}
			}
		})
	}

	t.Run("q finds finance tasks", func(t *testing.T) {
		var l page[plan.Task]
		e.get("/api/v1/tasks?"+planQ+"&q=so%20tai%20chinh", tok).must(t, http.StatusOK).decode(t, &l)
		got := codes(l.Items)
		if len(got) == 0 {
			t.Fatal("q=so tai chinh found nothing")
		}
		for _, code := range where(func(t plan.Task) bool { return hasAgency(t, financeID) }) {
			if !slices.Contains(got, code) {
				t.Errorf("task %s involves Sở Tài chính but q=so tai chinh misses it", code)
			}
		}
	})

	t.Run("overdue as of the fixed day", func(t *testing.T) {
		var l page[plan.Task]
		e.get("/api/v1/tasks?"+planQ+"&status=overdue", tok).must(t, http.StatusOK).decode(t, &l)
		if l.Total == 0 {
			t.Fatal("no overdue task on 2026-11-24")
		}
		today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
		for _, task := range l.Items {
			if task.Timeframe.Due == nil || !task.Timeframe.Due.Before(today) || task.Recorded == plan.StatusDone {
				t.Errorf("task %s is not overdue: due %v, recorded %q", task.Code, task.Timeframe.Due, task.Recorded)
			}
		}
	})

	t.Run("pagination", func(t *testing.T) {
		var got []string
		for pg, wantItems := range []int{5, 5, 5, 3, 0} {
			var l page[plan.Task]
			e.get(fmt.Sprintf("/api/v1/tasks?%s&per_page=5&page=%d", planQ, pg+1), tok).must(t, http.StatusOK).decode(t, &l)
			if len(l.Items) != wantItems || l.Total != 18 {
				t.Fatalf("page %d: %d items, total %d; want %d items, total 18", pg+1, len(l.Items), l.Total, wantItems)
			}
			got = append(got, codes(l.Items)...)
		}
		if want := codes(all); !slices.Equal(got, want) {
			t.Errorf("pages in order = %v, want plan order %v", got, want)
		}
		var agencies page[org.Agency]
		e.get("/api/v1/agencies?per_page=3&page=2", tok).must(t, http.StatusOK).decode(t, &agencies)
		if len(agencies.Items) != 3 || agencies.Total < 6 {
			t.Errorf("agencies page 2 of 3: %d items, total %d", len(agencies.Items), agencies.Total)
		}
	})

	bad := []struct {
		name, path, token, wantIn string
	}{
		{"per_page zero", "/api/v1/tasks?per_page=0", tok, "per_page"},
		{"per_page over 500", "/api/v1/tasks?per_page=501", tok, "per_page"},
		{"per_page not a number", "/api/v1/tasks?per_page=abc", tok, "per_page"},
		{"page zero", "/api/v1/tasks?page=0", tok, "page"},
		{"page negative", "/api/v1/plans?page=-2", tok, "page"},
		{"plan not a number", "/api/v1/tasks?plan=ke-hoach", tok, "plan"},
		{"plan negative", "/api/v1/tasks?plan=-1", tok, "plan"},
		{"agency not a number", "/api/v1/tasks?agency=so", tok, "agency"},
		{"unknown status", "/api/v1/tasks?status=late", tok, "status"},
		{"computed status misspelt", "/api/v1/tasks?status=OVERDUE", tok, "status"},
		{"agencies per_page", "/api/v1/agencies?per_page=1000", tok, "per_page"},
		{"audit entity_id", "/api/v1/audit?entity_id=x", e.token(adminEmail), "entity_id"},
		{"audit page", "/api/v1/audit?page=x", e.token(adminEmail), "page"},
	}
	for _, tc := range bad {
		t.Run("bad "+tc.name, func(t *testing.T) {
			res := e.get(tc.path, tc.token)
			er := res.apiErr(t, http.StatusBadRequest, "invalid")
			if !strings.HasPrefix(er.Error.Message, "Tham số "+tc.wantIn+" ") {
				t.Errorf("message %q, want Vietnamese about %s", er.Error.Message, tc.wantIn)
			}
			en := e.do(request{Path: tc.path, Token: tc.token, Header: map[string]string{"Accept-Language": "en-US,en;q=0.8"}})
			if er := en.apiErr(t, http.StatusBadRequest, "invalid"); !strings.HasPrefix(er.Error.Message, tc.wantIn+" ") {
				t.Errorf("English message %q, want one about %s", er.Error.Message, tc.wantIn)
			}
		})
	}
}

func TestAPIErrors(t *testing.T) {
	e := newEnv(t)
	officer := e.token(financeEmail)
	var mine page[plan.Task]
	e.get(fmt.Sprintf("/api/v1/tasks?agency=%d", *e.users[financeEmail].AgencyID), officer).must(t, http.StatusOK).decode(t, &mine)
	if len(mine.Items) == 0 {
		t.Fatal("Sở Tài chính has no task")
	}
	progress := fmt.Sprintf("/api/v1/tasks/%d/progress", mine.Items[0].ID)
	huge := `{"note":"` + strings.Repeat("a", 1<<20) + `"}`
	var before taskJSON
	e.get(strings.TrimSuffix(progress, "/progress"), officer).must(t, http.StatusOK).decode(t, &before)

	type errCase struct {
		name   string
		req    request
		status int
		code   string
		field  string // a field the error must name
	}
	tests := []errCase{
		{"unknown API path", request{Path: "/api/v1/nope", Token: officer}, 404, "not_found", ""},
		{"unknown API path anonymous", request{Path: "/api/v1/nope"}, 404, "not_found", ""},
		{"unknown plan", request{Path: "/api/v1/plans/999999", Token: officer}, 404, "not_found", ""},
		{"non-numeric plan id", request{Path: "/api/v1/plans/abc", Token: officer}, 404, "not_found", ""},
		{"zero task id", request{Path: "/api/v1/tasks/0", Token: officer}, 404, "not_found", ""},
		{"unknown task", request{Path: "/api/v1/tasks/999999", Token: officer}, 404, "not_found", ""},
		{"progress on unknown task", request{Method: "POST", Path: "/api/v1/tasks/999999/progress", Token: officer, Body: `{"note":"x"}`}, 404, "not_found", ""},
		{"malformed JSON", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":`}, 400, "invalid", ""},
		{"not an object", request{Method: "POST", Path: progress, Token: officer, Body: `["note"]`}, 400, "invalid", ""},
		{"wrong field type", request{Method: "POST", Path: progress, Token: officer, Body: `{"percent":"50"}`}, 400, "invalid", ""},
		{"unknown field", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":"x","file_id":3}`}, 400, "invalid", ""},
		{"two JSON values", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":"x"} {"note":"y"}`}, 400, "invalid", ""},
		{"empty body", request{Method: "POST", Path: progress, Token: officer}, 400, "invalid", ""},
		{"body over 1 MiB", request{Method: "POST", Path: progress, Token: officer, Body: huge}, 413, "too_large", ""},
		{"percent over 100", request{Method: "POST", Path: progress, Token: officer, Body: `{"percent":101}`}, 422, "validation", "percent"},
		{"percent negative", request{Method: "POST", Path: progress, Token: officer, Body: `{"percent":-1,"note":"x"}`}, 422, "validation", "percent"},
		{"computed status", request{Method: "POST", Path: progress, Token: officer, Body: `{"status":"overdue","note":"x"}`}, 422, "validation", "status"},
		{"says nothing", request{Method: "POST", Path: progress, Token: officer, Body: `{}`}, 422, "validation", "note"},
		{"evidence not http", request{Method: "POST", Path: progress, Token: officer, Body: `{"evidence_url":"javascript:alert(1)"}`}, 422, "validation", "evidence_url"},
		{"cross-site write", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":"x"}`,
			Header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403, "forbidden", ""},
		{"invalid bearer token", request{Path: "/api/v1/plans", Token: "hpt_not-a-real-token"}, 401, "unauthorized", ""},
		{"invalid bearer token on a public route", request{Path: "/api/v1/openapi.json", Token: "nope"}, 401, "unauthorized", ""},
		{"not a bearer token", request{Path: "/api/v1/plans", Header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}}, 401, "unauthorized", ""},
		{"audit as a coordinator", request{Path: "/api/v1/audit", Token: e.token(coordinatorEmail)}, 403, "forbidden", ""},
		{"audit as an agency officer", request{Path: "/api/v1/audit", Token: officer}, 403, "forbidden", ""},
	}
	for _, p := range []string{"/api/v1/plans", fmt.Sprintf("/api/v1/plans/%d", e.planID), "/api/v1/tasks",
		fmt.Sprintf("/api/v1/tasks/%d", mine.Items[0].ID), "/api/v1/agencies", "/api/v1/audit"} {
		tests = append(tests, errCase{"anonymous GET " + p, request{Path: p}, 401, "unauthorized", ""})
	}
	tests = append(tests, errCase{"anonymous POST progress", request{Method: "POST", Path: progress, Body: `{"note":"x"}`}, 401, "unauthorized", ""})

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			er := e.do(tc.req).apiErr(t, tc.status, tc.code)
			if tc.field != "" && er.Error.Fields[tc.field] == "" {
				t.Errorf("fields = %v, want a message for %s", er.Error.Fields, tc.field)
			}
			if tc.field == "" && er.Error.Fields != nil {
				t.Errorf("unexpected fields %v", er.Error.Fields)
			}
		})
	}

	t.Run("refused writes leave no trace", func(t *testing.T) {
		var task taskJSON
		e.get(strings.TrimSuffix(progress, "/progress"), officer).must(t, http.StatusOK).decode(t, &task)
		if len(task.Progress) != len(before.Progress) || task.Recorded != before.Recorded {
			t.Errorf("refused writes changed the task: %d → %d entries, %q → %q",
				len(before.Progress), len(task.Progress), before.Recorded, task.Recorded)
		}
	})
}

// TestSessionCookie checks that a browser session reaches the API too.
func TestSessionCookie(t *testing.T) {
	e := newEnv(t)
	form := url.Values{"email": {financeEmail}, "password": {e.passwords[financeEmail]}, "next": {"/"}}
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie string
	for _, c := range res.Cookies() {
		if c.Name == "hoptac_session" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == "" {
		t.Fatalf("login: status %d, cookie %q", res.StatusCode, cookie)
	}
	var l page[plan.Task]
	e.do(request{Path: fmt.Sprintf("/api/v1/tasks?agency=%d", *e.users[financeEmail].AgencyID),
		Header: map[string]string{"Cookie": cookie}}).must(t, http.StatusOK).decode(t, &l)
	if len(l.Items) == 0 {
		t.Fatal("no task for Sở Tài chính")
	}
	var p plan.Progress
	e.do(request{Method: http.MethodPost, Path: fmt.Sprintf("/api/v1/tasks/%d/progress", l.Items[0].ID),
		Body: `{"status":"done"}`, Header: map[string]string{"Cookie": cookie, "Sec-Fetch-Site": "same-origin"}}).
		must(t, http.StatusCreated).decode(t, &p)
	if p.Status != plan.StatusDone || p.Percent == nil || *p.Percent != 100 || p.UserID == nil || *p.UserID != e.users[financeEmail].ID {
		t.Errorf("stored entry = %+v, want done 100%% by the finance officer", p)
	}
	e.do(request{Path: "/api/v1/audit", Header: map[string]string{"Cookie": cookie}}).apiErr(t, http.StatusForbidden, "forbidden")
}

// failingStore is an api.Store whose every read fails or panics with a
// message that must never reach a client.
type failingStore struct {
	api.Store
	panics bool
}

const secret = "pq: relation \"users\" password=hunter2"

func (s failingStore) Plans(context.Context, int, int) ([]plan.Plan, int, error) {
	if s.panics {
		panic(secret)
	}
	return nil, 0, fmt.Errorf("store: list plans: %w", errors.New(secret))
}

// TestInternalErrorsDoNotLeak checks that a failed store and a recovered
// panic answer a generic 500 JSON error, with the cause in the log only.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	bundle, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	now := func() time.Time { return fixedNow }
	user := &auth.User{ID: 1, Email: adminEmail, Name: "Admin", Role: auth.RoleAdmin}

	tests := []struct {
		name string
		run  func(w http.ResponseWriter, r *http.Request)
	}{
		{"store error", api.New(failingStore{}, bundle, log, now).Plans},
		{"panic", func(w http.ResponseWriter, r *http.Request) {
			h := api.New(failingStore{panics: true}, bundle, log, now)
			defer func() {
				if v := recover(); v != nil {
					h.Panic(w, r, fmt.Errorf("panic: %v", v))
				}
			}()
			h.Plans(w, r)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logged.Reset()
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/api/v1/plans", nil)
			tc.run(rec, req.WithContext(auth.WithUser(req.Context(), user)))
			res := response{Req: request{Method: http.MethodGet, Path: "/api/v1/plans"}, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
			res.apiErr(t, http.StatusInternalServerError, "internal")
			if bytes.Contains(res.Body, []byte("hunter2")) || bytes.Contains(res.Body, []byte("pq:")) {
				t.Errorf("the cause leaked to the client: %s", res.Body)
			}
			if !strings.Contains(logged.String(), "hunter2") {
				t.Errorf("the cause was not logged: %q", logged.String())
			}
		})
	}
}

// TestOpenAPIServed checks the document is served as is, without a login.
func TestOpenAPIServed(t *testing.T) {
	e := newEnv(t)
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"", e.token(viewerEmail)} {
		res := e.get("/api/v1/openapi.json", tok).must(t, http.StatusOK)
		if !bytes.Equal(res.Body, file) {
			t.Errorf("served document (%d bytes) differs from openapi.json (%d bytes)", len(res.Body), len(file))
		}
	}
}

// taskJSON is the task detail the API answers: a task with the newest page
// of its history and the history's length.
type taskJSON struct {
	plan.Task
	ProgressTotal int `json:"progress_total"`
}
