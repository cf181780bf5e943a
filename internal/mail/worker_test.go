package mail_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)

func newWorker(db *store.DB, cfg hmail.Config) *hmail.Worker {
	w := hmail.NewWorker(db, func(string) string { return "" }, nil)
	w.Config = func(context.Context) (hmail.Config, error) { return cfg, nil }
	w.Tick = 5 * time.Millisecond
	w.Batch = 4
	w.MaxAttempts = 3
	return w
}

func queue(t *testing.T, db *store.DB, msgs ...store.OutboxMessage) {
	t.Helper()
	if err := db.Update(context.Background(), func(tx *store.Tx) error {
		for _, m := range msgs {
			if _, err := tx.EnqueueMail(context.Background(), m); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// Two workers on separate handles of one database (two servers on one
// PostgreSQL, under HOPTAC_TEST_BACKEND=postgres) send N messages: the
// SMTP server receives each exactly once.
func TestTwoWorkersSendEachMessageOnce(t *testing.T) {
	d, cfg := startSMTP(t)
	dsn := storetest.DSN(t)
	a, b := storetest.OpenAt(t, dsn), storetest.OpenAt(t, dsn)
	const n = 40
	var msgs []store.OutboxMessage
	for i := range n {
		msgs = append(msgs, store.OutboxMessage{To: fmt.Sprintf("can-bo-%d@example.org", i),
			Subject: fmt.Sprintf("Đôn đốc báo cáo số %d", i), Body: "Nội dung", Kind: "urge", DedupeKey: fmt.Sprint("urge:", i)})
	}
	queue(t, a, msgs...)
	queue(t, b, msgs...) // the other server queues the same reminders: nothing new
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, db := range []*store.DB{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); newWorker(db, cfg).Run(ctx) }()
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(d.Messages()) < n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // room for a duplicate to arrive
	cancel()
	wg.Wait()
	seen := map[string]int{}
	for _, m := range d.Messages() {
		seen[m.To[0]]++
	}
	for i := range n {
		if to := fmt.Sprintf("can-bo-%d@example.org", i); seen[to] != 1 {
			t.Errorf("%s received %d times, want once", to, seen[to])
		}
	}
	sent, err := a.OutboxByState(context.Background(), store.MailSent, store.Page{PerPage: 100})
	if err != nil || len(sent) != n {
		t.Errorf("%d marked sent, %v; want %d", len(sent), err, n)
	}
}

// A server that refuses: the message is retried after a backoff that
// doubles, then failed with the server's error, and never sent.
func TestWorkerRetriesWithBackoffThenFails(t *testing.T) {
	d, cfg := startSMTP(t)
	d.SetFailing(true)
	db := storetest.Open(t)
	now := t0
	db.Now = func() time.Time { return now }
	queue(t, db, store.OutboxMessage{To: "an@example.org", Subject: "Đôn đốc", Body: "x", DedupeKey: "k"})
	w := newWorker(db, cfg)
	w.Backoff, w.MaxBackoff = time.Minute, time.Hour
	ctx := context.Background()
	var id int64
	for attempt, wait := range []time.Duration{time.Minute, 2 * time.Minute} {
		res, err := w.RunOnce(ctx)
		if err != nil || res != (hmail.Result{Retried: 1}) {
			t.Fatalf("attempt %d: %+v, %v; want one retry", attempt+1, res, err)
		}
		pending, _ := db.OutboxByState(ctx, store.MailPending, store.Page{})
		if len(pending) != 1 || !pending[0].NextAttemptAt.Equal(now.Add(wait)) || pending[0].Attempts != attempt+1 {
			t.Fatalf("after attempt %d: %+v; want the next at +%v", attempt+1, pending, wait)
		}
		id = pending[0].ID
		// Not before its time.
		if res, _ := w.RunOnce(ctx); res != (hmail.Result{}) {
			t.Fatalf("retried before the backoff ended: %+v", res)
		}
		now = now.Add(wait)
	}
	res, err := w.RunOnce(ctx)
	if err != nil || res != (hmail.Result{Failed: 1}) {
		t.Fatalf("last attempt: %+v, %v; want failed", res, err)
	}
	m, err := db.OutboxMessage(ctx, id)
	if err != nil || m.State != store.MailFailed || m.Attempts != 3 || !strings.Contains(m.LastError, "tạm thời không nhận thư") {
		t.Errorf("failed message %+v, %v", m, err)
	}
	d.SetFailing(false)
	now = now.Add(24 * time.Hour)
	if res, _ := w.RunOnce(ctx); res != (hmail.Result{}) || len(d.Messages()) != 0 {
		t.Errorf("a failed message was tried again: %+v", res)
	}
}

// Without a host nothing is claimed, so no attempt is spent.
func TestWorkerWaitsForConfiguration(t *testing.T) {
	db := storetest.Open(t)
	queue(t, db, store.OutboxMessage{To: "an@example.org", Subject: "s", Body: "b", DedupeKey: "k"})
	w := newWorker(db, hmail.Config{})
	if res, err := w.RunOnce(context.Background()); err != nil || res != (hmail.Result{}) {
		t.Fatalf("unconfigured: %+v, %v", res, err)
	}
	pending, _ := db.OutboxByState(context.Background(), store.MailPending, store.Page{})
	if len(pending) != 1 || pending[0].Attempts != 0 {
		t.Errorf("unconfigured worker touched the outbox: %+v", pending)
	}
}

// Run returns promptly when its context is cancelled.
func TestWorkerStopsOnCancel(t *testing.T) {
	_, cfg := startSMTP(t)
	w := newWorker(storetest.Open(t), cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

// Drain sends everything due in several batches, then stops; a message
// whose retry is not yet due does not keep it looping.
func TestWorkerDrain(t *testing.T) {
	d, cfg := startSMTP(t)
	db := storetest.Open(t)
	var msgs []store.OutboxMessage
	for i := range 10 {
		msgs = append(msgs, store.OutboxMessage{To: fmt.Sprintf("a%d@example.org", i), Subject: "s", Body: "b", DedupeKey: fmt.Sprint(i)})
	}
	queue(t, db, msgs...)
	res, err := newWorker(db, cfg).Drain(context.Background()) // batches of 4
	if err != nil || res != (hmail.Result{Sent: 10}) || len(d.Messages()) != 10 {
		t.Errorf("drain: %+v, %v, %d received; want 10 sent", res, err, len(d.Messages()))
	}
	d.SetFailing(true)
	queue(t, db, store.OutboxMessage{To: "b@example.org", Subject: "s", Body: "b", DedupeKey: "later"})
	if res, err := newWorker(db, cfg).Drain(context.Background()); err != nil || res != (hmail.Result{Retried: 1}) {
		t.Errorf("drain with a refusing server: %+v, %v; want one retry, then stop", res, err)
	}
}
