package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

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
		_ = os.RemoveAll(s.ArtifactDir)
	}
	if err := os.MkdirAll(s.ArtifactDir, 0o750); err != nil {
		s.t.Logf("artifacts: %v", err)
		return nil
	}
	base := filepath.Join(s.ArtifactDir, fmt.Sprintf("%02d-%s", s.step, strings.Trim(unsafeName.ReplaceAllString(s.label, "-"), "-")))
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	var paths []string
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		s.t.Logf("artifacts: screenshot: %v", err)
	} else if err := os.WriteFile(base+".png", png, 0o600); err != nil {
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
	} else if err := os.WriteFile(base+".html", []byte(html), 0o600); err != nil {
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
