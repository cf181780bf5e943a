package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/plan"
)

// Plans lists the plans.
func (h *Handler) Plans(w http.ResponseWriter, r *http.Request) {
	if _, err := requireUser(r); err != nil {
		h.Error(w, r, err)
		return
	}
	page := queryInt(r, "page")
	plans, total, err := h.store.Plans(r.Context(), page, 50)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "plans", h.view(r, "plans.title", struct {
		Plans []plan.Plan
		Pager pager
	}{plans, newPager(r.URL.Path, r.URL.Query(), page, 50, total)}))
}
