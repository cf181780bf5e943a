package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/i18n"
)

// organisationPage is the data of an organisation's page.
type organisationPage struct {
	Org      coop.Organisation
	Statuses []coop.Status
	People   []coop.Person
	Figures  []yearRow
	Chart    *revenueChart
	Names    map[int64]string // organisations the history names (mergers)
	Merges   []dedupe.Merge   // duplicates merged into this one
	// What the reader may do here.
	CanManage, CanFile bool
	FilingYear         int  // the year a cooperative files now
	IsUnion            bool // an LHHTX: its member HTX are a column
	// The status-entry form, for the register's keepers: the kinds, and
	// what was typed when an entry was refused.
	StatusKinds []coop.StatusKind
	StatusForm  map[string]string
}

// yearRow is one year of the figures table, with what the 2023 law's
// minimum sizes say of it.
type yearRow struct {
	coop.YearFigures
	Warnings []string
}

// Organisation shows one organisation: its register entry, its figures
// year by year as a table and a chart, its status history and managers.
func (h *Handler) Organisation(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanReadRegister)
	var id int64
	if err == nil {
		id, err = pathID(r, "id")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.showOrganisation(w, r, u, id, http.StatusOK, nil, nil)
}

// showOrganisation renders organisation id's page; form and formErr are
// a refused status entry, typed back beside its messages.
func (h *Handler) showOrganisation(w http.ResponseWriter, r *http.Request, u *auth.User, id int64, status int,
	form map[string]string, formErr error) {
	ctx := r.Context()
	o, err := h.store.Organisation(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := organisationPage{Org: o, Names: map[int64]string{}, CanManage: auth.CanManageRegister(u),
		CanFile: auth.CanManageRegister(u) || auth.CanFileFigures(u, id), FilingYear: h.now().Year(),
		IsUnion: o.Form == coop.FormLHHTX, StatusKinds: coop.StatusKinds(), StatusForm: form}
	if p.Statuses, err = h.store.Statuses(ctx, id); err != nil {
		h.Error(w, r, err)
		return
	}
	for _, s := range p.Statuses {
		if s.MergedInto != nil {
			if other, err := h.store.Organisation(ctx, *s.MergedInto); err == nil {
				p.Names[other.ID] = other.Name
			}
		}
	}
	if p.Merges, err = h.store.Merges(ctx, id); err != nil {
		h.Error(w, r, err)
		return
	}
	if p.People, err = h.store.People(ctx, id); err != nil {
		h.Error(w, r, err)
		return
	}
	figures, err := h.store.Figures(ctx, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r))
	for _, f := range figures {
		row := yearRow{YearFigures: f}
		for _, w := range f.Warnings(o.Form) {
			row.Warnings = append(row.Warnings, l.T(w.Key))
		}
		p.Figures = append(p.Figures, row)
	}
	p.Chart = newRevenueChart(figures)
	v := h.view(r, "register.organisation", p)
	v.Title = o.Name
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	h.render(w, r, status, "organisation", v)
}
