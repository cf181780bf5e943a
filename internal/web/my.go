package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
)

// MyAgency lists the tasks the user's agency leads or supports, overdue and
// due-soon first.
func (h *Handler) MyAgency(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var agency *org.Agency
	var tasks []plan.Task
	total, page := 0, queryInt(r, "page")
	if u.AgencyID != nil {
		a, err := h.store.Agency(r.Context(), *u.AgencyID)
		if err != nil && apperr.CodeOf(err) != apperr.NotFound {
			h.Error(w, r, err)
			return
		}
		if err == nil {
			agency = &a
			tasks, total, err = h.store.Tasks(r.Context(), plan.TaskFilter{AgencyID: a.ID,
				Today: plan.Today(h.now()), UrgentFirst: true, Page: page, PerPage: 50})
			if err != nil {
				h.Error(w, r, err)
				return
			}
		}
	}
	h.render(w, r, http.StatusOK, "my", h.view(r, "my.title", struct {
		Agency *org.Agency
		Tasks  []plan.Task
		Pager  pager
	}{agency, tasks, newPager(r.URL.Path, nil, page, 50, total)}))
}
