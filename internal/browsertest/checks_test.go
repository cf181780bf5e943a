package browsertest

// These tests prove the page checks fail when they should: each serves a
// tiny page with one defect and runs Check under a fake testing.TB that
// records the failure instead of ending the real test.

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// fakeTB records failures instead of failing; Fatal ends the goroutine as
// the testing package does. Everything else goes to the real test.
type fakeTB struct {
	testing.TB
	mu      sync.Mutex
	failed  bool
	skipped bool
	msgs    []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) note(fail bool, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failed = f.failed || fail
	f.msgs = append(f.msgs, msg)
}

func (f *fakeTB) Logf(format string, args ...any) { f.note(false, fmt.Sprintf(format, args...)) }
func (f *fakeTB) Log(args ...any)                 { f.note(false, fmt.Sprint(args...)) }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.note(true, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Error(args ...any) { f.note(true, fmt.Sprint(args...)) }
func (f *fakeTB) Fail()             { f.note(true, "Fail") }
func (f *fakeTB) FailNow()          { f.note(true, "FailNow"); runtime.Goexit() }
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.note(true, fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (f *fakeTB) Fatal(args ...any) { f.note(true, fmt.Sprint(args...)); runtime.Goexit() }
func (f *fakeTB) Skipf(format string, args ...any) {
	f.mu.Lock()
	f.skipped = true
	f.mu.Unlock()
	f.note(false, fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (f *fakeTB) Skip(args ...any) { f.Skipf("%s", fmt.Sprint(args...)) }
func (f *fakeTB) SkipNow()         { f.Skipf("SkipNow") }
func (f *fakeTB) Skipped() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.skipped
}
func (f *fakeTB) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failed
}

// runFake runs fn under a fake TB and reports whether it failed, with
// everything it logged.
func runFake(t *testing.T, fn func(tb testing.TB)) (bool, string) {
	failed, _, log := runFakeSkip(t, fn)
	return failed, log
}

// runFakeSkip is runFake that also reports whether fn skipped.
func runFakeSkip(t *testing.T, fn func(tb testing.TB)) (failed, skipped bool, log string) {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failed, f.skipped, strings.Join(f.msgs, "\n")
}

// fixturePages are the tiny pages of these tests.
var fixturePages = map[string]string{
	"/ok": `<!doctype html><html lang="vi"><title>ok</title>
<form>
<input type="hidden" name="h"><label for="a">A</label><input id="a" name="a">
<label>B <select name="b"><option>1</option></select></label>
<textarea name="c" aria-label="C"></textarea>
<span id="dl">D</span><input name="d" type="date" aria-labelledby="dl">
<input type="submit" value="Go"><input type="button" value="x"><button>Send</button>
</form></html>`,
	"/unlabeled": `<!doctype html><html lang="vi"><title>bad</title>
<form><label for="a">A</label><input id="a" name="a"><input name="nolabel" placeholder="a placeholder is no label"></form></html>`,
	"/empty-label":    `<!doctype html><html lang="vi"><title>bad</title><label for="a"> </label><input id="a" name="a"></html>`,
	"/dangling-aria":  `<!doctype html><html lang="vi"><title>bad</title><select name="s" aria-labelledby="nowhere"></select></html>`,
	"/console":        `<!doctype html><html lang="vi"><title>bad</title><script>console.error("boom", 42)</script></html>`,
	"/exception":      `<!doctype html><html lang="vi"><title>bad</title><script>throw new Error("kaput")</script></html>`,
	"/missing-image":  `<!doctype html><html lang="vi"><title>bad</title><img src="/missing.png" alt="x"></html>`,
	"/failed-request": `<!doctype html><html lang="vi"><title>bad</title><img src="http://127.0.0.1:1/nothing.png" alt="x"></html>`,
	"/english":        `<!doctype html><html lang="en"><title>bad</title><p>hello</p></html>`,
	"/script":         `<!doctype html><html lang="vi"><title>static</title><script>document.title = "script ran"</script></html>`,
}

func fixtureServer(t *testing.T) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.URL.Path == "/unprocessable" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `<!doctype html><html lang="vi"><title>422</title><p class="error">Sai</p></html>`)
			return
		}
		page, ok := fixturePages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestChecksCatchDefects(t *testing.T) {
	b := NewBrowser(t)
	ts := fixtureServer(t)
	cases := []struct {
		path   string
		expect int    // status to Expect before the visit
		want   string // in the failure message; "" means the page passes
	}{
		{path: "/ok"},
		{path: "/unlabeled", want: `form control without a label: <input name="nolabel"`},
		{path: "/empty-label", want: "form control without a label"},
		{path: "/dangling-aria", want: "form control without a label"},
		{path: "/console", want: "console.error: boom 42"},
		{path: "/exception", want: "uncaught exception"},
		{path: "/missing-image", want: "HTTP 404"},
		{path: "/failed-request", want: "request failed"},
		{path: "/english", want: `<html lang="en">, want "vi"`},
		{path: "/unprocessable", want: "HTTP 422"},
		{path: "/unprocessable", expect: 422},
	}
	for _, c := range cases {
		name := strings.TrimPrefix(c.path, "/")
		if c.expect != 0 {
			name += fmt.Sprintf("_expect_%d", c.expect)
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			failed, log := runFake(t, func(tb testing.TB) {
				s := b.NewSession(tb, ts.URL, WithArtifactDir(dir))
				if c.expect != 0 {
					s.Expect(c.expect)
				}
				s.Visit(c.path)
			})
			if c.want == "" {
				if failed {
					t.Fatalf("the checks failed on a good page:\n%s", log)
				}
				return
			}
			if !failed {
				t.Fatalf("the checks passed a page with a defect; want a failure with %q", c.want)
			}
			if !strings.Contains(log, c.want) {
				t.Errorf("failure message lacks %q:\n%s", c.want, log)
			}
		})
	}
}

// TestFailureSavesArtifacts proves a failing step leaves a screenshot and
// the page's HTML, and names them in the log.
func TestFailureSavesArtifacts(t *testing.T) {
	b := NewBrowser(t)
	ts := fixtureServer(t)
	dir := filepath.Join(t.TempDir(), "artifacts")
	failed, log := runFake(t, func(tb testing.TB) {
		s := b.NewSession(tb, ts.URL, WithArtifactDir(dir))
		s.Visit("/unlabeled")
	})
	if !failed {
		t.Fatal("the unlabeled page passed")
	}
	png := filepath.Join(dir, "01-visit-unlabeled.png")
	html := filepath.Join(dir, "01-visit-unlabeled.html")
	for _, p := range []string{png, html} {
		if !strings.Contains(log, "artifact: "+p) {
			t.Errorf("the log does not name %s:\n%s", p, log)
		}
	}
	data, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) || len(data) < 1000 {
		t.Errorf("%s is not a screenshot (%d bytes)", png, len(data))
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `name="nolabel"`) || !strings.HasPrefix(string(page), "<html") {
		t.Errorf("%s is not the page's HTML:\n%s", html, page)
	}
	// A failure in another step of the same test adds files and keeps these.
	failed, _ = runFake(t, func(tb testing.TB) {
		s := b.NewSession(tb, ts.URL, WithArtifactDir(dir))
		s.Visit("/ok")
		s.Text("#nothing-here")
	})
	if !failed {
		t.Fatal("Text of a missing element did not fail")
	}
	if _, err := os.Stat(png); err != nil {
		t.Errorf("the first failure's screenshot is gone: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("artifacts: %q, want two screenshots and two HTML files", names)
	}
}

// TestWithoutJavaScript proves the option really stops page scripts, while
// the harness still reads the page.
func TestWithoutJavaScript(t *testing.T) {
	b := NewBrowser(t)
	ts := fixtureServer(t)
	on := b.NewSession(t, ts.URL)
	on.Visit("/script")
	if got := Eval[string](on, "document.title"); got != "script ran" {
		t.Fatalf("with JavaScript the title is %q", got)
	}
	off := b.NewSession(t, ts.URL, WithoutJavaScript())
	off.Visit("/script")
	if got := Eval[string](off, "document.title"); got != "static" {
		t.Fatalf("without JavaScript the page's script ran: title %q", got)
	}
	// Still off after another navigation.
	off.Visit("/script")
	if got := Eval[string](off, "document.title"); got != "static" {
		t.Fatalf("without JavaScript the second page's script ran: title %q", got)
	}
}
