package web

import (
	"net/http"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
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
	status := http.StatusOK
	var errs map[string]string
	if ferr != nil {
		// A filter that names nothing known lists nothing rather than
		// everything, and says which one.
		status = http.StatusBadRequest
	}
	f.Page, f.PerPage = queryInt(r, "page"), registerPerPage
	var list []coop.Organisation
	var total int
	if ferr == nil {
		if list, total, err = h.store.Organisations(r.Context(), f); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	year := ""
	if f.Year != 0 {
		year = r.URL.Query().Get("year")
	}
	unitOn := ""
	if !f.UnitOn.IsZero() {
		unitOn = f.UnitOn.Format(time.DateOnly)
	}
	v := h.view(r, "register.title", registerPage{Items: list, Total: int64(total), Filter: f, Year: year, UnitOn: unitOn,
		Forms: coop.Forms(), Sectors: coop.Sectors(), Statuses: coop.StatusKinds(), Ratings: coop.Ratings(),
		CanManage: auth.CanManageRegister(u), Pager: newPager(r.URL.Path, f.Values(), f.Page, registerPerPage, total),
		ExportCSV: exportLink(f, "csv"), ExportXLSX: exportLink(f, "xlsx")})
	if ferr != nil {
		errs = map[string]string{"filter": v.L.T(apperr.As(ferr).Key)}
		v.Errors = errs
	}
	h.render(w, r, status, "register", v)
}

// exportLink is the address that downloads the list f selects in format.
func exportLink(f store.OrganisationFilter, format string) string {
	v := f.Values()
	v.Set("format", format)
	return "/register/export?" + v.Encode()
}
