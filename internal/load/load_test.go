package load

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// demoServer runs the whole application on the demo province and returns
// its URL and accounts: every demo account reads; the officer of Sở Tài
// chính also writes.
func demoServer(t *testing.T) (url string, readers, writers []Account) {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's passwords are one-time; these tests log in to test other things.
	storetest.SkipFirstLogin(t, db)
	url = serveDB(t, db)
	finance, err := db.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range loaded.Accounts {
		acct := Account{Email: a.Email, Password: a.Password}
		if a.Email == "taichinh@hoptac.local" {
			acct.AgencyID = finance.ID
			writers = append(writers, acct)
		}
		readers = append(readers, acct)
	}
	return url, readers, writers
}

// mixedRunsAtMost bounds TestRunMixed: short runs follow one another
// until every route has been requested, and a route still missing after
// this many (a minute of runs) is never requested at all.
const mixedRunsAtMost = 40

// Short mixed runs, readers and one officer writing, with no errors,
// plausible figures and every route it requested in each report; run
// after run until every route of the paths has been requested in one of
// them, so a loaded machine that serves fewer requests a run only takes
// more runs.
func TestRunMixed(t *testing.T) {
	url, readers, writers := demoServer(t)
	seen := map[string]bool{}
	missing := func() []string {
		var out []string
		for _, route := range mixedRoutes() {
			if route != RouteLogin && !seen[route] {
				out = append(out, route)
			}
		}
		return out
	}
	for run := 0; len(missing()) > 0; run++ {
		if run == mixedRunsAtMost {
			t.Fatalf("after %d runs, routes never requested: %v", run, missing())
		}
		rep, err := Run(context.Background(), Config{URL: url, Users: 6, WriteUsers: 1, Duration: 1500 * time.Millisecond,
			Requests: 2000, Readers: readers, Writers: writers, Seed: 3 + uint64(run)})
		if err != nil {
			t.Fatal(err)
		}
		checkMixedReport(t, rep, run)
		for _, s := range rep.Routes {
			if s.Count > 0 {
				seen[s.Route] = true
			}
		}
	}
}

// checkMixedReport checks one mixed run's report: no errors, every user
// logged in, and for each route requested plausible figures and a line
// of the table; the routes add up to the total.
func checkMixedReport(t *testing.T, rep *Report, run int) {
	t.Helper()
	var out bytes.Buffer
	rep.WriteTable(&out)
	t.Logf("run %d:\n%s", run, out.String())
	if n := rep.Errors(); n != 0 {
		t.Fatalf("run %d: %d errors: %v", run, n, rep.ErrorSamples)
	}
	if rep.Login.Count != 6 {
		t.Errorf("run %d: %d logins, want 6", run, rep.Login.Count)
	}
	for _, route := range mixedRoutes() {
		s, ok := rep.Route(route)
		if route == RouteLogin || !ok || s.Count == 0 {
			continue
		}
		if s.P50 <= 0 || s.P50 > s.P95 || s.P95 > s.P99 || s.P99 > s.Max || s.PerSecond <= 0 {
			t.Errorf("run %d, %s: implausible stats %+v", run, route, s)
		}
		if !strings.Contains(out.String(), "| "+route+" ") {
			t.Errorf("run %d: table has no line for %s", run, route)
		}
	}
	sum := 0
	for _, s := range rep.Routes {
		sum += s.Count
	}
	if sum != rep.Total.Count || !strings.Contains(out.String(), "**tổng**") {
		t.Errorf("run %d: total %d, routes add up to %d", run, rep.Total.Count, sum)
	}
}

// The request cap stops a run long before its duration.
func TestRunStopsAtRequestCap(t *testing.T) {
	url, readers, _ := demoServer(t)
	start := time.Now()
	rep, err := Run(context.Background(), Config{URL: url, Users: 3, Duration: time.Minute, Requests: 40, Readers: readers})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Count != 40 || rep.Errors() != 0 {
		t.Errorf("%d requests, %d errors; want 40, 0", rep.Total.Count, rep.Errors())
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("run took %v with a cap of 40 requests", time.Since(start))
	}
}

// With a think time users pause between requests: far fewer requests.
func TestRunThinkTime(t *testing.T) {
	url, readers, _ := demoServer(t)
	rep, err := Run(context.Background(), Config{URL: url, Users: 2, Duration: time.Second, Readers: readers,
		Think: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Each user waits at least 50 ms between requests: at most 21 each.
	if n := rep.Total.Count; n < 4 || n > 42 || rep.Errors() != 0 {
		t.Errorf("%d requests, %d errors in 1 s with 2 users thinking 100 ms", n, rep.Errors())
	}
}

func TestRunList10k(t *testing.T) {
	url, readers, _ := demoServer(t)
	rep, err := Run(context.Background(), Config{URL: url, Scenario: ScenarioList10k, Users: 2,
		Duration: 500 * time.Millisecond, Readers: readers})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Routes) != 1 || rep.Routes[0].Route != RouteAPIPlanTasks || rep.Routes[0].Count == 0 || rep.Errors() != 0 {
		t.Errorf("list10k report: %+v, errors %v", rep.Routes, rep.ErrorSamples)
	}
}

// A wrong password is an error of the login line, and a run with no user
// logged in fails saying why.
func TestRunBadPassword(t *testing.T) {
	url, readers, _ := demoServer(t)
	bad := []Account{readers[0], {Email: readers[1].Email, Password: "sai-mat-khau-roi"}}
	rep, err := Run(context.Background(), Config{URL: url, Users: 2, Duration: 300 * time.Millisecond, Readers: bad})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Login.Errors != 1 || rep.Errors() != 1 {
		t.Errorf("login errors %d, total %d; want 1, 1 (%v)", rep.Login.Errors, rep.Errors(), rep.ErrorSamples)
	}
	_, err = Run(context.Background(), Config{URL: url, Users: 1, Duration: time.Second,
		Readers: []Account{{Email: "khong-co@hoptac.local", Password: "sai-mat-khau-roi"}}})
	if err == nil || !strings.Contains(err.Error(), "khong-co@hoptac.local") {
		t.Errorf("run with no valid account: %v", err)
	}
}

func TestCheckURL(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:8080", "http://127.0.0.2", "https://localhost:8443/",
		"http://LOCALHOST", "http://[::1]:8080", "http://127.0.0.1:8080/hoptac"} {
		if _, err := CheckURL(ok); err != nil {
			t.Errorf("CheckURL(%q) = %v, want accepted", ok, err)
		}
	}
	for _, bad := range []string{"http://example.com", "http://10.0.0.5:8080", "http://192.168.1.10",
		"http://[2001:db8::1]:8080", "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://0.0.0.0:8080"} {
		_, err := CheckURL(bad)
		var nl *NotLoopbackError
		if !errors.As(err, &nl) || !strings.Contains(err.Error(), "chỉ thử tải máy chủ chạy trên chính máy này") {
			t.Errorf("CheckURL(%q) = %v, want a refusal", bad, err)
		}
	}
	for _, bad := range []string{"ftp://127.0.0.1", "127.0.0.1:8080", "", "http://"} {
		if _, err := CheckURL(bad); err == nil {
			t.Errorf("CheckURL(%q) accepted", bad)
		}
	}
	// Run refuses before sending anything.
	_, err := Run(context.Background(), Config{URL: "http://203.0.113.7:8080", Users: 1, Duration: time.Second})
	var nl *NotLoopbackError
	if !errors.As(err, &nl) {
		t.Errorf("Run on a remote host: %v", err)
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 200; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for _, tt := range []struct {
		p    int
		want time.Duration
	}{{50, 100 * time.Millisecond}, {95, 190 * time.Millisecond}, {99, 198 * time.Millisecond}, {100, 200 * time.Millisecond}} {
		if got := percentile(d, tt.p); got != tt.want {
			t.Errorf("p%d = %v, want %v", tt.p, got, tt.want)
		}
	}
	if got := percentile(d[:1], 99); got != time.Millisecond {
		t.Errorf("p99 of one = %v", got)
	}
}

// serveDB runs the whole application on db for the rest of the test and
// returns its URL.
func serveDB(t *testing.T, db *store.DB) string {
	t.Helper()
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}
