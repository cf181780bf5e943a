package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
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
	return taskView{Task: t, Plan: p, CanRecord: auth.CanRecordProgress(u, t.LeadIDs(), t.SupportIDs()),
		Statuses: []plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone},
		History:  newPager("/tasks/"+strconv.FormatInt(id, 10), nil, page, store.DefaultPerPage, t.ProgressTotal)}, nil
}
