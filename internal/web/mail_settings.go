package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/store"
)

// The administrator's SMTP settings page: the settings, a test message to
// the administrator's own address, and the messages that failed.

// failedShown bounds the failed messages the page lists, newest first.
const failedShown = 50

type mailSettingsPage struct {
	Settings    store.MailSettings // Password always empty: it is never shown back
	PasswordSet bool
	TLSModes    []string
	Failed      []store.OutboxMessage
	Pending     int
	// Overridden names the fields an HOPTAC_SMTP_* variable sets: the
	// value saved here is not the one in use.
	Overridden map[string]bool
}

// mailAdmin returns the acting administrator, or renders the refusal.
func (h *Handler) mailAdmin(w http.ResponseWriter, r *http.Request) (*auth.User, bool) {
	u := auth.UserFrom(r.Context())
	if !auth.CanManageMail(u) {
		h.Error(w, r, forbiddenOrLogin(r))
		return nil, false
	}
	return u, true
}

// MailSettings shows the SMTP settings form.
func (h *Handler) MailSettings(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.mailAdmin(w, r); !ok {
		return
	}
	s, err := h.store.MailSettings(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.mailSettingsForm(w, r, s, s.Password != "", http.StatusOK, nil)
}

// SaveMailSettings stores the form. An empty password field keeps the
// stored password; the "remove password" box clears it.
func (h *Handler) SaveMailSettings(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.mailAdmin(w, r); !ok {
		return
	}
	old, err := h.store.MailSettings(r.Context())
	if err != nil {
		h.Error(w, r, err)
		return
	}
	s := store.MailSettings{Host: r.PostFormValue("host"), TLS: r.PostFormValue("tls"), User: r.PostFormValue("user"),
		From: r.PostFormValue("from"), FromName: r.PostFormValue("from_name"), Password: old.Password}
	fe := apperr.FieldErrors{}
	port, perr := strconv.Atoi(strings.TrimSpace(r.PostFormValue("port")))
	if perr != nil {
		fe.Add("port", "error.field.mail_port")
	}
	s.Port = port
	newPassword, remove := r.PostFormValue("password"), r.PostFormValue("remove_password") != ""
	switch {
	case remove && newPassword != "":
		fe.Add("password", "error.field.mail_password_both")
	case remove:
		s.Password = ""
	case newPassword != "":
		s.Password = newPassword
	}
	err = fe.Err()
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.SaveMailSettings(r.Context(), s) })
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		// Merge the form's own errors with the store's.
		for f, k := range fe {
			apperr.As(err).Fields[f] = k
		}
		h.mailSettingsForm(w, r, s, old.Password != "", http.StatusUnprocessableEntity, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "mail.saved")
	http.Redirect(w, r, "/settings/mail", http.StatusSeeOther)
}

// SendTestMail queues a test message to the administrator's own address;
// the worker sends it, and a failure shows in the page's list.
func (h *Handler) SendTestMail(w http.ResponseWriter, r *http.Request) {
	u, ok := h.mailAdmin(w, r)
	if !ok {
		return
	}
	l := h.view(r, "", nil).L
	err := h.store.Update(r.Context(), func(tx *store.Tx) error {
		_, err := tx.EnqueueMail(r.Context(), store.OutboxMessage{To: u.Email, Kind: "test",
			Subject: l.T("mail.test_subject"), Body: l.T("mail.test_body", u.Name)})
		return err
	})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "mail.test_queued")
	http.Redirect(w, r, "/settings/mail", http.StatusSeeOther)
}

func (h *Handler) mailSettingsForm(w http.ResponseWriter, r *http.Request, s store.MailSettings, passwordSet bool, status int, formErr error) {
	failed, err := h.store.OutboxByState(r.Context(), store.MailFailed, store.Page{PerPage: failedShown})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	pending, err := h.store.OutboxCount(r.Context(), store.MailPending)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	s.Password = ""
	v := h.view(r, "mail.title", mailSettingsPage{Settings: s, PasswordSet: passwordSet, TLSModes: store.TLSModes(),
		Failed: failed, Pending: pending, Overridden: mail.Overridden(h.getenv)})
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	h.render(w, r, status, "mail_settings", v)
}
