package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// filingListLimit bounds a drill-down list: a commune holds far fewer
// organisations, and a page must stay light whatever the data.
const filingListLimit = 500

// filingsPage is the coordinator's follow-up of the yearly filing.
type filingsPage struct {
	Year     int
	Unit     string
	DueOn    string
	States   []store.FilingState
	Communes []store.FilingCount
	Totals   store.FilingCount
	// The drill-down: the organisations of one commune in one state.
	Commune string
	State   store.FilingState
	List    []coop.Organisation
	Query   url.Values // year and unit, for the links
}

// RegisterFilings shows, for a year and optionally a unit (old or new),
// per commune how many active organisations have filed their figures,
// are filing, have not started, and are late after 15/12; a count opens
// the list of its organisations.
func (h *Handler) RegisterFilings(w http.ResponseWriter, r *http.Request) {
	if _, err := requireAllowed(r, auth.CanManageRegister); err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	today := plan.Today(h.now())
	p := filingsPage{Year: today.Year(), States: store.FilingStates(), Commune: q.Get("commune"), State: store.FilingState(q.Get("state"))}
	// The year and unit are checked as the register's filter checks them.
	f, err := store.ParseOrganisationFilter(url.Values{"year": {q.Get("year")}, "unit": {q.Get("unit")}})
	switch {
	case err != nil:
	case p.Commune != "" && !digitsOnly(p.Commune):
		err = apperr.New(apperr.Invalid, "error.param.commune")
	case p.State != "" && !p.State.Valid():
		err = apperr.New(apperr.Invalid, "error.param.state")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if f.Year != 0 {
		p.Year = f.Year
	}
	p.Unit = f.Commune
	p.DueOn = coop.FilingDue(p.Year).Format("02/01/2006")
	p.Query = url.Values{"year": {strconv.Itoa(p.Year)}}
	if p.Unit != "" {
		p.Query.Set("unit", p.Unit)
	}
	if p.Communes, err = h.store.FilingOverview(r.Context(), p.Year, p.Unit, today); err != nil {
		h.Error(w, r, err)
		return
	}
	p.Totals = store.FilingCount{Counts: map[store.FilingState]int64{}}
	for _, c := range p.Communes {
		for s, n := range c.Counts {
			p.Totals.Counts[s] += n
		}
		p.Totals.Total += c.Total
	}
	if p.Commune != "" && p.State != "" {
		if p.List, err = h.store.FilingList(r.Context(), p.Year, p.Commune, p.State, today, filingListLimit); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "register_filings", h.view(r, "filings.title", p))
}

// digitsOnly reports whether s is a unit code: up to 10 digits.
func digitsOnly(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Link is the address of this overview's drill-down into commune's
// organisations in state.
func (p filingsPage) Link(commune string, state store.FilingState) string {
	v := url.Values{"commune": {commune}, "state": {string(state)}}
	for k, vs := range p.Query {
		v[k] = vs
	}
	return "/register/filings?" + v.Encode() + "#list"
}
