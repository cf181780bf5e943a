package load

import (
	"context"
	"github.com/hoptac/hoptac/internal/i18n"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// ScenarioPages is readers on random pages of random plans, HTML and
// JSON, with random filters and searches, while a writer records progress
// at a fixed rate: the mix in which reads must stay fast when the cache
// misses, as every write makes it miss.
const ScenarioPages = "pages"

// The pages scenario's routes. A search of two letters is a line of its
// own: it cannot narrow much and costs the most.
const (
	RoutePagesPlan       = "GET /plans/{id}?page={n}"
	RoutePagesPlanFilter = "GET /plans/{id}?page={n}&status|agency|group"
	RoutePagesPlanSearch = "GET /plans/{id}?q={text}&page={n}"
	RoutePagesPlanShort  = "GET /plans/{id}?q={2 letters}&page={n}"
	RoutePagesAPI        = "GET /api/v1/tasks?plan={id}&page={n}&per_page=50"
	RoutePagesAPIFilter  = "GET /api/v1/tasks?plan={id}&page={n}&per_page=50&status|agency"
	RoutePagesAPISearch  = "GET /api/v1/tasks?plan={id}&q={text}&page={n}&per_page=50"
	RoutePagesAPIShort   = "GET /api/v1/tasks?plan={id}&q={2 letters}&page={n}&per_page=50"
)

// pagesRoutes are the pages scenario's readers' routes.
func pagesRoutes() []string {
	return []string{RoutePagesPlan, RoutePagesPlanFilter, RoutePagesPlanSearch, RoutePagesPlanShort,
		RoutePagesAPI, RoutePagesAPIFilter, RoutePagesAPISearch, RoutePagesAPIShort}
}

// searches are what readers type: mostly without diacritics, of every
// length from two letters to a whole phrase, a few with diacritics as
// typed on a Vietnamese keyboard, and one that finds nothing.
var searches = []string{
	"xa", "ho", "so", "tu", "ky", "ng",
	"von", "ocop", "tap huan", "thuy san", "hop tac xa", "chuyen doi so", "nong thon moi",
	"ho tro hop tac xa", "du lich cong dong", "quy tin dung nhan dan",
	"kinh te tap the trong linh vuc phi nong nghiep", "khong co nhiem vu nay",
	"hợp tác xã", "chuyển đổi số", "Tập huấn", "nông thôn mới", "Sở Tài chính",
}

// planPageRows is how many tasks the plan page shows at a time.
const planPageRows = 100

// statuses are the values of the status filter.
var statuses = []string{"not_started", "in_progress", "done", "done_late", "overdue"}

// planMeta is what the filters of one plan offer: its groups, and the
// agencies that lead or support its tasks with those that took over; and
// its tasks in plan order, which unfiltered pages must follow.
type planMeta struct {
	groups   []int64
	agencies []int64
	tasks    []int64
}

// discoverPlans reads each plan's groups and agencies, before measuring.
func (rn *runner) discoverPlans(ctx context.Context, setup *sim) error {
	rn.meta = map[int64]planMeta{}
	for _, p := range rn.plans {
		var detail struct {
			Groups []struct {
				ID    int64      `json:"id"`
				Tasks []taskItem `json:"tasks"`
			} `json:"groups"`
		}
		if err := setup.fetch(ctx, rn.url("/api/v1/plans/"+strconv.FormatInt(p.ID, 10), nil), &detail); err != nil {
			return i18n.Errorf(err, "load.read_plan", p.ID)
		}
		var m planMeta
		seen := map[int64]bool{}
		add := func(id int64) {
			if id != 0 && !seen[id] {
				seen[id] = true
				m.agencies = append(m.agencies, id)
			}
		}
		for _, g := range detail.Groups {
			m.groups = append(m.groups, g.ID)
			for _, t := range g.Tasks {
				m.tasks = append(m.tasks, t.ID)
				for _, a := range append(t.Lead, t.Support...) {
					add(a.ID)
					if a.Successor != nil {
						add(a.Successor.ID)
					}
				}
			}
		}
		rn.meta[p.ID] = m
	}
	return nil
}

// browsePages is a pages reader: one random page after another.
func (s *sim) browsePages(ctx context.Context) {
	for s.randomPage(ctx) {
	}
}

// randomPage asks for one page: of the plan page (100 tasks) or the task
// list API (50), unfiltered, filtered or searched, at a random page
// number, now and then past the last.
func (s *sim) randomPage(ctx context.Context) bool {
	rn, r := s.rn, s.r
	p := rn.plans[r.IntN(len(rn.plans))]
	m := rn.meta[p.ID]
	html := r.IntN(2) == 0
	per := 50
	if html {
		per = planPageRows
	}
	last := pages(p.TaskCount, per)
	q := url.Values{}
	var selected []string // what the plan page must show as chosen
	kind := r.IntN(10)
	switch {
	case kind < 4: // unfiltered
	case kind < 7: // one filter
		switch f := r.IntN(3); {
		case f == 1 && len(m.agencies) > 0:
			id := strconv.FormatInt(m.agencies[r.IntN(len(m.agencies))], 10)
			q.Set("agency", id)
			selected = append(selected, optionSelected(id))
		case f == 2 && html && len(m.groups) > 0: // the API has no group filter
			id := strconv.FormatInt(m.groups[r.IntN(len(m.groups))], 10)
			q.Set("group", id)
			selected = append(selected, optionSelected(id))
		default:
			st := statuses[r.IntN(len(statuses))]
			q.Set("status", st)
			selected = append(selected, optionSelected(st))
		}
	default:
		text := searches[r.IntN(len(searches))]
		q.Set("q", text)
		selected = append(selected, searchValue(text))
	}
	filtered := len(q) > 0
	var page int
	switch n := r.IntN(100); {
	case n < 3: // past the last page: an empty page, not an error
		page = last + 1 + r.IntN(3)
	case !filtered:
		page = 1 + r.IntN(last)
	case n < 60: // filtered results are read from the start
		page = 1
	case n < 90:
		page = 2 + r.IntN(2)
	default:
		page = 1 + r.IntN(last)
	}
	q.Set("page", strconv.Itoa(page))
	route := pagesRoute(html, q)
	want := pageWant{page: page, per: per, total: -1}
	if !filtered && len(m.tasks) == p.TaskCount {
		want.total = p.TaskCount
		want.ids = m.tasks[min((page-1)*per, len(m.tasks)):min(page*per, len(m.tasks))]
	}
	if html {
		return s.do(ctx, route, http.MethodGet, rn.url(s.planPath(p.ID), q), nil, http.StatusOK,
			planPageAt(p, want, selected...))
	}
	q.Set("plan", strconv.FormatInt(p.ID, 10))
	q.Set("per_page", strconv.Itoa(per))
	f := apiFilter{planID: p.ID, status: q.Get("status")}
	if a := q.Get("agency"); a != "" {
		f.agencyID, _ = strconv.ParseInt(a, 10, 64)
	}
	return s.do(ctx, route, http.MethodGet, rn.url("/api/v1/tasks", q), nil, http.StatusOK, taskPageOf(f, want))
}

// pagesRoute names the report line of a request.
func pagesRoute(html bool, q url.Values) string {
	text, search := q["q"]
	short := search && utf8.RuneCountInString(text[0]) <= 2
	filtered := q.Has("status") || q.Has("agency") || q.Has("group")
	switch {
	case html && short:
		return RoutePagesPlanShort
	case html && search:
		return RoutePagesPlanSearch
	case html && filtered:
		return RoutePagesPlanFilter
	case html:
		return RoutePagesPlan
	case short:
		return RoutePagesAPIShort
	case search:
		return RoutePagesAPISearch
	case filtered:
		return RoutePagesAPIFilter
	}
	return RoutePagesAPI
}
