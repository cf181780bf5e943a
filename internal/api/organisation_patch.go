package api

import (
	"encoding/json"
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// contactFields are what an organisation's own representative may change:
// its contact details and its managers.
var contactFields = map[string]bool{"phone": true, "email": true, "website": true, "people": true}

// readOnlyFields are never written through PATCH: the record's number and
// time.
var readOnlyFields = map[string]bool{"id": true, "updated_at": true}

// PatchOrganisation changes the fields the body names (a JSON merge patch;
// "people" replaces the managers). The register's keepers change any
// field; a representative only its own organisation's contact details and
// managers. Nothing is written unless every field is allowed and valid.
func (h *Handler) PatchOrganisation(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	u := auth.UserFrom(r.Context())
	if !auth.CanEditOrganisationContact(u, id) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	var patch map[string]json.RawMessage
	if err := decodeBody(w, r, &patch); err != nil {
		h.Error(w, r, err)
		return
	}
	known := map[string]bool{"people": true}
	template, err := json.Marshal(coop.Organisation{})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(template, &fields); err != nil {
		h.Error(w, r, err)
		return
	}
	for k := range fields {
		known[k] = true
	}
	full := auth.CanManageRegister(u)
	for k := range patch {
		switch {
		case !known[k]:
			h.Error(w, r, apperr.New(apperr.Invalid, "error.bad_json"))
			return
		case readOnlyFields[k]:
			h.Error(w, r, apperr.New(apperr.Invalid, "error.bad_json"))
			return
		case k == "status": // it changes through the status history
			h.Error(w, r, apperr.FieldErrors{k: "error.organisation_status_readonly"}.Err())
			return
		case !full && !contactFields[k]:
			h.Error(w, r, apperr.New(apperr.Forbidden, "error.organisation_fields_forbidden"))
			return
		}
	}
	err = h.store.Update(r.Context(), func(tx *store.Tx) error {
		cur, err := tx.OrganisationForUpdate(r.Context(), id)
		if err != nil {
			return err
		}
		if people, ok := patch["people"]; ok {
			var list []coop.Person
			if err := json.Unmarshal(people, &list); err != nil {
				return apperr.Wrap(apperr.Invalid, "error.bad_json", err)
			}
			if _, err := tx.SetPeople(r.Context(), id, list); err != nil {
				return err
			}
			delete(patch, "people")
		}
		if len(patch) == 0 {
			return nil
		}
		b, err := json.Marshal(cur)
		if err != nil {
			return err
		}
		var merged map[string]json.RawMessage
		if err := json.Unmarshal(b, &merged); err != nil {
			return err
		}
		for k, v := range patch {
			merged[k] = v
		}
		if b, err = json.Marshal(merged); err != nil {
			return err
		}
		next := coop.Organisation{}
		if err := json.Unmarshal(b, &next); err != nil {
			return apperr.Wrap(apperr.Invalid, "error.bad_json", err)
		}
		next.ID = id
		return tx.UpdateOrganisation(r.Context(), &next)
	})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.writeDetail(w, r, id)
}
