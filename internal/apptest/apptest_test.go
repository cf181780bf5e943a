package apptest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return server.New(db, server.Config{Now: c.Now, Log: c.Log})
}

// The application starts on the demo data at the fixed clock, and every
// role's client is logged in through the form.
func TestStart(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, hoptac)
	if got := app.DB.Now(); !got.Equal(apptest.Now) {
		t.Errorf("database clock %v, want %v", got, apptest.Now)
	}
	if app.PlanID == 0 {
		t.Fatal("no demo plan")
	}
	if n := app.Count(`SELECT COUNT(*) FROM tasks WHERE plan_id = ?`, app.PlanID); n == 0 || n != len(app.Tasks()) {
		t.Errorf("demo plan has %d tasks, Tasks returned %d", n, len(app.Tasks()))
	}
	if got := app.TaskByCode("II.2").Code; got != "II.2" {
		t.Errorf("TaskByCode(II.2) found %q", got)
	}
	if app.AgencyID("Sở Tài chính") == 0 {
		t.Error("no id for Sở Tài chính")
	}
	clients := app.Clients()
	if len(clients) != len(apptest.Roles()) {
		t.Fatalf("%d clients for %d roles", len(clients), len(apptest.Roles()))
	}
	for _, role := range apptest.Roles() {
		c := clients[role]
		if got := app.Session(c) != nil; got != (role != apptest.RoleAnon) {
			t.Errorf("%s: holds a session %v", role, got)
		}
		resp, _ := app.Get(c, "/plans")
		if want := role != apptest.RoleAnon; (resp.StatusCode == http.StatusOK) != want {
			t.Errorf("%s: GET /plans answered %d", role, resp.StatusCode)
		}
	}
	if body := app.Page(clients[apptest.RoleViewer], "/plans"); !strings.Contains(body, "<html") {
		t.Errorf("Page returned no page: %.200s", body)
	}
}

// Without WithOneTimePasswords the demo accounts log in straight away;
// with it the first login must choose a new password.
func TestOneTimePasswords(t *testing.T) {
	t.Parallel()
	for _, oneTime := range []bool{false, true} {
		t.Run(fmt.Sprint(oneTime), func(t *testing.T) {
			var opts []apptest.Option
			if oneTime {
				opts = append(opts, apptest.WithOneTimePasswords())
			}
			app := apptest.Start(t, hoptac, opts...)
			c := app.Login(apptest.ViewerEmail)
			resp, _ := app.Get(c, "/plans")
			if got := resp.StatusCode == http.StatusOK; got == oneTime {
				t.Errorf("GET /plans after the first login: status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
			}
		})
	}
}

// A moved clock moves the database's and the server's time.
func TestClock(t *testing.T) {
	t.Parallel()
	clock := apptest.NewClock(apptest.Now)
	app := apptest.Start(t, hoptac, apptest.WithClock(clock.Now))
	clock.Add(48 * time.Hour)
	want := apptest.Now.Add(48 * time.Hour)
	if !app.DB.Now().Equal(want) || !app.Now().Equal(want) {
		t.Errorf("after Add: database %v, app %v, want %v", app.DB.Now(), app.Now(), want)
	}
}

// seen is a fake application that records the requests it is sent.
type seen struct {
	mu   sync.Mutex
	reqs []*http.Request
	form []url.Values
}

func (s *seen) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseMultipartForm(1 << 20)
		s.mu.Lock()
		s.reqs = append(s.reqs, r)
		s.form = append(s.form, r.Form)
		s.mu.Unlock()
		fmt.Fprint(w, "ok")
	})
}

// Writes carry the site's Origin, as a browser sends; reads do not, and
// headers the test gives are sent.
func TestRequests(t *testing.T) {
	t.Parallel()
	s := &seen{}
	app := apptest.Start(t, func(*store.DB, apptest.Config) (apptest.Server, error) { return s, nil })
	c := app.NewClient()
	app.Get(c, "/a")
	app.PostForm(c, "/b", url.Values{"x": {"1"}})
	app.PostMultipart(c, "/c", map[string]string{"y": "2"}, "f.pdf", []byte("%PDF"))
	app.Do(c, http.MethodDelete, "/d", nil, "", http.Header{"X-Test": {"yes"}})
	if len(s.reqs) != 4 {
		t.Fatalf("%d requests", len(s.reqs))
	}
	for i, want := range []string{"", app.URL, app.URL, app.URL} {
		if got := s.reqs[i].Header.Get("Origin"); got != want {
			t.Errorf("%s %s: Origin %q, want %q", s.reqs[i].Method, s.reqs[i].URL.Path, got, want)
		}
	}
	if s.form[1].Get("x") != "1" || s.form[2].Get("y") != "2" {
		t.Errorf("forms: %v %v", s.form[1], s.form[2])
	}
	if ct := s.reqs[2].Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/form-data") {
		t.Errorf("multipart Content-Type %q", ct)
	}
	if s.reqs[3].Header.Get("X-Test") != "yes" {
		t.Error("the extra header was not sent")
	}
}

// fakeTB records how a helper stopped the test.
type fakeTB struct {
	testing.TB
	failed, skipped bool
	msg             string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// Need fails under CI=true and skips elsewhere, saying why.
func TestNeed(t *testing.T) {
	for ci, want := range map[string]string{"": "skip", "false": "skip", "true": "fail"} {
		t.Setenv("CI", ci)
		f := &fakeTB{TB: t}
		done := make(chan struct{})
		go func() { defer close(done); apptest.Need(f, "no %s", "chromium") }()
		<-done
		got := map[bool]string{true: "fail", false: "skip"}[f.failed]
		if got != want || f.failed == f.skipped || !strings.Contains(f.msg, "no chromium") {
			t.Errorf("CI=%q: failed %v skipped %v %q, want %s", ci, f.failed, f.skipped, f.msg, want)
		}
	}
}
