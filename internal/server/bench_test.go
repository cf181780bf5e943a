package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// BenchmarkPlanPage measures the server time of the demo plan's page and
// its API form, and reports the median of the iterations as median-ms.
//
//	go test -run '^$' -bench PlanPage -benchtime 100x ./internal/server
func BenchmarkPlanPage(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
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
				io.Discard.Write(rec.Body.Bytes())
			}
			sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
			b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "median-ms")
		})
	}
}
