package api

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// warning is a finding about figures that does not refuse them.
type warning struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// figuresResponse is a year's figures with the 2023 law's minimum sizes
// they fall short of.
type figuresResponse struct {
	coop.YearFigures
	Warnings []warning `json:"warnings"`
}

// figuresRequest is the body of PUT …/figures/{year}: the numbers, and the
// step the filing takes (save by default).
type figuresRequest struct {
	MembersIndividual int64           `json:"members_individual"`
	MembersHousehold  int64           `json:"members_household"`
	MembersLegal      int64           `json:"members_legal"`
	MemberCoops       int64           `json:"member_coops"`
	Employees         int64           `json:"employees"`
	MemberEmployees   int64           `json:"member_employees"`
	CharterCapital    int64           `json:"charter_capital"`
	TotalAssets       int64           `json:"total_assets"`
	Revenue           int64           `json:"revenue"`
	Profit            int64           `json:"profit"`
	AvgIncome         int64           `json:"avg_income"`
	Rating            coop.Rating     `json:"rating"`
	Exemplary         bool            `json:"exemplary"`
	ValueChain        bool            `json:"value_chain"`
	HighTech          bool            `json:"high_tech"`
	OCOPProducts      int64           `json:"ocop_products"`
	Step              coop.FilingStep `json:"step"`
	FilingComment     string          `json:"filing_comment"`
}

func (q figuresRequest) figures(orgID int64, year int) coop.YearFigures {
	return coop.YearFigures{OrganisationID: orgID, Year: year, MembersIndividual: q.MembersIndividual,
		MembersHousehold: q.MembersHousehold, MembersLegal: q.MembersLegal, MemberCoops: q.MemberCoops,
		Employees: q.Employees, MemberEmployees: q.MemberEmployees, CharterCapital: q.CharterCapital,
		TotalAssets: q.TotalAssets, Revenue: q.Revenue, Profit: q.Profit, AvgIncome: q.AvgIncome, Rating: q.Rating,
		Exemplary: q.Exemplary, ValueChain: q.ValueChain, HighTech: q.HighTech, OCOPProducts: q.OCOPProducts,
		FilingComment: q.FilingComment}
}

// pathYear reads {year}; anything but a plausible year is a 404.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < coop.MinYear || y > 9999 {
		return 0, apperr.New(apperr.NotFound, "error.page_not_found")
	}
	return y, nil
}

func (h *Handler) figuresResponse(r *http.Request, f coop.YearFigures, form coop.Form) figuresResponse {
	l := h.i18n.For(i18n.PickAPI(r))
	out := figuresResponse{YearFigures: f, Warnings: []warning{}}
	for _, w := range f.Warnings(form) {
		out.Warnings = append(out.Warnings, warning{Field: w.Field, Message: l.T(w.Key)})
	}
	return out
}

// Figures returns an organisation's figures of one year.
func (h *Handler) Figures(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	year, err := pathYear(r)
	var o coop.Organisation
	if err == nil {
		o, err = h.store.Organisation(r.Context(), id)
	}
	var f coop.YearFigures
	if err == nil {
		f, err = h.store.FiguresFor(r.Context(), id, year)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.figuresResponse(r, f, o.Form))
}

// PutFigures stores an organisation's figures of one year. The register's
// keepers record them and accept or return a filing; the organisation's
// representative saves a draft or submits (step). Other accounts: 403.
func (h *Handler) PutFigures(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	u := auth.UserFrom(r.Context())
	keeper, filer := auth.CanManageRegister(u), auth.CanFileFigures(u, id)
	year, err := pathYear(r)
	if err == nil && !keeper && !filer {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var req figuresRequest
	if err == nil {
		err = decodeBody(w, r, &req)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if req.Step == "" {
		req.Step = coop.StepSave
	}
	f := req.figures(id, year)
	var form coop.Form
	err = h.store.Update(r.Context(), func(tx *store.Tx) error {
		o, err := tx.OrganisationForUpdate(r.Context(), id)
		if err != nil {
			return err
		}
		form = o.Form
		_, _, err = tx.PutFigures(r.Context(), &f, req.Step, !keeper)
		return err
	})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.figuresResponse(r, f, form))
}
