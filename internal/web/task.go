package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// taskView is the task page: the task, its plan, and whether the reader may
// record progress on it.
type taskView struct {
	Task      plan.Task
	Plan      plan.Plan
	CanRecord bool
	Statuses  []plan.Status
	History   pager // pages of Task.Progress
	// The changes to the task after import, and the proposals on it.
	Revisions []plan.Revision
	Proposals []proposal.Proposal
	// CanEdit: the coordinator's edit and add forms; CanPropose: the
	// lead agency's officer's proposal form. Agencies fill their lists.
	CanEdit, CanPropose bool
	Agencies            []agencyOption
	// Lead and Support are the task's agencies as responsible on the
	// page's day, which the app's clock gives.
	Lead, Support []responsibleAgency
}

// Task shows a task with its agencies, timeframe and progress history.
func (h *Handler) Task(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	v, err := h.taskView(r, u, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	view := h.view(r, "task.title", v)
	view.Form = map[string]string{"status": string(v.Task.Recorded)}
	h.render(w, r, http.StatusOK, "task", view)
}

func (h *Handler) taskView(r *http.Request, u *auth.User, id int64) (taskView, error) {
	t, err := h.store.Task(r.Context(), id, plan.Today(h.now()))
	if err != nil {
		return taskView{}, err
	}
	// The history pages from the newest; a form sent back shows page one.
	page := 1
	if r.Method == http.MethodGet {
		page = max(queryInt(r, "page"), 1)
	}
	if page > 1 {
		if t.Progress, t.ProgressTotal, err = h.store.TaskProgress(r.Context(), id, page, store.DefaultPerPage); err != nil {
			return taskView{}, err
		}
	}
	p, err := h.store.Plan(r.Context(), t.PlanID)
	if err != nil {
		return taskView{}, err
	}
	v := taskView{Task: t, Plan: p, CanRecord: auth.CanRecordProgress(u, t.LeadIDs(), t.SupportIDs()),
		Statuses:   []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone},
		History:    newPager("/tasks/"+strconv.FormatInt(id, 10), nil, page, store.DefaultPerPage, t.ProgressTotal),
		CanEdit:    proposal.CanEditTasks(u) && t.Dropped == nil,
		CanPropose: proposal.CanPropose(u, t.LeadIDs()) && t.Dropped == nil}
	dir, err := h.store.AgencyDirectory(r.Context())
	if err != nil {
		return v, err
	}
	day := plan.Today(h.now())
	v.Lead, v.Support = responsibleOn(dir, t.Lead, day), responsibleOn(dir, t.Support, day)
	if v.Revisions, err = h.store.TaskRevisions(r.Context(), id); err != nil {
		return v, err
	}
	if proposal.CanList(u) {
		all, err := h.store.TaskProposals(r.Context(), id)
		if err != nil {
			return v, err
		}
		// An officer sees its own agency's proposals only, as on /proposals.
		scope := proposal.AgencyScope(u)
		for _, p := range all {
			if scope == 0 || p.AgencyID == scope {
				v.Proposals = append(v.Proposals, p)
			}
		}
	}
	if v.CanEdit || v.CanPropose {
		if v.Agencies, err = h.agencyOptions(r, t); err != nil {
			return v, err
		}
	}
	return v, nil
}

// agencyOptions lists every agency for the edit and proposal forms, the
// task's own marked.
func (h *Handler) agencyOptions(r *http.Request, t plan.Task) ([]agencyOption, error) {
	all, _, err := h.store.Agencies(r.Context(), store.AgencyFilter{PerPage: store.MaxPerPage})
	if err != nil {
		return nil, err
	}
	out := make([]agencyOption, 0, len(all))
	for _, a := range all {
		o := agencyOption{ID: a.ID, Name: a.Name}
		for _, l := range t.Lead {
			o.Lead = o.Lead || l.ID == a.ID
		}
		for _, s := range t.Support {
			o.Support = o.Support || s.ID == a.ID
		}
		out = append(out, o)
	}
	return out, nil
}
