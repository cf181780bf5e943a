package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
)

// Plans lists the plans.
func (h *Handler) Plans(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	page := queryInt(r, "page")
	version, _, err := h.store.TaskListVersion(r.Context(), 0)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The list changes with any plan; the import button with the role.
	key := version + "\x00" + string(u.Role) + "\x00" + strconv.Itoa(page)
	h.cachedPage(w, r, "plans", key, func() (string, any, bool) {
		plans, total, err := h.store.Plans(r.Context(), page, 50)
		if err != nil {
			h.Error(w, r, err)
			return "", nil, false
		}
		return h.i18n.For(i18n.Pick(r)).T("plans.title"), struct {
			Plans []plan.Plan
			Pager pager
		}{plans, newPager(r.URL.Path, r.URL.Query(), page, 50, total)}, true
	})
}
