package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// figureFields are the numbers of the figures form, in its order.
var figureFields = []formField{{"members_individual", "fig.field.members_individual"},
	{"members_household", "fig.field.members_household"}, {"members_legal", "fig.field.members_legal"},
	{"member_coops", "fig.field.member_coops"}, {"employees", "fig.field.employees"},
	{"member_employees", "fig.field.member_employees"}, {"charter_capital", "fig.field.charter_capital"},
	{"total_assets", "fig.field.total_assets"}, {"revenue", "fig.field.revenue"}, {"profit", "fig.field.profit"},
	{"avg_income", "fig.field.avg_income"}, {"ocop_products", "fig.field.ocop_products"}}

// figureFlags are its check boxes.
var figureFlags = []formField{{"exemplary", "fig.field.exemplary"}, {"value_chain", "fig.field.value_chain"},
	{"high_tech", "fig.field.high_tech"}}

// figuresFormPage is the figures form's data.
type figuresFormPage struct {
	Org     coop.Organisation
	Year    int
	Current coop.YearFigures // as stored; zero when nothing is
	Numbers []formField
	Flags   []formField
	Ratings []coop.Rating
	// Who fills it in: the cooperative saves and submits, the register's
	// keepers record, accept and return.
	Keeper, Locked bool
	CanReview      bool
	Warnings       []string
}

// figureNumbers points at the numbers of f by form field name.
func figureNumbers(f *coop.YearFigures) map[string]*int64 {
	return map[string]*int64{"members_individual": &f.MembersIndividual, "members_household": &f.MembersHousehold,
		"members_legal": &f.MembersLegal, "member_coops": &f.MemberCoops, "employees": &f.Employees,
		"member_employees": &f.MemberEmployees, "charter_capital": &f.CharterCapital, "total_assets": &f.TotalAssets,
		"revenue": &f.Revenue, "profit": &f.Profit, "avg_income": &f.AvgIncome, "ocop_products": &f.OCOPProducts}
}

func figureFlagsOf(f *coop.YearFigures) map[string]*bool {
	return map[string]*bool{"exemplary": &f.Exemplary, "value_chain": &f.ValueChain, "high_tech": &f.HighTech}
}

// parseWholeNumber reads a whole number as people type it: 1.234.567,
// 1 234 567 or 1234567, with a minus for a loss. A decimal comma is not a
// whole number of đồng and is refused.
func parseWholeNumber(s string) (int64, bool) {
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// figuresFromForm reads the form into f (its organisation and year set).
func figuresFromForm(r *http.Request, f *coop.YearFigures) (map[string]string, apperr.FieldErrors) {
	values := map[string]string{}
	fe := apperr.FieldErrors{}
	for name, p := range figureNumbers(f) {
		values[name] = r.PostFormValue(name)
		n, ok := parseWholeNumber(values[name])
		if !ok {
			fe.Add(name, "error.field.whole_number")
		}
		*p = n
	}
	for name, p := range figureFlagsOf(f) {
		*p = r.PostFormValue(name) != ""
		if *p {
			values[name] = "1"
		}
	}
	values["rating"] = r.PostFormValue("rating")
	f.Rating = coop.Rating(values["rating"])
	values["filing_comment"] = r.PostFormValue("filing_comment")
	f.FilingComment = strings.TrimSpace(values["filing_comment"])
	return values, fe
}

func figuresValues(f coop.YearFigures) map[string]string {
	out := map[string]string{"rating": string(f.Rating), "filing_comment": f.FilingComment}
	for name, p := range figureNumbers(&f) {
		out[name] = strconv.FormatInt(*p, 10)
	}
	for name, p := range figureFlagsOf(&f) {
		if *p {
			out[name] = "1"
		}
	}
	return out
}

// figuresAccess reads {id} and {year} and who may fill the form in:
// a keeper of the register, or the organisation's representative.
func (h *Handler) figuresAccess(r *http.Request) (coop.Organisation, int, bool, error) {
	u := auth.UserFrom(r.Context())
	id, err := pathID(r, "id")
	if err != nil {
		return coop.Organisation{}, 0, false, err
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < coop.MinYear || year > coop.MaxYear(h.now()) {
		return coop.Organisation{}, 0, false, apperr.New(apperr.NotFound, "error.page_not_found")
	}
	keeper := auth.CanManageRegister(u)
	if !keeper && !auth.CanFileFigures(u, id) {
		return coop.Organisation{}, 0, false, forbiddenOrLogin(r)
	}
	o, err := h.store.Organisation(r.Context(), id)
	return o, year, keeper, err
}

// FiguresForm shows an organisation's figures of one year to fill in.
func (h *Handler) FiguresForm(w http.ResponseWriter, r *http.Request) {
	o, year, keeper, err := h.figuresAccess(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	cur, err := h.store.FiguresFor(r.Context(), o.ID, year)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		h.Error(w, r, err)
		return
	}
	h.renderFiguresForm(w, r, o, year, keeper, cur, figuresValues(cur), http.StatusOK, nil)
}

// SaveFigures stores the form's figures and takes the filing the step of
// the button pressed.
func (h *Handler) SaveFigures(w http.ResponseWriter, r *http.Request) {
	o, year, keeper, err := h.figuresAccess(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := coop.YearFigures{OrganisationID: o.ID, Year: year}
	values, fe := figuresFromForm(r, &f)
	step := coop.FilingStep(r.PostFormValue("step"))
	err = fe.Err()
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			_, _, err := tx.PutFigures(r.Context(), &f, step, !keeper)
			return err
		})
	}
	if err == nil {
		h.sessions.Put(r.Context(), "flash", stepFlash(step))
		http.Redirect(w, r, "/register/"+strconv.FormatInt(o.ID, 10)+"#figures", http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	cur, _ := h.store.FiguresFor(r.Context(), o.ID, year)
	h.renderFiguresForm(w, r, o, year, keeper, cur, values, http.StatusUnprocessableEntity, err)
}

func (h *Handler) renderFiguresForm(w http.ResponseWriter, r *http.Request, o coop.Organisation, year int, keeper bool,
	cur coop.YearFigures, values map[string]string, status int, err error) {
	p := figuresFormPage{Org: o, Year: year, Current: cur, Numbers: figureFields, Flags: figureFlags, Ratings: coop.Ratings(),
		Keeper: keeper, Locked: !keeper && !cur.Filing.Editable(), CanReview: keeper && cur.Filing == coop.FilingSubmitted}
	v := h.view(r, "register.figures_form", p)
	for _, w := range cur.Warnings(o.Form) {
		p.Warnings = append(p.Warnings, v.L.T(w.Key))
	}
	v.Data = p
	v.Title = v.L.T("register.figures_form") + " " + strconv.Itoa(year) + " · " + o.Name
	v.Form = values
	if err != nil {
		v.Errors = formErrors(v.L, err)
	}
	h.render(w, r, status, "figures_form", v)
}

// stepFlash is the message shown after a step of a filing.
func stepFlash(step coop.FilingStep) string {
	switch step {
	case coop.StepSubmit:
		return "register.figures_submitted"
	case coop.StepAccept:
		return "register.figures_accepted"
	case coop.StepReturn:
		return "register.figures_returned"
	}
	return "register.figures_saved"
}
