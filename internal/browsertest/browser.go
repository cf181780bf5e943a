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
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Demo accounts, as demo.Load creates them. App.Password gives each one's
// one-time password.
const (
	AdminEmail        = "admin@hoptac.local"
	CoordinatorEmail  = "dieuphoi@hoptac.local"   // Sở Tài chính, the coordinating department
	OfficerEmail      = "taichinh@hoptac.local"   // agency officer of Sở Tài chính
	OtherOfficerEmail = "nongnghiep@hoptac.local" // agency officer of Sở Nông nghiệp và Môi trường
	ViewerEmail       = "lanhdao@hoptac.local"    // provincial leader, read only
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
var Now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

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
	t         testing.TB
}

// NewApp starts the application for the test; it stops when the test ends.
// The server logs warnings and errors into the test log.
func NewApp(t testing.TB) *App {
	t.Helper()
	db := storetest.Open(t)
	db.Now = func() time.Time { return Now }
	loaded, err := demo.Load(context.Background(), db)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := server.New(db, server.Config{Now: func() time.Time { return Now }, Log: log})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	a := &App{URL: ts.URL, DB: db, PlanID: loaded.PlanID, Passwords: map[string]string{}, t: t}
	for _, acc := range loaded.Accounts {
		a.Passwords[acc.Email] = acc.Password
	}
	return a
}

// Password returns the one-time password of a demo account.
func (a *App) Password(email string) string {
	a.t.Helper()
	pw, ok := a.Passwords[email]
	if !ok {
		a.t.Fatalf("no demo account %q", email)
	}
	return pw
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log("server: " + strings.TrimSpace(string(p)))
	return len(p), nil
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
// Without a browser the test is skipped, saying why, or fails under CI=true.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	path, err := ChromiumPath()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser tests need Chromium under CI: %v", err)
		}
		t.Skipf("browser tests skipped: %v", err)
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
		if os.Getenv("CI") == "true" {
			t.Fatalf("start %s: %v", path, err)
		}
		t.Skipf("browser tests skipped: %s does not start: %v", path, err)
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

// record sees every event of the tab, in order, on the goroutine that
// reads the browser's messages. It must return fast and run no command.
func (s *Session) record(ev any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		s.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if st := ev.Response.Status; st >= 400 {
			if s.expected[st] {
				s.allowed[ev.RequestID] = true
				return
			}
			s.problems = append(s.problems, fmt.Sprintf("HTTP %d for %s %s", st, ev.Type, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		if s.allowed[ev.RequestID] {
			return
		}
		// A download ends its navigation with an aborted document load.
		if s.downloading && ev.Type == network.ResourceTypeDocument && ev.ErrorText == "net::ERR_ABORTED" {
			return
		}
		s.problems = append(s.problems, fmt.Sprintf("request failed: %s %s: %s (canceled %v, blocked %q)",
			ev.Type, s.urls[ev.RequestID], ev.ErrorText, ev.Canceled, ev.BlockedReason))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			s.problems = append(s.problems, fmt.Sprintf("console.%s: %s", ev.Type, argsText(ev.Args)))
		}
	case *runtime.EventExceptionThrown:
		s.problems = append(s.problems, "uncaught exception: "+exceptionText(ev.ExceptionDetails))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level != cdplog.EntryLevelError || (e.NetworkRequestID != "" && s.allowed[e.NetworkRequestID]) {
			return
		}
		s.problems = append(s.problems, fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL))
	}
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", text, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// Expect lets the next step's requests answer these HTTP error statuses,
// e.g. 422 for a form sent back with a message beside a field. The
// expectation ends at the next Check.
func (s *Session) Expect(statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.expected == nil {
		s.expected = map[int64]bool{}
	}
	for _, st := range statuses {
		s.expected[int64(st)] = true
	}
}

// begin names the step that follows, for messages and artifact files.
func (s *Session) begin(format string, args ...any) {
	s.step++
	s.label = fmt.Sprintf(format, args...)
}

func (s *Session) stepCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, StepTimeout)
}

// Fatalf fails the test at the current step: it saves the artifacts, names
// them in the log and stops the test.
func (s *Session) Fatalf(format string, args ...any) {
	s.t.Helper()
	msg := fmt.Sprintf(format, args...)
	where := s.Location()
	for _, p := range s.SaveArtifacts() {
		s.t.Logf("artifact: %s", p)
	}
	s.t.Fatalf("step %d (%s) at %s: %s", s.step, s.label, where, msg)
}

// ArtifactDir is where a test's failing steps leave their files:
// $HOPTAC_TEST_ARTIFACTS/<test name>, else
// <os.TempDir()>/hoptac-browser-artifacts/<test name>. Subtests get
// subdirectories.
func ArtifactDir(testName string) string {
	base := os.Getenv(EnvArtifacts)
	if base == "" {
		base = filepath.Join(os.TempDir(), "hoptac-browser-artifacts")
	}
	var parts []string
	for _, p := range strings.Split(testName, "/") {
		p = unsafeName.ReplaceAllString(p, "_")
		if p == "" || p == "." || p == ".." {
			p = "_"
		}
		parts = append(parts, p)
	}
	return filepath.Join(append([]string{base}, parts...)...)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// cleaned holds the artifact directories this run emptied, so files of an
// earlier run never pass for this run's.
var cleaned sync.Map

// SaveArtifacts writes a full-page screenshot (PNG) and the page's HTML
// into ArtifactDir, named after the step, and returns their paths.
func (s *Session) SaveArtifacts() []string {
	if _, done := cleaned.LoadOrStore(s.ArtifactDir, true); !done {
		os.RemoveAll(s.ArtifactDir)
	}
	if err := os.MkdirAll(s.ArtifactDir, 0o755); err != nil {
		s.t.Logf("artifacts: %v", err)
		return nil
	}
	base := filepath.Join(s.ArtifactDir, fmt.Sprintf("%02d-%s", s.step, strings.Trim(unsafeName.ReplaceAllString(s.label, "-"), "-")))
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	var paths []string
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		s.t.Logf("artifacts: screenshot: %v", err)
	} else if err := os.WriteFile(base+".png", png, 0o644); err != nil {
		s.t.Logf("artifacts: %v", err)
	} else {
		paths = append(paths, base+".png")
	}
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.outerHTML"))
	if err != nil {
		html, err = chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	}
	if err != nil {
		s.t.Logf("artifacts: html: %v", err)
	} else if err := os.WriteFile(base+".html", []byte(html), 0o644); err != nil {
		s.t.Logf("artifacts: %v", err)
	} else {
		paths = append(paths, base+".html")
	}
	return paths
}

// pageState is what Check reads from the page.
type pageState struct {
	Lang      string   `json:"lang"`
	Ready     string   `json:"ready"`
	Unlabeled []string `json:"unlabeled"`
}

// stateJS lists the form controls with no accessible label: no label
// element (for= or wrapping) with text, no aria-label, no aria-labelledby
// pointing at elements with text. Hidden inputs and buttons need none.
const stateJS = `(() => {
  const text = el => (el && el.textContent || '').trim() !== '';
  const bad = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (el.tagName === 'INPUT' && ['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if (el.labels && Array.from(el.labels).some(text)) continue;
    if ((el.getAttribute('aria-label') || '').trim() !== '') continue;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    if (ids.length && ids.every(id => text(document.getElementById(id)))) continue;
    bad.push(el.outerHTML.slice(0, 160));
  }
  return {lang: document.documentElement.getAttribute('lang') || '', ready: document.readyState, unlabeled: bad};
})()`

// Check runs the checks every page must pass, and fails the test with the
// list of what is wrong: console errors, uncaught exceptions, failed
// requests and unexpected HTTP errors since the last check, form controls
// without a label, and a lang attribute other than s.Lang. Navigations
// run it by themselves; call it again after a page changed in place.
func (s *Session) Check() {
	s.t.Helper()
	st := Eval[pageState](s, stateJS)
	s.mu.Lock()
	problems := s.problems
	s.problems, s.expected = nil, nil
	clear(s.allowed)
	s.mu.Unlock()
	if st.Lang != s.Lang {
		problems = append(problems, fmt.Sprintf("<html lang=%q>, want %q", st.Lang, s.Lang))
	}
	for _, c := range st.Unlabeled {
		problems = append(problems, "form control without a label: "+c)
	}
	if len(problems) > 0 {
		s.Fatalf("page checks failed:\n\t%s", strings.Join(problems, "\n\t"))
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its
// value. It works with scripts turned off too: DevTools may still read the
// page.
func Eval[T any](s *Session, expression string) T {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		s.Fatalf("evaluate %.80q: %v", expression, err)
	}
	return v
}

// jsQuery is a JavaScript function that finds the elements of a selector:
// XPath when it starts with "/" or "(", else CSS.
const jsQuery = `((sel) => {
  if (sel.startsWith('/') || sel.startsWith('(')) {
    const r = document.evaluate(sel, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    const out = [];
    for (let i = 0; i < r.snapshotLength; i++) out.push(r.snapshotItem(i));
    return out;
  }
  return Array.from(document.querySelectorAll(sel));
})`

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// XPathText quotes s as an XPath string literal.
func XPathText(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	if !strings.Contains(s, `'`) {
		return `'` + s + `'`
	}
	parts := strings.Split(s, `"`)
	for i, p := range parts {
		parts[i] = `"` + p + `"`
	}
	return "concat(" + strings.Join(parts, `, '"', `) + ")"
}

// Link is the XPath of a link whose text is text.
func Link(text string) string { return "//a[normalize-space(.)=" + XPathText(text) + "]" }

// Row is the XPath of a table row that contains text; Row(x) + Link(y) is
// the link y in that row.
func Row(text string) string { return "//tr[contains(normalize-space(.), " + XPathText(text) + ")]" }

// Texts returns the visible text of every element of sel, with white space
// collapsed.
func (s *Session) Texts(sel string) []string {
	s.t.Helper()
	return Eval[[]string](s, jsQuery+`(`+jsString(sel)+`).map(e => (e.innerText || e.textContent || '').replace(/\s+/g, ' ').trim())`)
}

// Text returns the text of the first element of sel; the test fails if
// there is none.
func (s *Session) Text(sel string) string {
	s.t.Helper()
	ts := s.Texts(sel)
	if len(ts) == 0 {
		s.Fatalf("no element %s", sel)
	}
	return ts[0]
}

// Count returns the number of elements of sel.
func (s *Session) Count(sel string) int {
	s.t.Helper()
	return Eval[int](s, jsQuery+`(`+jsString(sel)+`).length`)
}

// Has reports whether the page has an element of sel.
func (s *Session) Has(sel string) bool {
	s.t.Helper()
	return s.Count(sel) > 0
}

// Attr returns an attribute of the first element of sel.
func (s *Session) Attr(sel, name string) string {
	s.t.Helper()
	v := Eval[*string](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; return e ? e.getAttribute(`+jsString(name)+`) : null })()`)
	if v == nil {
		s.Fatalf("no element %s with attribute %s", sel, name)
	}
	return *v
}

var firstNumber = regexp.MustCompile(`\d+`)

// Number returns the first whole number in the text of sel, e.g. 42 from
// "42 nhiệm vụ".
func (s *Session) Number(sel string) int {
	s.t.Helper()
	text := s.Text(sel)
	m := firstNumber.FindString(strings.ReplaceAll(strings.ReplaceAll(text, ".", ""), ",", ""))
	if m == "" {
		s.Fatalf("no number in %s: %q", sel, text)
	}
	n, _ := strconv.Atoi(m)
	return n
}

// MustContain fails the test unless the text of some element of sel
// contains want.
func (s *Session) MustContain(sel, want string) {
	s.t.Helper()
	texts := s.Texts(sel)
	for _, t := range texts {
		if strings.Contains(t, want) {
			return
		}
	}
	s.Fatalf("no %s contains %q; found %q", sel, want, texts)
}

// Location is the tab's current URL.
func (s *Session) Location() string {
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return loc
}

// WaitFor polls a JavaScript expression until it is true; what names the
// condition in the failure message.
func (s *Session) WaitFor(what, expression string) {
	s.t.Helper()
	deadline := time.Now().Add(StepTimeout)
	for {
		if Eval[bool](s, `!!(`+expression+`)`) {
			return
		}
		if time.Now().After(deadline) {
			s.Fatalf("waited %v for %s", StepTimeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitText waits until the text of sel satisfies ok, and returns it.
func (s *Session) WaitText(sel, what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(StepTimeout)
	for {
		texts := s.Texts(sel)
		if len(texts) > 0 && ok(texts[0]) {
			return texts[0]
		}
		if time.Now().After(deadline) {
			s.Fatalf("waited %v for %s; %s is %q", StepTimeout, what, sel, texts)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// MarkDocument marks the current document, so SameDocument can tell later
// whether the page changed in place (htmx) or a new page loaded.
func (s *Session) MarkDocument() {
	s.t.Helper()
	Eval[bool](s, `window.__browsertestMark = true`)
}

// SameDocument reports whether the document MarkDocument marked is still
// the one in the tab.
func (s *Session) SameDocument() bool {
	s.t.Helper()
	return Eval[bool](s, `window.__browsertestMark === true`)
}

// WaitIdle waits until htmx has no request in flight and the document has
// loaded. Without JavaScript there is nothing to wait for.
func (s *Session) WaitIdle() {
	s.t.Helper()
	s.WaitFor("htmx to settle", `document.readyState === 'complete' && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')`)
}

// load runs an action that loads a new document, waits for it, and checks
// the page.
func (s *Session) load(act chromedp.Action[chromedp.Void]) *Page {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, act)
	if err != nil {
		s.Fatalf("%v", err)
	}
	p := &Page{Session: s, URL: s.Location()}
	if resp != nil {
		p.Status = int(resp.Status)
	}
	s.Check()
	return p
}

// Visit opens a path of the application (or a full URL) and checks the page.
func (s *Session) Visit(path string) *Page {
	s.t.Helper()
	s.begin("visit %s", path)
	u := path
	if strings.HasPrefix(path, "/") {
		u = s.Base + path
	}
	return s.load(chromedp.Navigate(u))
}

// Click clicks an element (a link, a submit button) with the mouse, waits
// for the page it loads and checks it.
func (s *Session) Click(sel string) *Page {
	s.t.Helper()
	s.begin("click %s", sel)
	return s.load(clickAction(sel))
}

// Back goes back in the tab's history, as the browser's Back button does,
// waits for the page (loaded anew, from the cache, or restored by htmx)
// and checks it.
func (s *Session) Back() *Page {
	s.t.Helper()
	s.begin("back")
	before := s.Location()
	Eval[any](s, `history.back()`)
	s.WaitFor("the previous page", `location.href !== `+jsString(before)+` && document.readyState === 'complete'`)
	s.WaitIdle()
	p := &Page{Session: s, URL: s.Location()}
	s.Check()
	return p
}

// ClickLink clicks the first link whose text is text.
func (s *Session) ClickLink(text string) *Page {
	s.t.Helper()
	return s.Click(Link(text))
}

// clickAction clicks the middle of the first element of sel with the
// mouse, as a user does: the element must be visible and on top there. It
// finds the element with JavaScript, not chromedp's mirror of the DOM, which
// lags behind pages that htmx rewrites.
func clickAction(sel string) chromedp.Action[chromedp.Void] {
	type point struct {
		X     float64 `json:"x"`
		Y     float64 `json:"y"`
		Found bool    `json:"found"`
		Why   string  `json:"why"`
	}
	find := chromedp.Evaluate[point](`(() => {
	  const e = ` + jsQuery + `(` + jsString(sel) + `)[0];
	  if (!e) return {found: false, why: 'no such element'};
	  e.scrollIntoView({block: 'center', inline: 'center'});
	  const r = e.getBoundingClientRect();
	  if (r.width === 0 || r.height === 0) return {found: false, why: 'not visible'};
	  const x = r.left + r.width / 2, y = r.top + r.height / 2;
	  const top = document.elementFromPoint(x, y);
	  if (!top || !(e === top || e.contains(top) || top.contains(e) && top.tagName === 'LABEL')) {
	    return {found: false, why: 'covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing')};
	  }
	  return {found: true, x: x, y: y};
	})()`)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for {
			pt, err := find(ctx, t)
			if err != nil {
				return fmt.Errorf("click %s: %w", sel, err)
			}
			if pt.Found {
				_, err := chromedp.MouseClickXY(pt.X, pt.Y)(ctx, t)
				return err
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("click %s: %s", sel, pt.Why)
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

func isXPath(sel string) bool { return strings.HasPrefix(sel, "/") || strings.HasPrefix(sel, "(") }

// do runs steps that do not load a new document.
func (s *Session) do(steps ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		s.Fatalf("%v", err)
	}
}

// control is one named control of a form, as Fill sees it.
type control struct {
	Name string `json:"name"`
	Tag  string `json:"tag"`
	Type string `json:"type"`
}

// Fill fills the named controls of a form as a user would: it types into
// text fields and text areas (a "\n" is the Enter key), picks select
// options by value or by visible text, ticks or clears check boxes ("" and
// "0" clear), sets date fields, and puts a file path into file inputs. It
// fails if a name matches no control.
func (s *Session) Fill(form string, fields map[string]string) {
	s.t.Helper()
	s.begin("fill %s", form)
	controls := Eval[[]control](s, `(() => { const f = document.querySelector(`+jsString(form)+`);
	  return f ? Array.from(f.elements).filter(e => e.name).map(e => ({name: e.name, tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase()})) : null })()`)
	if controls == nil {
		s.Fatalf("no form %s", form)
	}
	done := map[string]bool{}
	for _, c := range controls {
		v, ok := fields[c.Name]
		if !ok || done[c.Name] {
			continue
		}
		done[c.Name] = true
		sel := fmt.Sprintf("%s [name=%q]", form, c.Name)
		switch {
		case c.Tag == "select":
			s.Select(sel, v)
		case c.Type == "file":
			s.Upload(sel, v)
		case c.Type == "checkbox":
			want := v != "" && v != "0" && v != "false"
			if Eval[bool](s, `document.querySelector(`+jsString(sel)+`).checked`) != want {
				s.do(clickAction(sel))
			}
		case c.Type == "radio":
			s.do(clickAction(fmt.Sprintf("%s [name=%q][value=%q]", form, c.Name, v)))
		case slices.Contains([]string{"date", "datetime-local", "month", "week", "time", "color", "range"}, c.Type):
			// Typing into these depends on the browser's locale; set the value.
			s.setValue(sel, v)
		default:
			s.Type(sel, v)
		}
	}
	var missing []string
	for name := range fields {
		if !done[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		s.Fatalf("form %s has no control named %q", form, missing)
	}
}

// Type clears a text field, focuses it and types text with key events.
func (s *Session) Type(sel, text string) {
	s.t.Helper()
	s.begin("type %s", sel)
	// Emptying a field fires input, as selecting all and deleting does.
	ok := Eval[bool](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; if (!e) return false;
	  if (e.value !== '') { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); }
	  e.focus();
	  return document.activeElement === e })()`)
	if !ok {
		s.Fatalf("no field %s to type into", sel)
	}
	s.do(chromedp.KeyEvent(text))
}

// setValue sets a control's value and fires the events a user's edit fires.
func (s *Session) setValue(sel, v string) {
	s.t.Helper()
	ok := Eval[bool](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; if (!e) return false;
	  e.value = `+jsString(v)+`;
	  e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));
	  return true })()`)
	if !ok {
		s.Fatalf("no element %s", sel)
	}
}

// Select picks the option of a select element whose value or visible text
// is option, and fires input and change events as a user's choice does
// (with JavaScript on, htmx may then update the page).
func (s *Session) Select(sel, option string) {
	s.t.Helper()
	s.begin("select %s %s", sel, option)
	ok := Eval[bool](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0]; if (!e) return false;
	  const want = `+jsString(option)+`;
	  const o = Array.from(e.options).find(o => o.value === want) || Array.from(e.options).find(o => o.text.trim() === want);
	  if (!o) return false;
	  e.value = o.value;
	  e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));
	  return true })()`)
	if !ok {
		s.Fatalf("no select %s with option %q", sel, option)
	}
}

// Upload puts a file into a file input, as choosing it in the file dialog
// does (DOM.setFileInputFiles).
func (s *Session) Upload(sel, file string) {
	s.t.Helper()
	s.begin("upload %s", filepath.Base(file))
	abs, err := filepath.Abs(file)
	if err != nil {
		s.Fatalf("upload: %v", err)
	}
	if _, err := os.Stat(abs); err != nil {
		s.Fatalf("upload: %v", err)
	}
	input := Eval[*runtime.RemoteObject](s, `(() => { const e = `+jsQuery+`(`+jsString(sel)+`)[0];
	  return e && e.type === 'file' ? e : null })()`)
	if input == nil || input.ObjectID == "" {
		s.Fatalf("no file input %s", sel)
	}
	ctx, cancel := s.stepCtx()
	defer cancel()
	if _, err := chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{abs}, ObjectID: input.ObjectID}); err != nil {
		s.Fatalf("upload %s: %v", file, err)
	}
}

// Submit clicks the submit button of a form, waits for the page it loads
// and checks it.
func (s *Session) Submit(form string) *Page {
	s.t.Helper()
	s.begin("submit %s", form)
	var buttons []string
	for _, b := range []string{"button:not([type])", "button[type=submit]", "input[type=submit]"} {
		buttons = append(buttons, form+" "+b)
	}
	return s.load(clickAction(strings.Join(buttons, ", ")))
}

// FillAndSubmit fills a form and submits it with its button.
func (s *Session) FillAndSubmit(form string, fields map[string]string) *Page {
	s.t.Helper()
	s.Fill(form, fields)
	return s.Submit(form)
}

// Login logs in through the login form and fails unless it succeeds.
func (s *Session) Login(email, password string) *Page {
	s.t.Helper()
	s.Visit("/login")
	p := s.FillAndSubmit(`form[action="/login"]`, map[string]string{"email": email, "password": password})
	if strings.HasPrefix(p.Path(), "/login") {
		s.Fatalf("login as %s failed: %q", email, s.Texts(".error"))
	}
	return p
}

// Logout clicks the logout button and expects the login page.
func (s *Session) Logout() *Page {
	s.t.Helper()
	p := s.Submit(`form[action="/logout"]`)
	if !strings.HasPrefix(p.Path(), "/login") {
		s.Fatalf("logout led to %s, not the login page", p.Path())
	}
	if s.Has(`form[action="/logout"]`) {
		s.Fatalf("the logout button is still there after logout")
	}
	return p
}

// SwitchLanguage clicks the language button ("vi" or "en") and checks the
// page comes back in that language, on the same path — or, for a form sent
// back with an error, on the page the form belongs to (/tasks/3 for the
// answer of POST /tasks/3/progress).
func (s *Session) SwitchLanguage(lang string) *Page {
	s.t.Helper()
	before, _ := url.Parse(s.Location())
	btn := fmt.Sprintf(`form[action="/lang"] button[name=lang][value=%q]`, lang)
	if !s.Has(btn) {
		s.Fatalf("no button to switch to %q", lang)
	}
	s.Lang = lang
	p := s.Click(btn)
	samePage := before == nil || strings.HasPrefix(p.Path(), before.Path) ||
		p.Path() != "/" && strings.HasPrefix(before.Path, p.Path()+"/")
	if !samePage {
		s.Fatalf("switching language went from %s to %s", before.Path, p.Path())
	}
	return p
}

var bundle = sync.OnceValues(i18n.Load)

// T is the text of a message key in the session's language, as the pages
// show it.
func (s *Session) T(key string, args ...any) string {
	s.t.Helper()
	b, err := bundle()
	if err != nil {
		s.t.Fatalf("i18n: %v", err)
	}
	return b.For(s.Lang).T(key, args...)
}

// Download is a file the browser saved.
type Download struct {
	Name string // the name the browser suggested, from Content-Disposition
	URL  string
	Data []byte
}

// Download clicks a link to a file, waits until the browser has saved it,
// and returns it.
func (s *Session) Download(sel string) Download {
	s.t.Helper()
	s.begin("download %s", sel)
	dir := s.t.TempDir()
	ctx, cancel := s.stepCtx()
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllowAndName,
		BrowserContextID: chromedp.FromContext(s.ctx).BrowserContextID,
		DownloadPath:     dir, EventsEnabled: new(true)})
	if err != nil {
		s.Fatalf("allow downloads: %v", err)
	}
	type result struct {
		d   Download
		err error
	}
	done := make(chan result, 1)
	var mu sync.Mutex
	begun := map[string]Download{}
	lctx, lcancel := context.WithCancel(ctx)
	defer lcancel()
	err = chromedp.ListenBrowser(lctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			begun[ev.GUID] = Download{Name: ev.SuggestedFilename, URL: ev.URL}
		case *browser.EventDownloadProgress:
			d, ok := begun[ev.GUID]
			switch {
			case !ok:
			case ev.State == browser.DownloadProgressStateCompleted:
				data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
				d.Data = data
				select {
				case done <- result{d, err}:
				default:
				}
			case ev.State == browser.DownloadProgressStateCanceled:
				select {
				case done <- result{d, errors.New("the browser canceled the download of " + d.URL)}:
				default:
				}
			}
		}
	})
	if err != nil {
		s.Fatalf("listen for downloads: %v", err)
	}
	s.mu.Lock()
	s.downloading = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.downloading = false
		s.mu.Unlock()
	}()
	if err := chromedp.Do(ctx, clickAction(sel)); err != nil {
		s.Fatalf("%v", err)
	}
	select {
	case r := <-done:
		if r.err != nil {
			s.Fatalf("%v", r.err)
		}
		s.Check()
		return r.d
	case <-ctx.Done():
		s.Fatalf("no download finished within %v", StepTimeout)
	}
	return Download{}
}

// WritePDF writes a small valid one-page PDF showing text (ASCII; other
// characters become "?") into the test's temporary directory, and returns
// its path. name may hold Vietnamese, as real evidence files do.
func WritePDF(t testing.TB, name, text string) string {
	t.Helper()
	return WriteFile(t, name, PDF(text))
}

// WriteFile writes data to a file of that name in a new temporary
// directory of the test, for Upload, and returns its path.
func WriteFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// PDF returns a small valid one-page PDF document showing text.
func PDF(text string) []byte {
	var esc strings.Builder
	for _, r := range text {
		switch {
		case r == '(' || r == ')' || r == '\\':
			esc.WriteByte('\\')
			esc.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			esc.WriteRune(r)
		default:
			esc.WriteByte('?')
		}
	}
	content := "BT /F1 16 Tf 72 760 Td (" + esc.String() + ") Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}
