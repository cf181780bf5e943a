package server

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/remind"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestServeRunsTheUrgeJob: a server given the reminder job queues the
// urges due while it runs, and stops the job before Serve returns.
func TestServeRunsTheUrgeJob(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	s := report.NewSchedule(report.Quarterly) // 2026-Q4 is due on 20/12/2026
	s.PlanID = loaded.PlanID
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) }); err != nil {
		t.Fatal(err)
	}
	job := &remind.Job{DB: db, Tick: time.Hour,
		Now: func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, report.Zone()) }}
	srv, err := New(db, Config{Urge: job})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(runCtx, ln) }()
	urges := func() int {
		var n int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key LIKE 'urge:%:2026-Q4:%:before:%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for deadline := time.Now().Add(20 * time.Second); urges() == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if urges() == 0 {
		t.Error("the server queued no urge")
	}
}
