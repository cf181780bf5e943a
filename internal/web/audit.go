package web

import (
	"net/http"
	"net/url"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
)

// Audit shows the audit log to administrators.
func (h *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	if !auth.CanReadAudit(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	page := queryInt(r, "page")
	f := audit.Filter{Entity: r.URL.Query().Get("entity"), EntityID: int64(queryInt(r, "entity_id")), Page: page, PerPage: 50}
	entries, total, err := h.store.ListAudit(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "audit", h.view(r, "audit.title", struct {
		Entries []audit.Entry
		Pager   pager
	}{entries, newPager(r.URL.Path, auditQuery(r), page, 50, total)}))
}

// auditQuery keeps the log's filters on the pager's links.
func auditQuery(r *http.Request) url.Values {
	out := url.Values{}
	for _, k := range []string{"entity", "entity_id"} {
		if v := r.URL.Query().Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}
