package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
)

// myPageSize is the length of a page of "My agency".
const myPageSize = 50

// MyAgency lists the tasks the user's agency leads or supports, overdue and
// due-soon first.
func (h *Handler) MyAgency(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	page := queryInt(r, "page")
	today := plan.Today(h.now())
	version, _, err := h.store.TaskListVersion(r.Context(), 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The page reads the same for every officer of one agency: its tasks
	// across all plans, and the agency's own name (both in the version).
	f := plan.TaskFilter{Today: today, UrgentFirst: true, Page: page, PerPage: myPageSize}
	if u.AgencyID != nil {
		f.AgencyID = *u.AgencyID
	}
	h.cachedPage(w, r, "my", listKey{Version: version, Filter: f}, func() (string, any, bool) {
		var agency *org.Agency
		var tasks []plan.Task
		total := 0
		if f.AgencyID != 0 {
			a, err := h.store.Agency(r.Context(), f.AgencyID)
			if err != nil && apperr.CodeOf(err) != apperr.NotFound {
				h.Error(w, r, err)
				return "", nil, false
			}
			if err == nil {
				agency = &a
				tasks, total, err = h.store.Tasks(r.Context(), f)
				if err != nil {
					h.Error(w, r, err)
					return "", nil, false
				}
			}
		}
		return h.i18n.For(i18n.Pick(r)).T("my.title"), struct {
			Agency *org.Agency
			Tasks  []plan.Task
			Pager  pager
		}{agency, tasks, newPager(r.URL.Path, nil, f.Page, f.PerPage, total)}, true
	})
}
