// Package web serves hoptac's HTML pages: server-rendered templates that
// work without JavaScript, enhanced by htmx where it helps.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"github.com/hoptac/hoptac/internal/indicator"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/lru"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Handler serves the HTML pages. Its methods are the handlers that
// routes.go mounts.
type Handler struct {
	store    *store.DB
	sessions *scs.SessionManager
	i18n     *i18n.Bundle
	log      *slog.Logger
	now      func() time.Time
	// indicators gives the figures targets are evaluated with; set by
	// NewTargetPages, nil on a handler without targets.
	indicators indicator.Source
	pages      map[string]*template.Template
	// Rendered content of pages that read the same for everyone, keyed by
	// the version of their data (fragment.go).
	fragments *lru.Cache[fragment]
	// Rendered rows of task tables, keyed by what they show (task_row.go).
	rows *lru.Cache[template.HTML]
	// Failed logins per account and address, per address and per account:
	// guessing passwords gets slow long before it gets anywhere.
	throttle *auth.LoginThrottle
	// Plans read at once (import_limit.go).
	imports *importLimit
	// The embedded static files and their fingerprints (static.go).
	assets assets
	// getenv reads the HOPTAC_SMTP_* overrides the mail settings page
	// names; tests replace it.
	getenv func(string) string
}

// New parses the embedded templates once, at start.
func New(db *store.DB, sessions *scs.SessionManager, bundle *i18n.Bundle, log *slog.Logger, now func() time.Time) (*Handler, error) {
	h := &Handler{store: db, sessions: sessions, i18n: bundle, log: log, now: now, pages: map[string]*template.Template{},
		fragments: lru.New[fragment](fragmentCacheBytes),
		rows:      newRowCache(),
		throttle:  auth.NewLoginThrottle(now),
		imports:   newImportLimit(ImportSlots(), ImportWait),
		getenv:    os.Getenv}
	var err error
	if h.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "templates/")
		if base == "layout.html" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs()).Funcs(template.FuncMap{"asset": h.assets.url}).ParseFS(templateFiles,
			"templates/layout.html", "templates/_*.html", name)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", base, err)
		}
		h.pages[strings.TrimSuffix(base, ".html")] = t
	}
	return h, nil
}

// view is what every template receives.
type view struct {
	L      i18n.Localizer
	User   *auth.User
	Title  string
	Path   string
	Here   string // where to come back to after switching language
	Flash  string
	Errors map[string]string // field -> message, translated
	Form   map[string]string // submitted values, to refill a form
	Data   any
	Today  time.Time
	Body   template.HTML // the content block, when already rendered
	// Unread counts the reader's unread notifications, for the header.
	Unread int
}

func (h *Handler) view(r *http.Request, title string, data any) *view {
	l := h.i18n.For(i18n.Pick(r))
	v := &view{L: l, User: auth.UserFrom(r.Context()), Path: r.URL.Path, Here: here(r), Data: data, Today: plan.Today(h.now())}
	v.Title = l.T(title)
	if auth.CanReadNotifications(v.User) {
		// One count over the partial index of unread rows per page; a
		// failure costs the badge, never the page.
		n, err := h.store.UnreadNotifications(r.Context(), v.User.ID)
		if err != nil {
			h.log.WarnContext(r.Context(), "unread notifications", "err", err)
		}
		v.Unread = n
	}
	if h.sessions != nil {
		if msg := h.sessions.PopString(r.Context(), "flash"); msg != "" {
			v.Flash = l.T(msg)
		}
	}
	return v
}

// PagerOf names a list's pager in the reader's language.
func (v *view) PagerOf(p pager) pager {
	p.Label = v.L.T("nav.pager")
	return p
}

// here is the page to return to after switching language: this address
// with its query for a GET, and for a form sent back with an error the page
// the form was on (its POST address has no page of its own).
func here(r *http.Request) string {
	if r.Method == http.MethodGet {
		return r.URL.RequestURI()
	}
	if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host {
		return safeNext(ref.RequestURI())
	}
	return "/"
}

// render writes a page; it renders into a buffer first so a template error
// becomes a clean 500 page instead of half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, v *view) {
	buf, err := h.execute(page, "layout.html", v)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w) // the status is sent; a gone client has nobody to tell
}

// execute runs one template of a page (the whole layout, or only its
// content block) into a buffer.
func (h *Handler) execute(page, name string, v *view) (*bytes.Buffer, error) {
	t, ok := h.pages[page]
	if !ok {
		return nil, fmt.Errorf("web: no template %q", page)
	}
	var buf bytes.Buffer
	// A page around a rendered body is a little longer than the body:
	// growing once spares the copies of doubling a 100 KB task table.
	buf.Grow(len(v.Body) + 8<<10)
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", page, err)
	}
	return &buf, nil
}

// Error renders the page for a domain error: the status comes from
// apperr.HTTPStatus, the text from the translations, details go to the log.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	e, status := apperr.LogRequest(h.log, r, err)
	if e.Code == apperr.Unauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+urlEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	v := h.view(r, "error.title", nil)
	v.Flash = v.L.T(e.Key)
	h.render(w, r, status, "error", v)
}

func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	h.log.ErrorContext(r.Context(), "server error", "path", r.URL.Path, "err", err)
	l := h.i18n.For(i18n.Pick(r))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(w, "<!doctype html><html lang=%q><meta charset=utf-8><title>%s</title><h1>%s</h1><p><a href=\"/\">%s</a></p></html>",
		l.Lang, template.HTMLEscapeString(l.T("error.title")), template.HTMLEscapeString(l.T("error.internal")),
		template.HTMLEscapeString(l.T("nav.home")))
}

// NotFound renders the 404 page for unknown routes.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) {
	h.Error(w, r, apperr.New(apperr.NotFound, "error.page_not_found"))
}

// Panic renders the 500 page after a recovered panic.
func (h *Handler) Panic(w http.ResponseWriter, r *http.Request, err error) { h.serverError(w, r, err) }

// formErrors translates a validation error's fields for a form.
func formErrors(l i18n.Localizer, err error) map[string]string {
	out := map[string]string{}
	for f, key := range apperr.As(err).Fields {
		out[f] = l.T(key)
	}
	return out
}

// readerAndID starts every …/{id} page: the reader must be logged in and
// {id} must be a record number. It renders the error itself.
func (h *Handler) readerAndID(w http.ResponseWriter, r *http.Request) (*auth.User, int64, bool) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return nil, 0, false
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.Error(w, r, err)
		return nil, 0, false
	}
	return u, id, true
}

// pathID reads a numeric path value such as {id}.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "error.page_not_found")
	}
	return id, nil
}

// optionalPathID is pathID for a form that both creates (no {name} in
// the path: 0) and edits.
func optionalPathID(r *http.Request, name string) (int64, error) {
	if r.PathValue(name) == "" {
		return 0, nil
	}
	return pathID(r, name)
}

// queryInt reads an optional positive integer query parameter.
func queryInt(r *http.Request, name string) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// requireUser returns the logged-in user or an Unauthorized error.
func requireUser(r *http.Request) (*auth.User, error) {
	u := auth.UserFrom(r.Context())
	if !auth.CanRead(u) {
		return nil, apperr.New(apperr.Unauthorized, "error.login_required")
	}
	return u, nil
}

// requireAllowed is requireUser for a page that only the policy rule may
// open: anonymous visitors are sent to log in, others are refused.
func requireAllowed(r *http.Request, may func(*auth.User) bool) (*auth.User, error) {
	u, err := requireUser(r)
	if err == nil && !may(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	return u, err
}

// allowedOnPlan is requireAllowed for an action on the plan named by the
// path's {id}.
func allowedOnPlan(r *http.Request, may func(*auth.User) bool) (*auth.User, int64, error) {
	u, err := requireAllowed(r, may)
	if err != nil {
		return nil, 0, err
	}
	planID, err := pathID(r, "id")
	return u, planID, err
}
