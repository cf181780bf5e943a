package web

import (
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
)

func TestSafeNext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want, bug string
	}{
		{"/plans", "/plans", ""},
		{"/plans/1?status=overdue&q=so+tai+chinh", "/plans/1?status=overdue&q=so+tai+chinh", ""},
		{"/", "/", ""},
		{"", "/", ""},
		{"plans", "/", ""},
		{"//evil.com", "/", ""},
		{"//evil.com/plans", "/", ""},
		{`/\evil.com`, "/", ""},
		{`\\evil.com`, "/", ""},
		{"http://x", "/", ""},
		{"https://evil.com/plans", "/", ""},
		{"javascript:alert(1)", "/", ""},
		{"/\t/evil.com", "/", "a tab after the first slash passes; browsers drop tabs and newlines from URLs, making it //evil.com"},
		{"/\t\\evil.com", "/", "a tab before a backslash passes; browsers drop it, making it /\\evil.com"},
	} {
		t.Run(strconv.Quote(tc.in), func(t *testing.T) {
			got := safeNext(tc.in)
			if got != tc.want {
				t.Errorf("safeNext(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPager(t *testing.T) {
	t.Parallel()
	filters := url.Values{"q": {"sở tài chính"}, "status": {"overdue"}}
	for _, tc := range []struct {
		name             string
		p                pager
		pages            int
		hasPrev, hasNext bool
		urlN             int
		wantURL          string
	}{
		{"middle page keeps filters", newPager("/plans/1", filters, 2, 100, 250), 3, true, true, 3,
			"/plans/1?page=3&q=s%E1%BB%9F+t%C3%A0i+ch%C3%ADnh&status=overdue"},
		{"first page", newPager("/plans/1", filters, 1, 100, 250), 3, false, true, 2,
			"/plans/1?page=2&q=s%E1%BB%9F+t%C3%A0i+ch%C3%ADnh&status=overdue"},
		{"last page", newPager("/agencies", nil, 3, 50, 150), 3, true, false, 2, "/agencies?page=2"},
		{"page 0 means 1", newPager("/my", nil, 0, 50, 51), 2, false, true, 2, "/my?page=2"},
		{"negative page means 1", newPager("/my", nil, -4, 50, 51), 2, false, true, 1, "/my?page=1"},
		{"bad per page means 50", newPager("/audit", nil, 1, 0, 120), 3, false, true, 3, "/audit?page=3"},
		{"empty list", newPager("/audit", nil, 1, 50, 0), 0, false, false, 1, "/audit?page=1"},
		{"exact fill", newPager("/audit", nil, 2, 50, 100), 2, true, false, 1, "/audit?page=1"},
		{"past the end", newPager("/audit", nil, 9, 50, 100), 2, true, false, 8, "/audit?page=8"},
		{"page in filters replaced", newPager("/plans", url.Values{"page": {"7"}, "x": {"1"}}, 7, 50, 1000), 20, true, true, 8,
			"/plans?page=8&x=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Pages(); got != tc.pages {
				t.Errorf("Pages = %d, want %d", got, tc.pages)
			}
			if tc.p.HasPrev() != tc.hasPrev || tc.p.HasNext() != tc.hasNext {
				t.Errorf("HasPrev, HasNext = %v, %v; want %v, %v", tc.p.HasPrev(), tc.p.HasNext(), tc.hasPrev, tc.hasNext)
			}
			if got := tc.p.URL(tc.urlN); got != tc.wantURL {
				t.Errorf("URL(%d) = %q, want %q", tc.urlN, got, tc.wantURL)
			}
		})
	}
	t.Run("URL does not change the filters", func(t *testing.T) {
		base := url.Values{"q": {"a"}}
		p := newPager("/plans", base, 1, 10, 100)
		p.URL(5)
		if got := p.URL(2); got != "/plans?page=2&q=a" {
			t.Errorf("second URL %q", got)
		}
		if len(base) != 1 || base.Get("page") != "" {
			t.Errorf("caller's values changed: %v", base)
		}
	})
}

// Pager links carry the filter as the page understood it: the fields of
// the filter that keys the cached page, and nothing else.
func TestFilterValues(t *testing.T) {
	t.Parallel()
	got := filterValues(plan.TaskFilter{PlanID: 9, Query: "so tai chinh", AgencyID: 2, Status: plan.StatusOverdue,
		GroupID: 3, Page: 4, PerPage: 100})
	want := url.Values{"q": {"so tai chinh"}, "agency": {"2"}, "status": {"overdue"}, "group": {"3"}}
	if got.Encode() != want.Encode() {
		t.Errorf("filterValues = %v, want %v", got, want)
	}
	if len(filterValues(plan.TaskFilter{PlanID: 9})) != 0 {
		t.Errorf("an empty filter gave values")
	}
}

func TestDateFormatting(t *testing.T) {
	t.Parallel()
	d := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"time", d, "05/03/2026"},
		{"pointer", &d, "05/03/2026"},
		{"nil pointer", (*time.Time)(nil), ""},
		{"zero", time.Time{}, ""},
		{"other type", "2026-03-05", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmtDate(tc.in); got != tc.want {
				t.Errorf("fmtDate = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("datetime in Vietnam", func(t *testing.T) {
		if got := fmtDateTime(time.Date(2026, 11, 23, 20, 30, 0, 0, time.UTC)); got != "24/11/2026 03:30" {
			t.Errorf("fmtDateTime = %q", got)
		}
	})
	t.Run("isoDate", func(t *testing.T) {
		if isoDate(&d) != "2026-03-05" || isoDate(nil) != "" {
			t.Errorf("isoDate")
		}
	})
}

func TestGroupTasks(t *testing.T) {
	t.Parallel()
	groups := []plan.Group{{ID: 1, Code: "I"}, {ID: 2, Code: "II"}, {ID: 3, Code: "III"}}
	tasks := []plan.Task{{Code: "III.1", GroupID: 3}, {Code: "I.1", GroupID: 1}, {Code: "I.2", GroupID: 1}}
	got := groupTasks(groups, tasks)
	var heads []string
	for _, g := range got {
		heads = append(heads, g.Group.Code)
	}
	if !slices.Equal(heads, []string{"I", "III"}) {
		t.Errorf("groups %v, want I, III (plan order, empty groups left out)", heads)
	}
	if len(got) == 2 && (len(got[0].Tasks) != 2 || got[0].Tasks[1].Code != "I.2") {
		t.Errorf("group I tasks %v", got[0].Tasks)
	}
}

func TestQueryAndPathNumbers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		q    string
		want int
	}{{"page=3", 3}, {"page=-1", 0}, {"page=x", 0}, {"", 0}, {"page=0", 0}} {
		r := httptest.NewRequest("GET", "/plans?"+tc.q, nil)
		if got := queryInt(r, "page"); got != tc.want {
			t.Errorf("queryInt(%q) = %d, want %d", tc.q, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v  string
		ok bool
	}{{"12", true}, {"0", false}, {"-3", false}, {"abc", false}, {"99999999999999999999", false}} {
		r := httptest.NewRequest("GET", "/tasks/x", nil)
		r.SetPathValue("id", tc.v)
		id, err := pathID(r, "id")
		if (err == nil) != tc.ok {
			t.Errorf("pathID(%q) = %d, %v", tc.v, id, err)
		}
		if err != nil && apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("pathID(%q) error code %s, want not_found", tc.v, apperr.CodeOf(err))
		}
	}
}
