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

// The administrator's account pages: list, create, change role or agency,
// disable and re-enable, reset a password. Nothing deletes an account.

type accountsPage struct {
	Accounts []auth.User
	Agencies map[int64]string
}

type accountForm struct {
	Account  auth.User
	Roles    []auth.RoleOption
	Agencies []org.Agency
	Tokens   []auth.Token
	Self     bool // the administrator's own account: it cannot be disabled here
	Now      time.Time
	Org      accountOrg // the organisation a coop representative acts for
}

type oneTimePage struct {
	Account  auth.User
	Password string
	Created  bool // a new account, rather than a reset
}

// manager returns the acting administrator, or renders the refusal.
func (h *Handler) manager(w http.ResponseWriter, r *http.Request) (*auth.User, bool) {
	u := auth.UserFrom(r.Context())
	if !auth.CanManageUsers(u) {
		h.Error(w, r, forbiddenOrLogin(r))
		return nil, false
	}
	return u, true
}

// managerAndAccount starts every /accounts/{id} handler.
func (h *Handler) managerAndAccount(w http.ResponseWriter, r *http.Request) (*auth.User, auth.User, bool) {
	u, ok := h.manager(w, r)
	if !ok {
		return nil, auth.User{}, false
	}
	id, err := pathID(r, "id")
	if err == nil {
		var acc auth.User
		if acc, err = h.store.User(r.Context(), id); err == nil {
			return u, acc, true
		}
	}
	h.Error(w, r, err)
	return nil, auth.User{}, false
}

// Accounts lists every account, the disabled ones last.
func (h *Handler) Accounts(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.manager(w, r); !ok {
		return
	}
	users, err := h.store.Users(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	agencies, _, err := h.store.Agencies(r.Context(), store.AgencyFilter{PerPage: store.MaxPerPage})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, a := range agencies {
		names[a.ID] = a.Name
	}
	h.render(w, r, http.StatusOK, "accounts", h.view(r, "accounts.title", accountsPage{Accounts: users, Agencies: names}))
}

// NewAccount shows an empty account form.
func (h *Handler) NewAccount(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.manager(w, r); !ok {
		return
	}
	h.accountForm(w, r, auth.User{Role: auth.Roles()[len(auth.Roles())-1]}, http.StatusOK, nil)
}

// EditAccount shows an account with what an administrator may do to it.
func (h *Handler) EditAccount(w http.ResponseWriter, r *http.Request) {
	if _, acc, ok := h.managerAndAccount(w, r); ok {
		h.accountForm(w, r, acc, http.StatusOK, nil)
	}
}

// readAccount reads the role, agency and name of the account form.
func readAccount(r *http.Request, u *auth.User) error {
	u.Name = r.PostFormValue("name")
	u.Role = auth.Role(r.PostFormValue("role"))
	u.AgencyID = nil
	if s := strings.TrimSpace(r.PostFormValue("agency")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return apperr.FieldErrors{"agency": "error.field.agency_missing"}.Err()
		}
		u.AgencyID = &id
	}
	return nil
}

// CreateAccount makes an account with a one-time password and shows the
// password once; its holder must choose their own at the first login.
func (h *Handler) CreateAccount(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.manager(w, r); !ok {
		return
	}
	u := auth.User{Email: r.PostFormValue("email"), MustChangePassword: true}
	err := readAccount(r, &u)
	password := store.OneTimePassword()
	if err == nil && u.AgencyID != nil {
		if _, aerr := h.store.Agency(r.Context(), *u.AgencyID); aerr != nil {
			err = apperr.FieldErrors{"agency": "error.field.agency_missing"}.Err()
		}
	}
	var org accountOrg
	if err == nil {
		org, err = h.readAccountOrg(r)
	}
	if err == nil {
		// The account and its link in one transaction: a refused link
		// leaves no account behind.
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			if err := tx.CreateUser(r.Context(), &u, password); err != nil {
				return err
			}
			return tx.SetUserOrganisation(r.Context(), u.ID, org.ID)
		})
	}
	if err != nil {
		u.ID = 0 // the transaction rolled back
		h.accountRefused(w, r, u, org, err)
		return
	}
	h.render(w, r, http.StatusOK, "onetime", h.view(r, "account.created", oneTimePage{Account: u, Password: password, Created: true}))
}

// SaveAccount changes an account's name, role and agency.
func (h *Handler) SaveAccount(w http.ResponseWriter, r *http.Request) {
	_, acc, ok := h.managerAndAccount(w, r)
	if !ok {
		return
	}
	err := readAccount(r, &acc)
	var org accountOrg
	if err == nil {
		org, err = h.readAccountOrg(r)
	}
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			if _, err := tx.UpdateAccount(r.Context(), acc.ID, acc.Name, acc.Role, acc.AgencyID); err != nil {
				return err
			}
			// After the role: a representative made a viewer is unlinked
			// by emptying the field in the same save.
			return tx.SetUserOrganisation(r.Context(), acc.ID, org.ID)
		})
	}
	if err != nil {
		h.accountRefused(w, r, acc, org, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "account.saved")
	http.Redirect(w, r, "/accounts/"+strconv.FormatInt(acc.ID, 10), http.StatusSeeOther)
}

// accountRefused answers a create or save that failed: the form again with
// the message beside each wrong field and what was typed kept, or the
// error page for anything else.
func (h *Handler) accountRefused(w http.ResponseWriter, r *http.Request, acc auth.User, org accountOrg, err error) {
	if apperr.CodeOf(err) != apperr.Validation {
		h.Error(w, r, err)
		return
	}
	h.accountFormWith(w, r, acc, &org, http.StatusUnprocessableEntity, err)
}

// DisableAccount disables an account: its sessions and tokens stop
// working at once; its history stays.
func (h *Handler) DisableAccount(w http.ResponseWriter, r *http.Request) { h.setDisabled(w, r, true) }

// EnableAccount re-enables a disabled account.
func (h *Handler) EnableAccount(w http.ResponseWriter, r *http.Request) { h.setDisabled(w, r, false) }

func (h *Handler) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	_, acc, ok := h.managerAndAccount(w, r)
	if !ok {
		return
	}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.SetDisabled(r.Context(), acc.ID, disabled) }); err != nil {
		h.Error(w, r, err)
		return
	}
	flash := "account.enabled"
	if disabled {
		flash = "account.disabled"
	}
	h.sessions.Put(r.Context(), "flash", flash)
	http.Redirect(w, r, "/accounts/"+strconv.FormatInt(acc.ID, 10), http.StatusSeeOther)
}

// ResetPassword gives an account a new one-time password, shown once.
func (h *Handler) ResetPassword(w http.ResponseWriter, r *http.Request) {
	_, acc, ok := h.managerAndAccount(w, r)
	if !ok {
		return
	}
	var password string
	if err := h.store.Update(r.Context(), func(tx *store.Tx) (err error) {
		password, err = tx.IssueOneTimePassword(r.Context(), acc.ID)
		return err
	}); err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "onetime", h.view(r, "account.reset_done", oneTimePage{Account: acc, Password: password}))
}

func (h *Handler) accountForm(w http.ResponseWriter, r *http.Request, acc auth.User, status int, formErr error) {
	h.accountFormWith(w, r, acc, nil, status, formErr)
}

// accountFormWith is the account form; org is what was typed in the
// organisation field, or nil for the account's stored link.
func (h *Handler) accountFormWith(w http.ResponseWriter, r *http.Request, acc auth.User, org *accountOrg, status int, formErr error) {
	agencies, _, err := h.store.Agencies(r.Context(), store.AgencyFilter{PerPage: store.MaxPerPage})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	d := accountForm{Account: acc, Agencies: agencies, Self: acc.ID == auth.UserFrom(r.Context()).ID, Now: h.now()}
	if org != nil {
		d.Org = *org
	} else if d.Org, err = h.accountOrgOf(r.Context(), acc); err != nil {
		h.Error(w, r, err)
		return
	}
	d.Roles = auth.RoleOptions(acc.Role)
	if acc.ID != 0 {
		if d.Tokens, err = h.store.Tokens(r.Context(), acc.ID); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	title := "account.new"
	if acc.ID != 0 {
		title = "account.edit"
	}
	v := h.view(r, title, d)
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	h.render(w, r, status, "account_form", v)
}
