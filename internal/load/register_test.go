package load

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// registerApp runs the application on the demo province, whose register
// holds a few organisations with figures over several years.
func registerApp(t *testing.T) *apptest.App {
	t.Helper()
	return apptest.Start(t, func(db *store.DB, c apptest.Config) (apptest.Server, error) {
		return server.New(db, server.Config{Now: c.Now, Log: c.Log})
	})
}

// registerAccounts are readers of every role that reads the register and
// the coordinator, who keeps it, as the writer.
func registerAccounts(app *apptest.App) (readers, writers []Account) {
	for _, e := range []string{apptest.ViewerEmail, apptest.OfficerEmail, apptest.CoopEmail} {
		readers = append(readers, Account{Email: e, Password: app.Password(e)})
	}
	writers = []Account{{Email: apptest.CoordinatorEmail, Password: app.Password(apptest.CoordinatorEmail)}}
	return readers, writers
}

// A short register run: searches, filtered lists and organisation pages,
// web and API, while the coordinator files figures; no errors, every
// route reported, and the figures really stored.
func TestRunRegister(t *testing.T) {
	app := registerApp(t)
	readers, writers := registerAccounts(app)
	before := app.Count(`SELECT COALESCE(SUM(members_individual), 0) FROM organisation_figures`)
	rep, err := Run(context.Background(), Config{URL: app.URL, Scenario: ScenarioRegister, Users: 4, WriteUsers: 1,
		Duration: time.Minute, Requests: 300, Readers: readers, Writers: writers, ServerPID: -1, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.WriteTable(&out)
	t.Log("\n" + out.String())
	if !strings.Contains(out.String(), "(1 ghi số liệu năm, 3 đọc)") {
		t.Error("the table's heading does not say the writer files figures")
	}
	if n := rep.Errors(); n != 0 {
		t.Fatalf("%d errors: %v", n, rep.ErrorSamples)
	}
	for _, route := range registerRoutes() {
		s, ok := rep.Route(route)
		if !ok || s.Count == 0 {
			t.Errorf("route %q missing from the report", route)
			continue
		}
		if s.P50 <= 0 || s.P50 > s.P95 || s.P95 > s.Max {
			t.Errorf("%s: implausible stats %+v", route, s)
		}
		if !strings.Contains(out.String(), "| "+route+" ") {
			t.Errorf("table has no line for %s", route)
		}
	}
	if len(rep.Routes) != len(registerRoutes()) {
		t.Errorf("routes %v, want only the register's", rep.Routes)
	}
	if after := app.Count(`SELECT COALESCE(SUM(members_individual), 0) FROM organisation_figures`); after == before {
		t.Errorf("figures unchanged (%d members) after %d filings", after, func() int { s, _ := rep.Route(RouteRegFigures); return s.Count }())
	}
}

// rewrite changes requests on their way to the server, as a wrong cache
// or a broken handler would answer another question than the one asked.
type rewrite struct {
	next http.RoundTripper
	fix  func(*http.Request)
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	rw.fix(r)
	return rw.next.RoundTrip(r)
}

// dropParam removes a query parameter from requests to path.
func dropParam(path, param string) func(*http.Request) {
	return func(r *http.Request) {
		if r.URL.Path == path {
			q := r.URL.Query()
			q.Del(param)
			r.URL.RawQuery = q.Encode()
		}
	}
}

// A server that answers with the wrong organisation, ignores a filter or
// the search, or stores other figures, fails the register run on the
// route concerned.
func TestRunRegisterCatchesWrongContent(t *testing.T) {
	app := registerApp(t)
	readers, writers := registerAccounts(app)
	for _, tt := range []struct {
		name  string
		fix   func(*http.Request)
		route string
	}{
		{"another organisation", func(r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/register/") {
				r.URL.Path = "/register/1"
			}
		}, RouteRegOrg},
		{"form ignored", dropParam("/api/v1/organisations", "form"), RouteRegAPIFilter},
		{"sector ignored on the page", dropParam("/register", "sector"), RouteRegFilter},
		{"search ignored on the page", dropParam("/register", "q"), RouteRegSearch},
		{"another year filed", func(r *http.Request) {
			if r.Method == http.MethodPut {
				r.URL.Path = r.URL.Path[:strings.LastIndex(r.URL.Path, "/")] + "/2023"
			}
		}, RouteRegFigures},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Run(context.Background(), Config{URL: app.URL, Scenario: ScenarioRegister, Users: 3,
				WriteUsers: 1, Duration: time.Minute, Requests: 150, Readers: readers, Writers: writers,
				ServerPID: -1, Seed: 4, Transport: rewrite{next: http.DefaultTransport, fix: tt.fix}})
			if err != nil {
				t.Fatal(err)
			}
			if s, ok := rep.Route(tt.route); !ok || s.Errors == 0 {
				t.Errorf("%s: %+v, no error", tt.route, s)
			}
			wrongContent := false
			for _, e := range rep.ErrorSamples {
				wrongContent = wrongContent || strings.Contains(e, "nội dung sai")
			}
			if !wrongContent {
				t.Errorf("no error names the wrong content: %v", rep.ErrorSamples)
			}
		})
	}
}

// Filing figures needs a keeper of the register: without one the run
// says so before sending anything.
func TestRunRegisterNeedsWriter(t *testing.T) {
	app := registerApp(t)
	readers, _ := registerAccounts(app)
	_, err := Run(context.Background(), Config{URL: app.URL, Scenario: ScenarioRegister, Users: 2, WriteUsers: 1,
		Requests: 10, Readers: readers, ServerPID: -1})
	if err == nil || !strings.Contains(err.Error(), "ghi số liệu của sổ đăng ký") {
		t.Errorf("register run without a writer: %v", err)
	}
}
