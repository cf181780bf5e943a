package load

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// BenchmarkRoutes measures the server's own time on each route the load
// tool uses, in process (no network, no client), on a database made by
// hoptac gen and named in HOPTAC_BENCH_DB. Use a copy: sessions and a token
// are written. Each route runs once with a session cookie, as browsers
// send, and once with a bearer token, which skips the session store; the
// difference is the cost of the session. "cold" is the first request after
// a change, which cannot come from the cache. With -cpuprofile it shows where
// a route spends its time:
//
//	cp /tmp/perf.db /tmp/bench.db
//	HOPTAC_BENCH_DB=/tmp/bench.db go test -run '^$' -bench Routes -cpuprofile cpu.out ./internal/load
//	go tool pprof -top -cum cpu.out
func BenchmarkRoutes(b *testing.B) {
	ctx := context.Background()
	db, h := benchServer(b)

	plans, _, err := db.Plans(ctx, 1, store.MaxPerPage)
	if err != nil || len(plans) == 0 {
		b.Fatalf("no plans: %v", err)
	}
	big := plans[0]
	for _, p := range plans {
		if p.TaskCount > big.TaskCount {
			big = p
		}
	}
	tasks, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: big.ID, PerPage: 2})
	if err != nil || len(tasks) < 2 {
		b.Fatalf("no tasks: %v", err)
	}
	finance, err := db.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		b.Fatal(err)
	}
	viewer, err := db.UserByEmail(ctx, gen.ViewerEmail)
	if err != nil {
		b.Fatal(err)
	}
	var token string
	if err := db.Update(ctx, func(tx *store.Tx) error {
		token, err = tx.CreateToken(ctx, viewer.ID)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	viewerCookie := benchLogin(b, h, gen.ViewerEmail)
	officerCookie := benchLogin(b, h, gen.AgencyEmail(finance.ID))

	p, t, a := fmt.Sprint(big.ID), fmt.Sprint(tasks[0].ID), fmt.Sprint(finance.ID)
	routes := []struct{ name, path, cookie string }{
		{RoutePlans, "/plans", viewerCookie},
		{RoutePlan, "/plans/" + p, viewerCookie},
		{RoutePlanOverdue, "/plans/" + p + "?status=overdue", viewerCookie},
		{RoutePlanAgency, "/plans/" + p + "?agency=" + a, viewerCookie},
		{RoutePlanSearch, "/plans/" + p + "?q=" + url.QueryEscape(search), viewerCookie},
		{RouteTask, "/tasks/" + t, viewerCookie},
		{RouteMy, "/my", officerCookie},
		{RouteAPIPlanTasks, "/api/v1/tasks?per_page=50&plan=" + p, viewerCookie},
		{RouteAPIPlanTasks + " last page", fmt.Sprintf("/api/v1/tasks?per_page=50&plan=%s&page=%d", p, pages(big.TaskCount, 50)), viewerCookie},
		{RouteAPIMyTasks, "/api/v1/tasks?per_page=50&agency=" + a, viewerCookie},
		{RouteAPITask, "/api/v1/tasks/" + t, viewerCookie},
	}
	serve := func(b *testing.B, path, auth, cookie string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if auth == "cookie" {
			req.Header.Set("Cookie", cookie)
		} else {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Errorf("%s: %d %s", path, rec.Code, rec.Body.String())
		}
	}
	touch := func(b *testing.B) {
		pct := 50
		if err := db.Update(ctx, func(tx *store.Tx) error {
			return tx.RecordProgress(ctx, &plan.Progress{TaskID: tasks[1].ID, // not the task read below Status: plan.StatusInProgress,
				Percent: &pct, Note: "benchmark"}, nil)
		}); err != nil {
			b.Fatal(err)
		}
	}
	for _, rt := range routes {
		for _, auth := range []string{"cookie", "token"} {
			if auth == "token" && rt.cookie != viewerCookie {
				continue // the officer has no token
			}
			name := strings.NewReplacer(" ", "_", "/", "∕").Replace(rt.name) + "/" + auth
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					serve(b, rt.path, auth, rt.cookie)
				}
			})
			// Cold: a progress entry just changed the plan, so the cached
			// lists and pages are stale and the route computes its answer.
			if auth == "cookie" {
				b.Run(name+"/cold", func(b *testing.B) {
					for b.Loop() {
						b.StopTimer()
						touch(b)
						b.StartTimer()
						serve(b, rt.path, auth, rt.cookie)
					}
				})
			}
			// The same with 50 concurrent requests, as the load tool sends:
			// the difference shows waits on locks and the connection pool.
			b.Run(name+"/parallel50", func(b *testing.B) {
				b.SetParallelism((50 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						serve(b, rt.path, auth, rt.cookie)
					}
				})
			})
		}
	}
}

// benchLogin logs in through the handler and returns the session cookie.
func benchLogin(b *testing.B, h http.Handler, email string) string {
	b.Helper()
	form := url.Values{"email": {email}, "password": {gen.DefaultPassword}, "next": {"/"}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "hoptac_session" {
			return c.Name + "=" + c.Value
		}
	}
	b.Fatalf("login %s: %d, no session cookie", email, rec.Code)
	return ""
}

// benchServer opens the database HOPTAC_BENCH_DB names, made by hoptac gen,
// and the application on it; the benchmark is skipped without one.
func benchServer(b *testing.B) (*store.DB, http.Handler) {
	b.Helper()
	dsn := os.Getenv("HOPTAC_BENCH_DB")
	if dsn == "" {
		b.Skip("HOPTAC_BENCH_DB names no database made by hoptac gen")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil { // a database made by an older hoptac
		b.Fatal(err)
	}
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	return db, srv.Handler()
}
