package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// orgFormPage is the organisation form's data besides the typed values,
// which come through the view's Form.
type orgFormPage struct {
	ID      int64
	Forms   []coop.Form
	Sectors []coop.Sector
	Laws    []coop.Law
	Text    []formField // the text inputs, in order
	Dates   []formField // the date inputs, in order
}

// formField is an input of a form built from a list: its name and the
// message key of its label.
type formField struct{ Name, Label string }

func fieldNames(fs []formField) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// orgTextFields and orgDateFields are the form's inputs besides the three
// lists, in the order the form shows them.
var (
	orgTextFields = []formField{{"code", "org.field.code"}, {"name", "org.field.name"}, {"short_name", "org.field.short_name"},
		{"commune_code", "org.field.commune_code"}, {"new_commune_code", "org.field.new_commune_code"},
		{"address", "org.field.address"}, {"phone", "org.field.phone"}, {"email", "org.field.email"}, {"website", "org.field.website"}}
	orgDateFields = []formField{{"commune_valid_from", "org.field.commune_valid_from"},
		{"new_commune_valid_from", "org.field.new_commune_valid_from"}, {"founded_on", "org.field.founded_on"},
		{"registered_on", "org.field.registered_on"}, {"converted_on", "org.field.converted_on"}, {"charter_on", "org.field.charter_on"}}
)

// orgFromForm reads the organisation form; a date that is not one is
// named in fe.
func orgFromForm(r *http.Request, id int64) (coop.Organisation, map[string]string, apperr.FieldErrors) {
	values := map[string]string{}
	for _, k := range append(append([]string{"form", "sector", "law"}, fieldNames(orgTextFields)...), fieldNames(orgDateFields)...) {
		values[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	fe := apperr.FieldErrors{}
	day := func(k string) *time.Time {
		d, ok := parseFormDate(values[k])
		if !ok {
			fe.Add(k, "error.field.date")
		}
		return d
	}
	law, _ := strconv.Atoi(values["law"])
	o := coop.Organisation{ID: id, Code: values["code"], Name: values["name"], ShortName: values["short_name"],
		Form: coop.Form(values["form"]), Sector: coop.Sector(values["sector"]), Law: coop.Law(law),
		CommuneCode: values["commune_code"], NewCommuneCode: values["new_commune_code"], Address: values["address"],
		Phone: values["phone"], Email: values["email"], Website: values["website"],
		CommuneValidFrom: day("commune_valid_from"), NewCommuneValidFrom: day("new_commune_valid_from"),
		FoundedOn: day("founded_on"), RegisteredOn: day("registered_on"), ConvertedOn: day("converted_on"),
		CharterOn: day("charter_on")}
	return o, values, fe
}

// orgFormValues fills the form from a stored organisation.
func orgFormValues(o coop.Organisation) map[string]string {
	return map[string]string{"code": o.Code, "name": o.Name, "short_name": o.ShortName, "form": string(o.Form),
		"sector": string(o.Sector), "law": strconv.Itoa(int(o.Law)), "commune_code": o.CommuneCode,
		"new_commune_code": o.NewCommuneCode, "address": o.Address, "phone": o.Phone, "email": o.Email,
		"website": o.Website, "commune_valid_from": isoDate(o.CommuneValidFrom),
		"new_commune_valid_from": isoDate(o.NewCommuneValidFrom), "founded_on": isoDate(o.FoundedOn),
		"registered_on": isoDate(o.RegisteredOn), "converted_on": isoDate(o.ConvertedOn), "charter_on": isoDate(o.CharterOn)}
}

// NewOrganisation shows an empty organisation form.
func (h *Handler) NewOrganisation(w http.ResponseWriter, r *http.Request) {
	h.renderOrgForm(w, r, 0, map[string]string{"form": string(coop.FormHTX), "sector": string(coop.SectorAgriculture),
		"law": "2023"}, http.StatusOK, nil)
}

// EditOrganisation shows the form for an organisation of the register.
func (h *Handler) EditOrganisation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var o coop.Organisation
	if err == nil && auth.CanManageRegister(auth.UserFrom(r.Context())) {
		o, err = h.store.Organisation(r.Context(), id)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderOrgForm(w, r, id, orgFormValues(o), http.StatusOK, nil)
}

// SaveOrganisation creates (no {id}) or updates an organisation; on a
// wrong field the form comes back with the message beside it.
func (h *Handler) SaveOrganisation(w http.ResponseWriter, r *http.Request) {
	if !auth.CanManageRegister(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	id, err := optionalPathID(r, "id")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	o, values, fe := orgFromForm(r, id)
	err = fe.Err()
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			if id == 0 {
				return tx.CreateOrganisation(r.Context(), &o)
			}
			return tx.UpdateOrganisation(r.Context(), &o)
		})
	}
	if err == nil {
		h.sessions.Put(r.Context(), "flash", "register.saved")
		http.Redirect(w, r, "/register/"+strconv.FormatInt(o.ID, 10), http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	h.renderOrgForm(w, r, id, values, http.StatusUnprocessableEntity, err)
}

func (h *Handler) renderOrgForm(w http.ResponseWriter, r *http.Request, id int64, values map[string]string, status int, err error) {
	if !auth.CanManageRegister(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	title := "register.new"
	if id != 0 {
		title = "register.edit"
	}
	v := h.view(r, title, orgFormPage{ID: id, Forms: coop.Forms(), Sectors: coop.Sectors(), Laws: coop.Laws(),
		Text: orgTextFields, Dates: orgDateFields})
	v.Form = values
	if err != nil {
		v.Errors = formErrors(v.L, err)
	}
	h.render(w, r, status, "organisation_form", v)
}
