package api

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// Agencies lists agencies with their aliases, in Vietnamese order.
func (h *Handler) Agencies(w http.ResponseWriter, r *http.Request) {
	page, perPage, ok := h.readerAndPage(w, r)
	if !ok {
		return
	}
	items, total, err := h.store.Agencies(r.Context(), store.AgencyFilter{Query: r.URL.Query().Get("q"), Page: page, PerPage: perPage})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	for i := range items {
		if items[i].Aliases == nil {
			items[i].Aliases = []string{}
		}
	}
	writeList(w, items, total)
}

// Audit lists audit entries, newest first, to administrators.
func (h *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !auth.CanReadAudit(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	page, perPage, err := paging(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	entityID, err := int64Param(r, "entity_id")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	items, total, err := h.store.ListAudit(r.Context(), audit.Filter{Entity: r.URL.Query().Get("entity"),
		EntityID: entityID, Page: page, PerPage: perPage})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeList(w, items, total)
}
