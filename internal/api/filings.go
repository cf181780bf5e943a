package api

import (
	"net/http"
	"net/url"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// filingOverview is the yearly filing's follow-up as the API answers it.
type filingOverview struct {
	Year     int                 `json:"year"`
	DueOn    string              `json:"due_on"`
	Communes []store.FilingCount `json:"communes"`
}

// Filings counts, per commune, the active organisations that have filed
// their figures of a year (today's by default), are filing, have not
// started or are late; unit narrows to any unit, old or new. For the
// register's keepers.
func (h *Handler) Filings(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err == nil && !auth.CanManageRegister(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var f store.OrganisationFilter
	if err == nil {
		q := r.URL.Query()
		f, err = store.ParseOrganisationFilter(url.Values{"year": {q.Get("year")}, "unit": {q.Get("unit")}})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	today := plan.Today(h.now())
	if f.Year == 0 {
		f.Year = today.Year()
	}
	list, err := h.store.FilingOverview(r.Context(), f.Year, f.Commune, today)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if list == nil {
		list = []store.FilingCount{}
	}
	writeJSON(w, http.StatusOK, filingOverview{Year: f.Year, DueOn: coop.FilingDue(f.Year).Format("2006-01-02"), Communes: list})
}
