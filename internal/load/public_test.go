package load

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// publicApp is the demo province with its plan published on the portal.
func publicApp(t *testing.T) *apptest.App {
	t.Helper()
	app := registerApp(t)
	ctx := context.Background()
	u, err := app.DB.UserByEmail(ctx, apptest.CoordinatorEmail)
	if err != nil {
		t.Fatal(err)
	}
	ctx = auth.WithUser(ctx, &u)
	if err := app.DB.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanPublished(ctx, app.PlanID, true) }); err != nil {
		t.Fatal(err)
	}
	return app
}

// A short public run: visitors without an account on every portal route,
// no errors, and no login in the report.
func TestRunPublic(t *testing.T) {
	app := publicApp(t)
	rep, err := Run(context.Background(), Config{URL: app.URL, Scenario: ScenarioPublic, Users: 4,
		Duration: time.Minute, Requests: 400, ServerPID: -1, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.WriteTable(&out)
	t.Log("\n" + out.String())
	if n := rep.Errors(); n != 0 {
		t.Fatalf("%d errors: %v", n, rep.ErrorSamples)
	}
	for _, route := range publicRoutes() {
		if s, ok := rep.Route(route); !ok || s.Count == 0 {
			t.Errorf("route %q missing from the report", route)
		}
	}
	if len(rep.Routes) != len(publicRoutes()) {
		t.Errorf("routes %v, want only the portal's (no login)", rep.Routes)
	}
}

// A server that answers a plan with another plan's page, or with a page
// that is not the portal's, fails the run on that route.
func TestRunPublicCatchesWrongContent(t *testing.T) {
	app := publicApp(t)
	for _, tt := range []struct {
		name  string
		fix   func(*http.Request)
		route string
	}{
		{"another plan", func(r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/cong-khai/ke-hoach/") {
				r.URL.Path += "0"
			}
		}, RoutePubPlan},
		{"the logged-in home", func(r *http.Request) {
			if r.URL.Path == "/cong-khai/thong-ke" {
				r.URL.Path = "/login"
			}
		}, RoutePubStats},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Run(context.Background(), Config{URL: app.URL, Scenario: ScenarioPublic, Users: 2,
				Duration: time.Minute, Requests: 200, ServerPID: -1, Seed: 6, Transport: rewrite{next: http.DefaultTransport, fix: tt.fix}})
			if err != nil {
				t.Fatal(err)
			}
			if s, ok := rep.Route(tt.route); !ok || s.Errors == 0 {
				t.Errorf("%s: %+v, no error", tt.route, s)
			}
		})
	}
}
