package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

func TestTaskFilters(t *testing.T) {
	t.Parallel()
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
