package web

import (
	"net/http"
	"net/url"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// Agencies lists agencies with their aliases, in Vietnamese order.
func (h *Handler) Agencies(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	page := queryInt(r, "page")
	q := r.URL.Query().Get("q")
	list, total, err := h.store.Agencies(r.Context(), store.AgencyFilter{Query: q, Page: page, PerPage: 50})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, a := range list {
		names[a.ID] = a.Name
	}
	// A successor may sit on another page or outside the search.
	for _, a := range list {
		if a.SuccessorID == nil || names[*a.SuccessorID] != "" {
			continue
		}
		s, err := h.store.Agency(r.Context(), *a.SuccessorID)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		names[s.ID] = s.Name
	}
	h.render(w, r, http.StatusOK, "agencies", h.view(r, "agencies.title", struct {
		Agencies  []org.Agency
		Names     map[int64]string
		Query     string
		CanManage bool
		Pager     pager
	}{list, names, q, auth.CanManageAgencies(u), newPager(r.URL.Path, searchValues(q), page, 50, total)}))
}

// searchValues is the query of pager links under a search.
func searchValues(q string) url.Values {
	if q == "" {
		return nil
	}
	return url.Values{"q": {q}}
}
