package api

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/plan"
)

// planDetail always sends groups, even empty: in lists they are left out.
type planDetail struct {
	plan.Plan
	Groups []plan.Group `json:"groups"`
}

// Plans lists plans.
func (h *Handler) Plans(w http.ResponseWriter, r *http.Request) {
	page, perPage, ok := h.readerAndPage(w, r)
	if !ok {
		return
	}
	plans, total, err := h.store.Plans(r.Context(), page, perPage)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeList(w, plans, total)
}

// Plan returns a plan with its groups and their tasks.
func (h *Handler) Plan(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	p, err := h.store.PlanWithTasks(r.Context(), id, plan.Today(h.now()))
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if p.Groups == nil {
		p.Groups = []plan.Group{}
	}
	writeJSON(w, http.StatusOK, planDetail{Plan: p, Groups: p.Groups})
}
