package web

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Session keys: the logged-in user's ID, and the browser the session began
// in, which the account page lists.
const (
	SessionUserKey  = "user_id"
	SessionAgentKey = "agent"
)

// maxAgentLen bounds the User-Agent kept with a session.
const maxAgentLen = 300

// LoginForm shows the login page.
func (h *Handler) LoginForm(w http.ResponseWriter, r *http.Request) {
	v := h.view(r, "login.title", nil)
	v.Form = map[string]string{"next": safeNext(r.URL.Query().Get("next"))}
	h.render(w, r, http.StatusOK, "login", v)
}

// Login checks the credentials and starts a session.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, uploadError(err))
		return
	}
	email := vntext.Clean(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	account, address := strings.ToLower(email), clientAddress(r)
	if wait, scope := h.throttle.Wait(account, address); wait > 0 {
		// Refused without checking the password: a guess made now
		// would tell the attacker nothing, right or wrong.
		h.log.WarnContext(r.Context(), "login throttled", "email", account, "addr", address, "wait", wait)
		key := "error.login_wait_account"
		if scope == auth.ScopeAddress {
			key = "error.login_wait_address"
		}
		h.loginFailed(w, r, http.StatusTooManyRequests, email, next, key, wait)
		return
	}
	u, err := h.store.Authenticate(r.Context(), email, password)
	if err != nil {
		if apperr.CodeOf(err) != apperr.Unauthorized {
			h.Error(w, r, err)
			return
		}
		if wait, _ := h.throttle.Failed(account, address); wait > 0 {
			h.loginFailed(w, r, http.StatusUnauthorized, email, next, "error.login_failed_wait", wait)
			return
		}
		h.loginFailed(w, r, http.StatusUnauthorized, email, next, "error.login_failed", 0)
		return
	}
	h.throttle.Succeeded(account, address)
	// A new token on login stops session fixation.
	if err := h.sessions.RenewToken(r.Context()); err != nil {
		h.Error(w, r, err)
		return
	}
	h.sessions.Put(r.Context(), SessionUserKey, u.ID)
	agent := r.UserAgent()
	if len(agent) > maxAgentLen {
		agent = agent[:maxAgentLen]
	}
	h.sessions.Put(r.Context(), SessionAgentKey, strings.ToValidUTF8(agent, ""))
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.LogLogin(r.Context(), &u) }); err != nil {
		h.log.WarnContext(r.Context(), "login audit failed", "err", err)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// loginFailed shows the login form again with the reason beside the
// password field and the e-mail kept. When the next attempt must wait, the
// message says for how long and Retry-After says the same in seconds.
func (h *Handler) loginFailed(w http.ResponseWriter, r *http.Request, status int, email, next, key string, wait time.Duration) {
	v := h.view(r, "login.title", nil)
	v.Form = map[string]string{"email": email, "next": next}
	msg := v.L.T(key)
	if wait > 0 {
		secs := retrySeconds(wait)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		msg = v.L.T(key, waitText(v.L, secs))
	}
	v.Errors = map[string]string{"password": msg}
	h.render(w, r, status, "login", v)
}

// retrySeconds rounds a wait up to whole seconds: a client that comes back
// after that many seconds is never early.
func retrySeconds(wait time.Duration) int {
	return int((wait + time.Second - 1) / time.Second)
}

// waitText reads a wait of secs seconds in the reader's language:
// "45 giây", "2 phút", "14 phút 5 giây".
func waitText(l i18n.Localizer, secs int) string {
	switch {
	case secs < 60:
		return l.T("login.wait_seconds", secs)
	case secs%60 == 0:
		return l.T("login.wait_minutes", secs/60)
	default:
		return l.T("login.wait_minutes_seconds", secs/60, secs%60)
	}
}

// clientAddress is the peer's IP, or for IPv6 its /64 network: one
// machine is given a whole /64 and could take a new address for every
// guess. hoptac does not trust X-Forwarded-For: a client could set it to
// dodge the per-address limits.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	addr = addr.Unmap()
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// Logout ends the session.
func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Destroy(r.Context()); err != nil {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// Home sends visitors to their most useful page.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		h.NotFound(w, r)
		return
	}
	u := auth.UserFrom(r.Context())
	switch {
	case u == nil:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case auth.StartsAtOwnAgency(u):
		http.Redirect(w, r, "/my", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
	}
}

// SetLanguage remembers the chosen language in a cookie.
func (h *Handler) SetLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if lang != "vi" && lang != "en" {
		lang = "vi"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// safeNext keeps redirects on this site: only a local path is followed.
// Browsers drop tabs and newlines and read "\\" as "/", so any of those
// could turn "/x" into "//evil.example"; such values are refused whole.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\t\r\n\x00") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}
