package load

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// genServer runs the application on data from hoptac gen: two plans of
// 250 tasks, so that plan pages (100 tasks) and API pages (50) run to
// several, with gen's load accounts.
func genServer(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := gen.Generate(ctx, db, gen.Config{Plans: 2, Tasks: 250, Progress: 300, Seed: 7,
		Password: gen.DefaultPassword}); err != nil {
		t.Fatal(err)
	}
	return serveDB(t, db)
}

// A short pages run: readers on every kind of page with no error, the
// writer on a line of its own at no more than its rate, and the server's
// CPU (this process's, here) per request. The run is 300 requests rather
// than a time, so that a slow machine still sends every kind: the rarest,
// a two-letter API search, is one request in 26.
func TestRunPages(t *testing.T) {
	u := genServer(t)
	rep, err := Run(context.Background(), Config{URL: u, Scenario: ScenarioPages, Users: 4,
		Duration: time.Minute, Requests: 300, WriteRate: 20, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.WriteTable(&out)
	t.Log("\n" + out.String())
	if n := rep.Errors(); n != 0 {
		t.Fatalf("%d errors: %v", n, rep.ErrorSamples)
	}
	for _, route := range pagesRoutes() {
		s, ok := rep.Route(route)
		if !ok || s.Count == 0 {
			t.Errorf("route %q missing from the report", route)
			continue
		}
		if !strings.Contains(out.String(), "| "+route+" ") {
			t.Errorf("table has no line for %s", route)
		}
	}
	if len(rep.Routes) != len(pagesRoutes()) {
		t.Errorf("routes %v, want only the pages routes", rep.Routes)
	}
	w := rep.Writer
	if w == nil {
		t.Fatal("no writer in the report")
	}
	if _, ok := rep.Route(RouteAPIProgress); ok {
		t.Error("the writer's requests are among the readers' routes")
	}
	// A ticker never runs ahead of its rate; every tick is a write or a
	// miss.
	if limit := int(rep.Elapsed.Seconds()*w.Rate) + 2; w.Ticks > limit || w.Stats.Count == 0 ||
		w.Ticks != w.Stats.Count+w.Missed {
		t.Errorf("writer: %d ticks (at most %d), %d writes, %d missed", w.Ticks, limit, w.Stats.Count, w.Missed)
	}
	if !strings.Contains(out.String(), "| "+RouteAPIProgress+" (bộ ghi, 20/giây)") ||
		!strings.Contains(out.String(), fmt.Sprintf("đã ghi %d", w.Stats.Count)) {
		t.Errorf("table lacks the writer's line")
	}
	if _, err := os.Stat("/proc/net/tcp"); err == nil {
		if rep.ServerPID != os.Getpid() || rep.ServerCPU <= 0 || rep.ServerCPUPerRequest <= 0 ||
			!strings.Contains(out.String(), "CPU máy chủ mỗi yêu cầu: ") {
			t.Errorf("server CPU: pid %d, %v, %v per request (%s)", rep.ServerPID, rep.ServerCPU,
				rep.ServerCPUPerRequest, rep.ServerCPUNote)
		}
	}
}

// Without a writer (negative rate) and without CPU measuring the pages
// run reads only and says why the CPU figure is missing.
func TestRunPagesNoWriter(t *testing.T) {
	u := genServer(t)
	rep, err := Run(context.Background(), Config{URL: u, Scenario: ScenarioPages, Users: 2,
		Requests: 30, Duration: time.Minute, WriteRate: -1, ServerPID: -1})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.WriteTable(&out)
	if rep.Writer != nil || rep.Total.Count != 30 || rep.Errors() != 0 {
		t.Errorf("writer %+v, %d requests, %d errors", rep.Writer, rep.Total.Count, rep.Errors())
	}
	if rep.ServerPID != 0 || !strings.Contains(out.String(), "CPU máy chủ mỗi yêu cầu: — (") {
		t.Errorf("CPU not measured, yet: pid %d\n%s", rep.ServerPID, out.String())
	}
}

// forget answers as a cache keyed on too little would: without some of
// the query's parameters.
type forget struct {
	next  http.RoundTripper
	param string
}

func (f forget) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasPrefix(r.URL.Path, "/plans/") || r.URL.Path == "/api/v1/tasks" {
		q := r.URL.Query()
		if q.Has(f.param) {
			r = r.Clone(r.Context())
			q.Del(f.param)
			r.URL.RawQuery = q.Encode()
		}
	}
	return f.next.RoundTrip(r)
}

// A server that answers a page with another page, or a search with the
// unsearched list, fails the pages run.
func TestRunPagesCatchesWrongContent(t *testing.T) {
	u := genServer(t)
	for _, tt := range []struct {
		param  string
		routes []string // routes that must have errors
	}{
		{"page", []string{RoutePagesPlan, RoutePagesAPI}},
		{"q", []string{RoutePagesPlanSearch, RoutePagesPlanShort}},
		{"status", []string{RoutePagesPlanFilter}},
		{"plan", []string{RoutePagesAPI}},
	} {
		t.Run(tt.param, func(t *testing.T) {
			rep, err := Run(context.Background(), Config{URL: u, Scenario: ScenarioPages, Users: 2,
				Duration: 2 * time.Second, Requests: 600, WriteRate: -1, ServerPID: -1, Seed: 5,
				Transport: forget{next: http.DefaultTransport, param: tt.param}})
			if err != nil {
				t.Fatal(err)
			}
			for _, route := range tt.routes {
				if s, ok := rep.Route(route); !ok || s.Errors == 0 {
					t.Errorf("%s: %+v, no error", route, s)
				}
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

func TestPagesRoute(t *testing.T) {
	for _, tt := range []struct {
		html  bool
		query string
		want  string
	}{
		{true, "page=2", RoutePagesPlan},
		{true, "page=1&group=3", RoutePagesPlanFilter},
		{true, "page=1&q=hop+tac", RoutePagesPlanSearch},
		{true, "page=1&q=x%C3%A3", RoutePagesPlanShort}, // "xã": two letters, three bytes
		{false, "page=4", RoutePagesAPI},
		{false, "page=1&agency=9", RoutePagesAPIFilter},
		{false, "page=1&q=chuyen+doi+so", RoutePagesAPISearch},
		{false, "page=2&q=xa", RoutePagesAPIShort},
	} {
		q, _ := url.ParseQuery(tt.query)
		if got := pagesRoute(tt.html, q); got != tt.want {
			t.Errorf("pagesRoute(%v, %s) = %q, want %q", tt.html, tt.query, got, tt.want)
		}
	}
}
