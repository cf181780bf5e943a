package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
)

// planPageSize bounds the task table; a plan of thousands of tasks pages.
const planPageSize = 100

// groupRows is a task group with the tasks of the current page, and
// their rows rendered (task_row.go) and joined: the page prints them once,
// not through the template's escaper a hundred times.
type groupRows struct {
	Group plan.Group
	Tasks []plan.Task
	Rows  template.HTML
}

// Plan shows one plan's task table, grouped by task group and filtered by
// agency, status, group and text.
func (h *Handler) Plan(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := plan.TaskFilter{PlanID: id, Today: plan.Today(h.now()), Query: q.Get("q"),
		AgencyID: int64(queryInt(r, "agency")), GroupID: int64(queryInt(r, "group")),
		Page: queryInt(r, "page"), PerPage: planPageSize}
	if s := plan.Status(q.Get("status")); s.Valid() {
		f.Status = s
	}
	version, exists, err := h.store.TaskListVersion(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !exists {
		h.Error(w, r, apperr.New(apperr.NotFound, "error.plan_not_found"))
		return
	}
	// The page reads the same for every reader: the plan, its tasks and
	// the agencies all change the version, and everything else it shows
	// comes from the filter, which is the key whole.
	// Publishing moves the plan's revision, so the version covers the
	// publication too; the buttons depend on the reader's role.
	canPublish := auth.CanPublishPlans(u)
	key := struct {
		listKey
		CanPublish bool
	}{listKey{Version: version, Filter: f}, canPublish}
	h.cachedPage(w, r, "plan", key, func() (string, any, bool) {
		p, err := h.store.Plan(ctx, id)
		if err != nil {
			h.Error(w, r, err)
			return "", nil, false
		}
		tasks, total, err := h.store.Tasks(ctx, f)
		if err != nil {
			h.Error(w, r, err)
			return "", nil, false
		}
		agencies, err := h.store.PlanAgencies(ctx, id)
		if err != nil {
			h.Error(w, r, err)
			return "", nil, false
		}
		pub, err := h.store.PlanPublication(ctx, id)
		if err != nil {
			h.Error(w, r, err)
			return "", nil, false
		}
		groups := groupTasks(p.Groups, tasks)
		l := h.i18n.For(i18n.Pick(r))
		for i := range groups {
			rows, err := h.taskRows(l, groups[i].Tasks)
			if err != nil {
				h.serverError(w, r, err)
				return "", nil, false
			}
			groups[i].Rows = joinHTML(rows)
		}
		return p.Number + " " + p.Title, struct {
			Plan     plan.Plan
			Groups   []groupRows
			Total    int
			Agencies []plan.AgencyRef
			Statuses []plan.Status
			Filter   plan.TaskFilter
			Pager    pager
			Pub      publication
		}{p, groups, total, agencies, allStatuses(), f,
			newPager(r.URL.Path, filterValues(f), f.Page, planPageSize, total), publication{pub, canPublish}}, true
	})
}

// groupTasks puts tasks under their groups, keeping plan order and leaving
// out groups with no task on this page.
func groupTasks(groups []plan.Group, tasks []plan.Task) []groupRows {
	byGroup := map[int64][]plan.Task{}
	for _, t := range tasks {
		byGroup[t.GroupID] = append(byGroup[t.GroupID], t)
	}
	var out []groupRows
	for _, g := range groups {
		if ts := byGroup[g.ID]; len(ts) > 0 {
			out = append(out, groupRows{Group: g, Tasks: ts})
		}
	}
	return out
}

func allStatuses() []plan.Status {
	return []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone, plan.StatusDoneLate, plan.StatusOverdue}
}

// listKey keys a cached page built from one task list: the version of the
// data and the filter the list was read with.
type listKey struct {
	Version string
	Filter  plan.TaskFilter
}

// filterValues is the query of pager links: the filter as the page
// understood it, not as it was typed, so the links depend only on the
// filter that keys the cached page.
func filterValues(f plan.TaskFilter) url.Values {
	out := url.Values{}
	if f.Query != "" {
		out.Set("q", f.Query)
	}
	if f.AgencyID != 0 {
		out.Set("agency", strconv.FormatInt(f.AgencyID, 10))
	}
	if f.Status != "" {
		out.Set("status", string(f.Status))
	}
	if f.GroupID != 0 {
		out.Set("group", strconv.FormatInt(f.GroupID, 10))
	}
	return out
}
