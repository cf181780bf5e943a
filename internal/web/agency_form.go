package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// agencyPage is the agency form page's data besides the fields, which
// come from an agencyForm through the view's Form.
type agencyPage struct {
	ID     int64 // the agency edited; 0 for a new one
	Kinds  []org.Kind
	Others []org.Agency // candidates for successor
}

// NewAgency shows an empty agency form.
func (h *Handler) NewAgency(w http.ResponseWriter, r *http.Request) {
	h.renderAgencyForm(w, r, agencyFormOf(org.Agency{Kind: org.KindDepartment}), http.StatusOK, nil)
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
	h.renderAgencyForm(w, r, agencyFormOf(a), http.StatusOK, nil)
}

// SaveAgency creates (no {id}) or updates an agency. On a wrong field the
// form comes back with the message beside it and what was typed in place.
func (h *Handler) SaveAgency(w http.ResponseWriter, r *http.Request) {
	if !auth.CanManageAgencies(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	id, err := optionalPathID(r, "id")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := parseAgencyForm(r, id)
	err = f.Validate().Err()
	if err == nil {
		a := f.Agency()
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			if a.ID == 0 {
				return tx.CreateAgency(r.Context(), &a)
			}
			return tx.UpdateAgency(r.Context(), &a)
		})
		f = f.normalizedAs(a)
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
	h.renderAgencyForm(w, r, f, http.StatusUnprocessableEntity, err)
}

func (h *Handler) renderAgencyForm(w http.ResponseWriter, r *http.Request, f agencyForm, status int, err error) {
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
	if f.ID != 0 {
		title = "agency.edit"
	}
	v := h.view(r, title, agencyPage{ID: f.ID, Kinds: org.Kinds(), Others: others})
	v.Form = f.Values()
	if err != nil {
		v.Errors = formErrors(v.L, err)
	}
	h.render(w, r, status, "agency_form", v)
}

// forbiddenOrLogin is the error for a page the user's role does not allow:
// anonymous visitors are sent to log in, others are refused.
func forbiddenOrLogin(r *http.Request) error {
	if auth.UserFrom(r.Context()) == nil {
		return apperr.New(apperr.Unauthorized, "error.login_required")
	}
	return apperr.New(apperr.Forbidden, "error.forbidden")
}
