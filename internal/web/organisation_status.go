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

// statusFields are the fields of the status-entry form.
var statusFields = []string{"kind", "on", "until", "merged_into", "document", "note"}

// AddOrganisationStatus records an entry of an organisation's status
// history (suspended, dissolved, merged…) with its day and the document
// that decided it; the organisation's current status follows. A refused
// entry shows the page again with the message beside each field.
func (h *Handler) AddOrganisationStatus(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanManageRegister)
	var id int64
	if err == nil {
		id, err = pathID(r, "id")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if _, err := h.store.Organisation(r.Context(), id); err != nil {
		h.Error(w, r, err)
		return
	}
	values := map[string]string{}
	for _, k := range statusFields {
		values[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	s, fe := h.readStatus(r, id, values)
	err = fe.Err()
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.AddStatus(r.Context(), &s) })
	}
	if apperr.CodeOf(err) == apperr.Validation {
		h.showOrganisation(w, r, u, id, http.StatusUnprocessableEntity, values, err)
		return
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "register.status_added")
	http.Redirect(w, r, "/register/"+strconv.FormatInt(id, 10)+"#history", http.StatusSeeOther)
}

// readStatus reads the form; the organisation merged into is named by its
// registration code, as people know it.
func (h *Handler) readStatus(r *http.Request, id int64, values map[string]string) (coop.Status, apperr.FieldErrors) {
	fe := apperr.FieldErrors{}
	s := coop.Status{OrganisationID: id, Kind: coop.StatusKind(values["kind"]), Document: values["document"], Note: values["note"]}
	if on, ok := parseFormDate(values["on"]); !ok {
		fe.Add("on", "error.field.date")
	} else if on == nil {
		fe.Add("on", "error.field.required")
	} else {
		s.On = *on
	}
	if until, ok := parseFormDate(values["until"]); ok {
		s.Until = until
	} else {
		fe.Add("until", "error.field.date")
	}
	if code := values["merged_into"]; code != "" {
		o, err := h.store.OrganisationByCode(r.Context(), code)
		if err != nil {
			fe.Add("merged_into", "error.field.organisation_unknown")
		} else {
			s.MergedInto = &o.ID
		}
	}
	if len(fe) == 0 {
		// The domain's own checks, all at once with the form's.
		if err := s.Validate(); err != nil {
			for f, k := range apperr.As(err).Fields {
				fe.Add(f, k)
			}
		}
	}
	return s, fe
}
