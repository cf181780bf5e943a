package load

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkPagesScenario runs the pages scenario (readers on random pages
// while progress is written at 20 a second) against the application in
// this process, on a copy of a database made by hoptac gen named in
// HOPTAC_BENCH_DB, so that -cpuprofile shows where the server spends its
// time under writes. The load tool's own work is in the same profile:
// focus on internal/server, web, api and store.
//
//	cp /tmp/perf/p10k.db /tmp/bench.db
//	HOPTAC_BENCH_DB=/tmp/bench.db go test -run '^$' -bench PagesScenario -benchtime 1x -cpuprofile cpu.out ./internal/load
func BenchmarkPagesScenario(b *testing.B) {
	ctx := context.Background()
	_, h := benchServer(b)
	ts := httptest.NewServer(h)
	defer ts.Close()
	for b.Loop() {
		rep, err := Run(ctx, Config{URL: ts.URL, Scenario: ScenarioPages, Users: 10, Duration: 15 * time.Second,
			Password: "hoptac-load-2026", Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Total.Errors > 0 {
			b.Fatalf("%d errors", rep.Total.Errors)
		}
		b.ReportMetric(rep.Total.PerSecond, "req/s")
	}
}
