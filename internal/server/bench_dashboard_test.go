package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// BenchmarkDashboard is issue 19's target for the plan dashboard: at most
// 100 ms server time, cold, on the 10,000-task plan of BenchmarkPageMiss
// (5,000 progress entries), given a monthly reporting schedule with the
// year's reports stored (fillMonthlyReports: nine agencies in ten sent),
// so the rates section reads eleven periods. Every iteration opens a
// fresh database handle and a new server, as BenchmarkTrackingPage does:
// no cache of hoptac's holds the plan, its agencies or its tasks. Reports
// the median as median-ms.
//
//	go test -run '^$' -bench Dashboard -benchtime 20x ./internal/server
func BenchmarkDashboard(b *testing.B) {
	ctx := context.Background()
	path := storetest.DSN(b)
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	asOf := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	res, err := gen.Generate(ctx, db, gen.Config{Plans: 1, Tasks: 10_000, Progress: 5_000, Seed: 1, AsOf: asOf,
		Password: "bench-password-1"})
	if err != nil {
		b.Fatal(err)
	}
	planID := res.PlanIDs[0]
	var adminID int64
	if err := db.SQL().QueryRow(`SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`).Scan(&adminID); err != nil {
		b.Fatal(err)
	}
	var token string
	err = db.Update(ctx, func(tx *store.Tx) error {
		if token, err = tx.CreateToken(ctx, adminID); err != nil {
			return err
		}
		s := report.NewSchedule(report.Monthly)
		s.PlanID = planID
		return tx.CreateSchedule(ctx, &s)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := fillMonthlyReports(ctx, db, planID); err != nil {
		b.Fatal(err)
	}
	if db.Dialect() == "postgres" {
		// What autovacuum does to a real database after a bulk insert:
		// without it the planner weighs tables it has no statistics of
		// (reltuples -1) and the covering indexes cannot answer alone,
		// their pages not yet marked all-visible.
		if _, err := db.SQL().ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()

	page := fmt.Sprintf("/plans/%d/dashboard", planID)
	durs := make([]time.Duration, 0, b.N)
	cpus := make([]time.Duration, 0, b.N)
	var dbCPUs []time.Duration
	for b.Loop() {
		b.StopTimer()
		cold, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		srv, err := server.New(cold, server.Config{Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return asOf }})
		if err != nil {
			b.Fatal(err)
		}
		h := srv.Handler()
		if err := cold.SQL().PingContext(ctx); err != nil {
			b.Fatal(err)
		}
		// As hoptac serve starts (internal/cli/serve.go) and as
		// BenchmarkTrackingPage's cold mode does: the pooled connections
		// have loaded the catalog, which a new PostgreSQL backend pays
		// for on its first queries; no data is read or cached.
		if err := cold.Warm(ctx, store.WarmConns); err != nil {
			b.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, page, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		backends := backendPIDs(ctx, b, cold)
		db0 := backendCPU(backends)
		b.StartTimer()
		cpu0 := processCPU(b)
		start := time.Now()
		h.ServeHTTP(rec, req)
		durs = append(durs, time.Since(start))
		cpus = append(cpus, processCPU(b)-cpu0)
		b.StopTimer()
		if backends != nil && cold.SQL().Stats().OpenConnections == len(backends) {
			dbCPUs = append(dbCPUs, backendCPU(backends)-db0)
		}
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "2026-M11") || !strings.Contains(rec.Body.String(), "10.000") {
			b.Fatalf("%s: %d %.300s", page, rec.Code, rec.Body.String())
		}
		cold.Close()
		b.StartTimer()
	}
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(cpus[len(cpus)/2].Microseconds())/1000, "median-cpu-ms")
	if len(dbCPUs) > 0 {
		sort.Slice(dbCPUs, func(i, j int) bool { return dbCPUs[i] < dbCPUs[j] })
		b.ReportMetric(float64(dbCPUs[len(dbCPUs)/2].Microseconds())/1000, "median-db-cpu-ms")
	}
}

// backendPIDs are the PostgreSQL server processes of db's pooled
// connections, when the server runs on this machine; nil on SQLite, whose
// work is the process's own CPU time. Read before the clock starts.
func backendPIDs(ctx context.Context, b *testing.B, db *store.DB) []int {
	if db.Dialect() != "postgres" {
		return nil
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			b.Fatal(err)
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d/schedstat", pid)); err != nil {
			return nil // a server elsewhere: its CPU time is not ours to read
		}
		pids = append(pids, pid)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return pids
}

// backendCPU is the CPU time the given PostgreSQL backends have used:
// on a machine shared by other builds, the database's share of a page's
// wall time cannot be told from waiting for a core without it. The first
// field of /proc/PID/schedstat is the time on CPU in nanoseconds.
func backendCPU(pids []int) time.Duration {
	var total time.Duration
	for _, pid := range pids {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
		if err != nil {
			continue
		}
		if f := strings.Fields(string(raw)); len(f) > 0 {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			total += time.Duration(n)
		}
	}
	return total
}

// processCPU is the CPU time the process has used, user and system: on a
// machine shared with other builds the wall time of a request grows with
// the load, its CPU time much less, so the benchmark reports both.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
