package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// accountOrg is the organisation field of the account form: the
// registration code of the organisation a cooperative representative acts
// for, as typed, and the organisation it names.
type accountOrg struct {
	Code string
	ID   *int64
	Name string
}

// readAccountOrg reads the organisation field: empty unlinks, a code must
// name an organisation of the register. A code on an account of another
// role is refused by the store, beside the field.
func (h *Handler) readAccountOrg(r *http.Request) (accountOrg, error) {
	a := accountOrg{Code: strings.TrimSpace(r.PostFormValue("organisation"))}
	if a.Code == "" {
		return a, nil
	}
	o, err := h.store.OrganisationByCode(r.Context(), a.Code)
	if apperr.CodeOf(err) == apperr.NotFound {
		return a, apperr.FieldErrors{"organisation": "error.field.organisation_unknown"}.Err()
	}
	if err != nil {
		return a, err
	}
	a.ID, a.Name = &o.ID, o.Name
	return a, nil
}

// accountOrgOf is the organisation account u is linked to, for the form.
func (h *Handler) accountOrgOf(ctx context.Context, u auth.User) (accountOrg, error) {
	if u.OrganisationID == nil {
		return accountOrg{}, nil
	}
	o, err := h.store.Organisation(ctx, *u.OrganisationID)
	if err != nil {
		return accountOrg{}, err
	}
	return accountOrg{Code: o.Code, ID: &o.ID, Name: o.Name}, nil
}
