package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
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
	page := queryInt(r, "page")
	today := plan.Today(h.now())
	version, _, err := h.store.TaskListVersion(r.Context(), 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The page reads the same for every officer of one agency: its tasks
	// across all plans, and the agency's own name.
	agencyKey := "none"
	if u.AgencyID != nil {
		agencyKey = strconv.FormatInt(*u.AgencyID, 10)
	}
	key := version + "\x00" + agencyKey + "\x00" + today.Format("2006-01-02") + "\x00" + strconv.Itoa(page)
	h.cachedPage(w, r, "my", key, func() (string, any, bool) {
		var agency *org.Agency
		var tasks []plan.Task
		total := 0
		if u.AgencyID != nil {
			a, err := h.store.Agency(r.Context(), *u.AgencyID)
			if err != nil && apperr.CodeOf(err) != apperr.NotFound {
				h.Error(w, r, err)
				return "", nil, false
			}
			if err == nil {
				agency = &a
				tasks, total, err = h.store.Tasks(r.Context(), plan.TaskFilter{AgencyID: a.ID,
					Today: today, UrgentFirst: true, Page: page, PerPage: 50})
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
		}{agency, tasks, newPager(r.URL.Path, nil, page, 50, total)}, true
	})
}
