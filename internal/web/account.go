package web

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// PasswordPath is where a user chooses their own password; a browser whose
// user still holds a one-time password is sent here from every other page.
const PasswordPath = "/account/password"

// tokenLifetimes are the expiries the token form offers ("" = none).
var tokenLifetimes = []string{"30d", "90d", "365d", ""}

type sessionRow struct {
	store.Session
	Current bool
}

type accountPage struct {
	Sessions  []sessionRow
	Tokens    []auth.Token
	NewToken  string // the secret of a token just made, shown this once
	Lifetimes []string
	Now       time.Time
}

// AccountPage shows the user's own account: the password link, their
// active sessions and their API tokens.
func (h *Handler) AccountPage(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.accountPage(w, r, u, http.StatusOK, nil, "")
}

func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request, u *auth.User, status int, formErr error, secret string) {
	ctx := r.Context()
	sessions, err := h.store.UserSessions(ctx, u.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	tokens, err := h.store.Tokens(ctx, u.ID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	current := store.SessionID(h.sessions.Token(ctx))
	d := accountPage{Tokens: tokens, NewToken: secret, Lifetimes: tokenLifetimes, Now: h.now()}
	for _, s := range sessions {
		d.Sessions = append(d.Sessions, sessionRow{Session: s, Current: s.ID == current})
	}
	v := h.view(r, "account.title", d)
	v.Form = map[string]string{"expires": "90d"}
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
		v.Form = map[string]string{"name": r.PostFormValue("name"), "expires": r.PostFormValue("expires")}
	}
	h.render(w, r, status, "account", v)
}

// PasswordForm shows the form to choose a new password; for a one-time
// password it says why the user is here.
func (h *Handler) PasswordForm(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "password", h.view(r, "password.title", passwordPage{First: auth.MustChangePassword(u)}))
}

type passwordPage struct{ First bool }

// ChangePassword replaces the user's password after checking the current
// one. Wrong current passwords count against the login throttle: the form
// must not be a way around it.
func (h *Handler) ChangePassword(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	account, address := u.Email, clientAddress(r)
	current, next := r.PostFormValue("current"), r.PostFormValue("new")
	if wait, _ := h.throttle.Wait(account, address); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retrySeconds(wait)))
		err = apperr.FieldErrors{"current": "error.password_wait"}.Err()
	} else if next != r.PostFormValue("confirm") {
		err = apperr.FieldErrors{"confirm": "error.field.password_mismatch"}.Err()
	} else {
		err = h.store.ChangeOwnPassword(r.Context(), u.ID, current, next)
		if apperr.As(err).Fields["current"] != "" {
			h.throttle.Failed(account, address)
		}
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		v := h.view(r, "password.title", passwordPage{First: auth.MustChangePassword(u)})
		v.Errors = formErrors(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "password", v)
		return
	}
	h.throttle.Succeeded(account, address)
	// A new session token now that the session's rights have changed.
	if err := h.sessions.RenewToken(r.Context()); err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "password.changed")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// EndSession ends one of the user's own sessions; ending the current one
// logs out.
func (h *Handler) EndSession(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	if b, err := hex.DecodeString(id); err != nil || len(b) != 32 {
		h.NotFound(w, r)
		return
	}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.EndSession(r.Context(), u.ID, id) }); err != nil {
		h.Error(w, r, err)
		return
	}
	if id == store.SessionID(h.sessions.Token(r.Context())) {
		h.Logout(w, r)
		return
	}
	h.sessions.Put(r.Context(), "flash", "account.session_ended")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// EndAllSessions is "log out everywhere": every session of the user ends,
// this one too.
func (h *Handler) EndAllSessions(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		_, err := tx.EndSessions(r.Context(), u.ID)
		return err
	}); err != nil {
		h.Error(w, r, err)
		return
	}
	h.Logout(w, r)
}

// CreateToken makes a personal API token and shows its secret once.
func (h *Handler) CreateToken(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	name, err := auth.CleanTokenName(r.PostFormValue("name"))
	var expires *time.Time
	if err == nil {
		expires, err = auth.ParseTokenExpiry(r.PostFormValue("expires"), h.now())
	}
	var secret string
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) (err error) {
			_, secret, err = tx.CreateNamedToken(r.Context(), u.ID, name, expires)
			return err
		})
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		h.accountPage(w, r, u, http.StatusUnprocessableEntity, err, "")
		return
	}
	h.accountPage(w, r, u, http.StatusOK, nil, secret)
}

// RevokeToken revokes a token: its owner's, or anyone's for an
// administrator. It stops working at once, on every server.
func (h *Handler) RevokeToken(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	tok, err := h.store.RevokeTokenFor(r.Context(), u, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "token.revoked")
	back := "/account"
	if tok.UserID != u.ID {
		back = "/accounts/" + strconv.FormatInt(tok.UserID, 10)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
