package web

import (
	"net/http"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// registerPerPage is how many organisations a page of the register lists.
const registerPerPage = 50

// registerPage is the register list's data.
type registerPage struct {
	Items     []coop.Organisation
	Total     int64
	Filter    store.OrganisationFilter
	Year      string // the year filter as typed back into its box
	UnitOn    string // the unit's day, YYYY-MM-DD, for its date box
	Forms     []coop.Form
	Sectors   []coop.Sector
	Statuses  []coop.StatusKind
	Ratings   []coop.Rating
	CanManage bool
	Pager     pager
	// The download links, carrying the filter shown.
	ExportCSV, ExportXLSX string
}

// Register lists the cooperative register: a search box, filters and the
// organisations in Vietnamese order, a page at a time.
func (h *Handler) Register(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanReadRegister)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f, ferr := store.ParseOrganisationFilter(r.URL.Query())
	f.Page, f.PerPage = queryInt(r, "page"), registerPerPage
	year := ""
	if f.Year != 0 {
		year = r.URL.Query().Get("year")
	}
	unitOn := ""
	if !f.UnitOn.IsZero() {
		unitOn = f.UnitOn.Format(time.DateOnly)
	}
	data := func(list []coop.Organisation, total int) registerPage {
		return registerPage{Items: list, Total: int64(total), Filter: f, Year: year, UnitOn: unitOn,
			Forms: coop.Forms(), Sectors: coop.Sectors(), Statuses: coop.StatusKinds(), Ratings: coop.Ratings(),
			CanManage: auth.CanManageRegister(u), Pager: newPager(r.URL.Path, f.Values(), f.Page, registerPerPage, total),
			ExportCSV: exportLink(f, "csv"), ExportXLSX: exportLink(f, "xlsx")}
	}
	if ferr != nil {
		// A filter that names nothing known lists nothing rather than
		// everything, and says which one.
		v := h.view(r, "register.title", data(nil, 0))
		v.Errors = map[string]string{"filter": v.L.T(apperr.As(ferr).Key)}
		h.render(w, r, http.StatusBadRequest, "register", v)
		return
	}
	p, err := h.store.OrganisationPage(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The list as rendered is kept under the page's stamp (the versions
	// it was read under) with everything else the content shows: the
	// filter as typed, the boxes' text, the buttons of a keeper of the
	// register. Rendering 50 rows was the largest cost of a kept page.
	key := struct {
		Stamp, Path  string
		Filter       store.OrganisationFilter
		Year, UnitOn string
		CanManage    bool
	}{p.Stamp, r.URL.Path, f, year, unitOn, auth.CanManageRegister(u)}
	h.cachedPage(w, r, "register", key, func() (string, any, bool) {
		return h.i18n.For(i18n.Pick(r)).T("register.title"), data(p.Items, p.Total), true
	})
}

// exportLink is the address that downloads the list f selects in format.
func exportLink(f store.OrganisationFilter, format string) string {
	v := f.Values()
	v.Set("format", format)
	return "/register/export?" + v.Encode()
}
