package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

type agencyForm struct {
	Agency org.Agency
	Kinds  []org.Kind
	Others []org.Agency // candidates for successor
}

// NewAgency shows an empty agency form.
func (h *Handler) NewAgency(w http.ResponseWriter, r *http.Request) {
	h.agencyForm(w, r, org.Agency{Kind: org.KindDepartment}, http.StatusOK, nil)
}

// EditAgency shows the form for an existing agency.
func (h *Handler) EditAgency(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	a, err := h.store.Agency(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.agencyForm(w, r, a, http.StatusOK, nil)
}

// SaveAgency creates (no {id}) or updates an agency.
func (h *Handler) SaveAgency(w http.ResponseWriter, r *http.Request) {
	if !auth.CanManageAgencies(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	var a org.Agency
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			h.Error(w, r, err)
			return
		}
		a.ID = id
	}
	fe := apperr.FieldErrors{}
	a.Name = r.PostFormValue("name")
	a.ShortName = r.PostFormValue("short_name")
	a.Kind = org.Kind(r.PostFormValue("kind"))
	a.Collective = r.PostFormValue("collective") != ""
	a.Aliases = strings.Split(r.PostFormValue("aliases"), "\n")
	a.ValidFrom = formDate(r, "valid_from", fe)
	a.ValidTo = formDate(r, "valid_to", fe)
	a.SuccessorSince = formDate(r, "successor_since", fe)
	if s := r.PostFormValue("successor_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fe.Add("successor_id", "error.field.successor_missing")
		} else {
			a.SuccessorID = &id
		}
	}
	err := fe.Err()
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			if a.ID == 0 {
				return tx.CreateAgency(r.Context(), &a)
			}
			return tx.UpdateAgency(r.Context(), &a)
		})
	}
	if err == nil {
		h.sessions.Put(r.Context(), "flash", "agency.saved")
		http.Redirect(w, r, "/agencies", http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	h.agencyForm(w, r, a, http.StatusUnprocessableEntity, err)
}

func (h *Handler) agencyForm(w http.ResponseWriter, r *http.Request, a org.Agency, status int, err error) {
	if !auth.CanManageAgencies(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	others, _, lerr := h.store.Agencies(r.Context(), store.AgencyFilter{PerPage: store.MaxPerPage})
	if lerr != nil {
		h.Error(w, r, lerr)
		return
	}
	title := "agency.new"
	if a.ID != 0 {
		title = "agency.edit"
	}
	v := h.view(r, title, agencyForm{Agency: a, Kinds: org.Kinds(), Others: others})
	v.Form = map[string]string{"aliases": strings.Join(a.Aliases, "\n"), "valid_from": isoDate(a.ValidFrom),
		"valid_to": isoDate(a.ValidTo), "successor_since": isoDate(a.SuccessorSince)}
	if err != nil {
		v.Errors = formErrors(v.L, err)
		for _, f := range []string{"valid_from", "valid_to", "successor_since"} {
			v.Form[f] = r.PostFormValue(f)
		}
	}
	h.render(w, r, status, "agency_form", v)
}

// formDate reads a yyyy-mm-dd date input (or dd/mm/yyyy typed by hand).
func formDate(r *http.Request, field string, fe apperr.FieldErrors) *time.Time {
	s := strings.TrimSpace(r.PostFormValue(field))
	if s == "" {
		return nil
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return &t
		}
	}
	fe.Add(field, "error.field.date")
	return nil
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// forbiddenOrLogin is the error for a page the user's role does not allow:
// anonymous visitors are sent to log in, others are refused.
func forbiddenOrLogin(r *http.Request) error {
	if auth.UserFrom(r.Context()) == nil {
		return apperr.New(apperr.Unauthorized, "error.login_required")
	}
	return apperr.New(apperr.Forbidden, "error.forbidden")
}
