package web

import (
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"net/http"
)

// plansPageSize is the length of a page of the plans list.
const plansPageSize = 50

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
	// The list changes with any plan; the import button with the policy.
	key := struct {
		Version       string
		CanImport     bool
		Page, PerPage int
	}{version, auth.CanImportPlans(u), page, plansPageSize}
	h.cachedPage(w, r, "plans", key, func() (string, any, bool) {
		plans, total, err := h.store.Plans(r.Context(), key.Page, key.PerPage)
		if err != nil {
			h.Error(w, r, err)
			return "", nil, false
		}
		return h.i18n.For(i18n.Pick(r)).T("plans.title"), struct {
			Plans []plan.Plan
			Pager pager
		}{plans, newPager(r.URL.Path, nil, key.Page, key.PerPage, total)}, true
	})
}
