package api

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
)

// Tasks lists tasks filtered by plan, agency (leads or supports), status
// and text.
func (h *Handler) Tasks(w http.ResponseWriter, r *http.Request) {
	page, perPage, ok := h.readerAndPage(w, r)
	if !ok {
		return
	}
	f := plan.TaskFilter{Today: plan.Today(h.now()), Query: r.URL.Query().Get("q"), Page: page, PerPage: perPage}
	var err error
	if f.PlanID, err = int64Param(r, "plan"); err != nil {
		h.Error(w, r, err)
		return
	}
	if f.AgencyID, err = int64Param(r, "agency"); err != nil {
		h.Error(w, r, err)
		return
	}
	if s := r.URL.Query().Get("status"); s != "" {
		if !plan.Status(s).Valid() {
			h.Error(w, r, apperr.New(apperr.Invalid, "error.param.status"))
			return
		}
		f.Status = plan.Status(s)
	}
	tasks, total, err := h.store.Tasks(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeList(w, tasks, total)
}

// taskDetail always sends the progress history, even empty: in lists it is
// left out.
type taskDetail struct {
	plan.Task
	Progress      []plan.Progress `json:"progress"`
	ProgressTotal int             `json:"progress_total"`
	Revisions     []plan.Revision `json:"revisions"`
}

// Task returns a task with its progress history and its changes, and its
// revision as the ETag an edit sends back in If-Match.
func (h *Handler) Task(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	h.writeTask(w, r, id, http.StatusOK)
}

// TaskProgress pages through a task's progress history, newest first.
func (h *Handler) TaskProgress(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	page, perPage, err := paging(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if _, err := h.store.Task(r.Context(), id, plan.Today(h.now())); err != nil {
		h.Error(w, r, err) // 404 for a task that does not exist, not an empty list
		return
	}
	entries, total, err := h.store.TaskProgress(r.Context(), id, page, perPage)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeList(w, entries, total)
}
