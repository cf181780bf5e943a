// Package browsertest drives hoptac in a real Chromium, the way its users
// do: through the login form, links, filters, forms and file inputs, with
// JavaScript (htmx) on or off.
//
// A test starts the application over a fresh test database with the demo
// data and a fixed clock (NewApp), starts a browser (NewBrowser), and opens
// one Session per user. Every page a Session reaches is checked (Check): no
// console error or uncaught exception, no failed request and no HTTP error
// the step did not expect, a label on every form control, and the page's
// lang attribute. A failing step saves a full-page screenshot and the
// page's HTML (see ArtifactDir) and names both files in the test log.
//
// A new page is covered with a few lines:
//
//	app, b := browsertest.NewApp(t), browsertest.NewBrowser(t)
//	s := b.NewSession(t, app.URL)
//	s.Login(browsertest.CoordinatorEmail, app.Password(browsertest.CoordinatorEmail))
//	p := s.Visit("/coops")
//	p = s.FillAndSubmit(`form[action="/coops"]`, map[string]string{"name": "HTX Nông nghiệp Nam Đàn"})
//	p.MustContain(".flash", s.T("coop.saved"))
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// Demo accounts, as demo.Load creates them. App.Password gives each one's
// one-time password.
const (
	AdminEmail        = apptest.AdminEmail
	CoordinatorEmail  = apptest.CoordinatorEmail  // Sở Tài chính, the coordinating department
	OfficerEmail      = apptest.OfficerEmail      // agency officer of Sở Tài chính
	OtherOfficerEmail = apptest.OtherOfficerEmail // agency officer of Sở Nông nghiệp và Môi trường
	ViewerEmail       = apptest.ViewerEmail       // provincial leader, read only
)

// Environment variables the harness reads.
const (
	// EnvChromium is the path of the browser to run. Without it the
	// harness uses /usr/bin/chromium, or chromium on the PATH.
	EnvChromium = "HOPTAC_TEST_CHROMIUM"
	// EnvArtifacts is the directory that receives screenshots and HTML of
	// failing steps, one subdirectory per test.
	EnvArtifacts = "HOPTAC_TEST_ARTIFACTS"
)

// Now is the clock of every browser test: 10:00 on 24 November 2026 in
// Vietnam, as in the server tests.
var Now = apptest.Now

// StepTimeout bounds one browser step: a navigation, a click and the page
// it loads, a wait for text.
var StepTimeout = 15 * time.Second

// App is hoptac running behind httptest over a fresh test database (SQLite,
// or PostgreSQL with HOPTAC_TEST_BACKEND=postgres) holding the demo data.
type App struct {
	URL       string
	DB        *store.DB
	PlanID    int64             // the demo plan
	Passwords map[string]string // e-mail -> one-time password
	app       *apptest.App
}

// AppOption changes how NewApp sets up the application.
type AppOption = apptest.Option

// WithOneTimePasswords keeps the demo accounts' passwords one-time, as a
// fresh demo has them: the first login must choose a new one. Without it
// the demo accounts start as if that were done, so tests of other pages
// log in straight away.
func WithOneTimePasswords() AppOption { return apptest.WithOneTimePasswords() }

// NewApp starts the application for the test (see apptest.Start); it stops
// when the test ends. The server logs warnings and errors into the test log.
func NewApp(t testing.TB, opts ...AppOption) *App {
	t.Helper()
	app := apptest.Start(t, hoptac, append([]AppOption{apptest.WithLog(apptest.TestLog(t))}, opts...)...)
	return &App{URL: app.URL, DB: app.DB, PlanID: app.PlanID, Passwords: app.Passwords, app: app}
}

func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return server.New(db, server.Config{Now: c.Now, Log: c.Log})
}

// Password returns the one-time password of a demo account.
func (a *App) Password(email string) string {
	a.app.T.Helper()
	return a.app.Password(email)
}

// ChromiumPath finds the browser: $HOPTAC_TEST_CHROMIUM, else
// /usr/bin/chromium, else chromium, chromium-browser or google-chrome on
// the PATH.
func ChromiumPath() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		if err := executable(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvChromium, p, err)
		}
		return p, nil
	}
	if executable("/usr/bin/chromium") == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: set %s to the browser's path (Debian: apt-get install chromium)", EnvChromium)
}

func executable(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return errors.New("not an executable file")
	}
	return nil
}

// Browser is one headless Chromium. Sessions are tabs in separate browser
// contexts, so they share no cookies.
type Browser struct {
	Path string
	ctx  context.Context
}

// NewBrowser starts Chromium for the test and stops it when the test ends.
// Without a browser the test is skipped, saying why, or fails under CI=true
// (apptest.Need).
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	path, err := ChromiumPath()
	if err != nil {
		apptest.Need(t, "browser tests need Chromium: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // the tests may run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); acancel() })
	// The first run binds the browser's life to its context: it must have
	// no timeout. Steps derive their timeouts from it later.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		apptest.Need(t, "browser tests need a Chromium that starts: %s: %v", path, err)
	}
	return &Browser{Path: path, ctx: ctx}
}

// Option changes a new Session.
type Option func(*Session)

// WithoutJavaScript turns script execution off in the session's tab, as
// for a reader whose browser blocks scripts: pages must work without htmx.
func WithoutJavaScript() Option { return func(s *Session) { s.JS = false } }

// WithArtifactDir saves the artifacts of failing steps into dir instead of
// ArtifactDir(t.Name()).
func WithArtifactDir(dir string) Option { return func(s *Session) { s.ArtifactDir = dir } }

// Session is one user in one browser tab with its own cookies. Its methods
// fail the test (saving a screenshot and the HTML) when a step fails.
//
// Selectors are CSS, or XPath when they start with "/" or "(".
type Session struct {
	JS          bool   // scripts run in the tab
	Lang        string // the lang every page must declare: "vi", or "en" after SwitchLanguage
	ArtifactDir string // where failing steps leave their screenshot and HTML
	Base        string // the application's URL

	t     testing.TB
	ctx   context.Context
	step  int
	label string

	mu          sync.Mutex
	problems    []string
	urls        map[network.RequestID]string
	expected    map[int64]bool             // HTTP error statuses the current step expects
	allowed     map[network.RequestID]bool // requests that answered an expected status
	downloading bool
}

// NewSession opens a tab, in a new browser context, on the application at
// base. It closes when the test ends.
func (b *Browser) NewSession(t testing.TB, base string, opts ...Option) *Session {
	t.Helper()
	s := &Session{JS: true, Lang: "vi", ArtifactDir: ArtifactDir(t.Name()), Base: strings.TrimSuffix(base, "/"),
		t: t, urls: map[network.RequestID]string{}, allowed: map[network.RequestID]bool{}}
	for _, o := range opts {
		o(s)
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// As for the browser: the tab's first run has no timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	s.ctx = ctx
	if err := chromedp.Listen(ctx, s.record); err != nil {
		t.Fatalf("listen to the tab: %v", err)
	}
	if !s.JS {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("turn JavaScript off: %v", err)
		}
	}
	return s
}

// Page is the page a navigation reached: its document's HTTP status and
// URL. The Session's methods act on it.
type Page struct {
	*Session
	Status int
	URL    string
}

// Path is the page's path and query, e.g. "/plans/1?status=overdue".
func (p *Page) Path() string {
	u, err := url.Parse(p.URL)
	if err != nil {
		return p.URL
	}
	return u.RequestURI()
}

// Check runs the page checks again, e.g. after htmx changed the page.
func (p *Page) Check() *Page {
	p.t.Helper()
	p.Session.Check()
	return p
}
