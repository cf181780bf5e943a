package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// BenchmarkPlanPage measures the server time of the demo plan's page and
// its API form, and reports the median of the iterations as median-ms.
//
//	go test -run '^$' -bench PlanPage -benchtime 100x ./internal/server
func BenchmarkPlanPage(b *testing.B) {
	ctx := context.Background()
	db := benchDB(b)
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	admin, err := db.UserByEmail(ctx, loaded.Accounts[0].Email)
	if err != nil {
		b.Fatal(err)
	}
	var token string
	if err := db.Update(ctx, func(tx *store.Tx) error {
		token, err = tx.CreateToken(ctx, admin.ID)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for _, path := range []string{fmt.Sprintf("/plans/%d", loaded.PlanID), fmt.Sprintf("/api/v1/plans/%d", loaded.PlanID)} {
		b.Run(path, func(b *testing.B) {
			durs := make([]time.Duration, 0, b.N)
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				durs = append(durs, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
				}
			}
			sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
			b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "median-ms")
		})
	}
}

// BenchmarkPageMiss measures pages of a 10,000-task plan under a steady
// stream of writes: before each request the plan's revision moves, as a
// progress entry moves it, so every page cached under it is gone and what
// survives writes is what is measured. Random page numbers of the plan
// page (100 rows) and of the task-list API (50), unfiltered.
//
//	go test -run '^$' -bench PageMiss -benchtime 300x -cpuprofile cpu.out ./internal/server
func BenchmarkPageMiss(b *testing.B) {
	ctx := context.Background()
	db := benchDB(b)
	asOf := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	res, err := gen.Generate(ctx, db, gen.Config{Plans: 1, Tasks: 10_000, Progress: 5_000, Seed: 1, AsOf: asOf,
		Password: "bench-password-1"})
	if err != nil {
		b.Fatal(err)
	}
	var adminID int64
	if err := db.SQL().QueryRow(`SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`).Scan(&adminID); err != nil {
		b.Fatal(err)
	}
	var token string
	if err := db.Update(ctx, func(tx *store.Tx) error {
		token, err = tx.CreateToken(ctx, adminID)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(db, server.Config{Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return asOf }})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	planID := res.PlanIDs[0]
	for _, c := range []struct {
		name  string
		path  string
		pages int
	}{
		{"html", fmt.Sprintf("/plans/%d?page=%%d", planID), 100},
		{"api", fmt.Sprintf("/api/v1/tasks?plan=%d&per_page=50&page=%%d", planID), 200},
	} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				b.StopTimer()
				if _, err := db.SQL().Exec(`UPDATE plans SET rev = rev + 1 WHERE id = ?`, planID); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				req := httptest.NewRequest(http.MethodGet, fmt.Sprintf(c.path, 1+(i*37)%c.pages), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}

// benchDB is a fresh, migrated SQLite database for one benchmark.
func benchDB(b *testing.B) *store.DB {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	return db
}
