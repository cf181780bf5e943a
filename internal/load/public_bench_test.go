package load

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// The portal benchmarks run on the register benchmarks' database
// (registerBenchDB: 200.000 organisations × 10 years and gen's plan),
// with the plan published.
//
//	go test -run '^$' -bench 'PortalHome' -benchtime 50x ./internal/load
//	go test -run '^$' -bench 'PortalLoad' -benchtime 1x ./internal/load
func publicBenchDB(b *testing.B) *store.DB {
	b.Helper()
	db := registerBenchDB(b)
	if _, err := db.SQL().Exec(`UPDATE plans SET published_at = '2026-12-01T00:00:00.000000Z' WHERE published_at IS NULL`); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkPortalHomeCold is the portal's home page with nothing cached:
// a server without its caches on a store handle without its own, so every
// request reads the published plans, their tasks and the register's
// totals by province and form (kept at that grain, migration 00032) from
// the database. The target is 50 ms.
func BenchmarkPortalHomeCold(b *testing.B) {
	db := publicBenchDB(b)
	dsn := os.Getenv("HOPTAC_BENCH_REGISTER_DSN")
	if dsn != "" {
		// A handle of its own, so the cache can be off for it alone.
		var err error
		if db, err = store.Open(context.Background(), dsn); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
	}
	db.DisableCache()
	// The province totals kept in the database (migration 00032) are made
	// once after the migration or a unit import, not per process: made
	// here, before timing, as a database in service has them.
	if _, err := db.PortalProvinceCounts(context.Background()); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler), NoCache: true})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/cong-khai", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkPortalHomeAfterProgress is the home page after each progress
// entry on the published plan (its revision moves): the page is built
// again from the plans, while the register's counts stay cached under
// the register's revision.
func BenchmarkPortalHomeAfterProgress(b *testing.B) {
	homeAfterWrite(b, `UPDATE plans SET rev = rev + 1 WHERE published_at IS NOT NULL`)
}

// BenchmarkPortalHomeAfterRegisterWrite is the home page after each
// register write (the register's revision moves, as the triggers of
// migration 00023 move it): the page and the province totals are made
// afresh, reading the version, the plans and the kept province totals
// (migration 00032).
func BenchmarkPortalHomeAfterRegisterWrite(b *testing.B) {
	homeAfterWrite(b, `UPDATE portal_revs SET rev = rev + 1 WHERE name = 'register'`)
}

// homeAfterWrite times the cached server's home page, each request after
// write (not timed) moved a revision its cache depends on.
func homeAfterWrite(b *testing.B, write string) {
	db := publicBenchDB(b)
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	get := func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/cong-khai", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	get()
	for b.Loop() {
		b.StopTimer()
		if _, err := db.SQL().Exec(write); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		get()
	}
}

// BenchmarkPortalHomeWarm is the same page answered from the cache: the
// version query and the copy of the answer.
func BenchmarkPortalHomeWarm(b *testing.B) {
	db := publicBenchDB(b)
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	get := func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/cong-khai", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	get() // the cache filled before timing
	for b.Loop() {
		get()
	}
}

// BenchmarkPortalLoad is the load tool's public scenario at concurrency
// 50 through a real listener, after one request of each page has warmed
// the cache; it reports the requests a second overall and for the home
// page. The target is 2.000 a second.
func BenchmarkPortalLoad(b *testing.B) {
	db := publicBenchDB(b)
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	secs := benchEnv(b, "HOPTAC_BENCH_SECONDS", 10)
	// Warm: every route once.
	if _, err := Run(context.Background(), Config{URL: ts.URL, Scenario: ScenarioPublic, Users: 1, Requests: 200,
		Duration: time.Minute, ServerPID: -1, Seed: 2}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rep, err := Run(context.Background(), Config{URL: ts.URL, Scenario: ScenarioPublic, Users: 50,
			Duration: time.Duration(secs) * time.Second, ServerPID: -1, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		rep.WriteTable(&out)
		b.Log("\n" + out.String())
		if rep.Errors() != 0 {
			b.Errorf("%d errors: %v", rep.Errors(), rep.ErrorSamples)
		}
		b.ReportMetric(rep.Total.PerSecond, "req/s")
		if s, ok := rep.Route(RoutePubHome); ok {
			b.ReportMetric(float64(s.P95.Microseconds())/1000, "home-p95-ms")
		}
	}
}

// BenchmarkPortalHomeWarmParallel is BenchmarkPortalHomeWarm from as many
// goroutines as the machine has cores, without a listener: the server's
// capacity for cached answers, apart from the load tool's own work.
func BenchmarkPortalHomeWarmParallel(b *testing.B) {
	db := publicBenchDB(b)
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/cong-khai", nil))
	b.SetParallelism(25) // 50 goroutines on 2 cores, as the load test's 50 users
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/cong-khai", nil))
			if rec.Code != http.StatusOK {
				b.Errorf("status %d", rec.Code)
				return
			}
		}
	})
}

// BenchmarkPortalProvincesRebuild is the first read of the kept province
// totals after a unit import (migration 00032): each iteration marks them
// stale, as a unit import does, and reads them, which makes them again
// from the commune cells with every commune placed afresh.
func BenchmarkPortalProvincesRebuild(b *testing.B) {
	db := publicBenchDB(b)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		if _, err := db.SQL().Exec(`UPDATE portal_revs SET rev = rev + 1 WHERE name = 'units'`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.PortalProvinceCounts(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
