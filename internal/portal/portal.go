// Package portal serves the public portal at /cong-khai: published plans
// with their tasks' progress and targets, register statistics, the
// directory of organisations and the open data downloads, for visitors
// without an account.
//
// It is a package of its own, beside web rather than inside it, so that
// nothing of a session can reach a public page: its views carry no user,
// its layout has no menu of the logged-in pages, and every store query it
// makes is one of the portal's own (store/portal*.go), which read only
// published plans and public fields. Every answer is the same for every
// visitor in one language, so answers are cached whole and revalidated
// with ETag and Last-Modified (cache.go).
package portal

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/lru"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Prefix is where the portal lives.
const Prefix = "/cong-khai"

// cacheBytes bounds the answers kept in memory.
const cacheBytes = 32 << 20

// Handler serves the portal's pages and downloads.
type Handler struct {
	store *store.DB
	i18n  *i18n.Bundle
	log   *slog.Logger
	now   func() time.Time
	pages map[string]*template.Template
	cache *lru.Cache[answer]
	// The register's counts by register version (data.go); a few entries.
	counts *lru.Cache[[]store.RegisterCount]
	// The register's totals by province and form, for the home page
	// alone, under the register version too.
	provinces *lru.Cache[[]store.ProvinceCount]
	// units holds the communes' places under the units' revision
	// (store.PortalVersion.Units), which register writes do not move.
	units *lru.Cache[*store.PortalPlaces]
	// versions reads the portal's version on every request through a
	// prepared statement; nil reads it unprepared.
	versions *store.PortalVersions
	// targetStatus, when set, gives the status of each target of a plan
	// by its ID ("achieved", "on_track", "at_risk", "missed", "no_data"),
	// for the plan page and the targets download. It is the hook for the
	// targets' computation (issue 19, targets): until it is wired, the
	// portal shows targets as written, without a status.
	targetStatus func(r *http.Request, p plan.Plan) (map[int64]string, error)
}

// New parses the portal's templates. asset names the fingerprinted URL of
// a static file (the style sheet is the application's).
func New(db *store.DB, bundle *i18n.Bundle, log *slog.Logger, now func() time.Time,
	asset func(string) (string, error)) (*Handler, error) {
	h := &Handler{store: db, i18n: bundle, log: log, now: now, pages: map[string]*template.Template{},
		cache: lru.New[answer](cacheBytes), counts: lru.New[[]store.RegisterCount](4),
		provinces: lru.New[[]store.ProvinceCount](4), units: lru.New[*store.PortalPlaces](2)}
	if v, err := db.PreparePortalVersions(context.Background()); err == nil {
		h.versions = v
	} else if log != nil {
		// The portal still answers, at the cost of parsing the query on
		// every request.
		log.Warn("portal: version statement not prepared", "err", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "templates/")
		if base == "layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs(asset)).ParseFS(templateFiles, "templates/layout.html", name)
		if err != nil {
			return nil, fmt.Errorf("portal: parse %s: %w", base, err)
		}
		h.pages[strings.TrimSuffix(base, ".html")] = t
	}
	return h, nil
}

// DisableCache makes every answer computed afresh; the differential tests
// compare a handler with its cache against one without.
func (h *Handler) DisableCache() { h.cache, h.counts, h.provinces, h.units = nil, nil, nil, nil }

func funcs(asset func(string) (string, error)) template.FuncMap {
	return template.FuncMap{
		"asset": asset,
		"num":   func(n int) string { return vntext.FormatInt(int64(n)) },
		"date": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.Format("02/01/2006")
		},
		"pct": func(n, of int) int {
			if of == 0 {
				return 0
			}
			return n * 100 / of
		},
		"add": func(a, b int) int { return a + b },
	}
}

// view is what every portal template receives: no user, by design.
type view struct {
	L     i18n.Localizer
	Title string
	Path  string // the page's address with its query, for the language switch
	Data  any
	// DataDate is the day the data was read, shown on every page.
	DataDate time.Time
}

// renderPage renders a whole page into bytes.
func (h *Handler) renderPage(r *http.Request, page, title string, data any) ([]byte, error) {
	t, ok := h.pages[page]
	if !ok {
		return nil, fmt.Errorf("portal: no template %q", page)
	}
	l := h.i18n.For(i18n.Pick(r))
	v := view{L: l, Title: l.T(title), Path: r.URL.RequestURI(), Data: data, DataDate: plan.Today(h.now())}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return nil, fmt.Errorf("portal: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// fail answers an error with the portal's own page: a visitor is never
// sent to log in from here.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	e, status := apperr.LogRequest(h.log, r, err)
	body, rerr := h.renderPage(r, "error", "error.title", e.Key)
	if rerr != nil {
		h.log.ErrorContext(r.Context(), "portal error page", "err", rerr)
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
