package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func enqueue(t *testing.T, db *store.DB, m store.OutboxMessage) bool {
	t.Helper()
	var queued bool
	update(t, db, func(tx *store.Tx) error {
		var err error
		queued, err = tx.EnqueueMail(context.Background(), m)
		return err
	})
	return queued
}

func TestEnqueueMailOncePerDedupeKey(t *testing.T) {
	db := newTestDB(t)
	m := store.OutboxMessage{To: "an@example.org", Subject: "Đôn đốc báo cáo", Body: "Nội dung", Kind: "urge", DedupeKey: "urge:1:7d"}
	if !enqueue(t, db, m) {
		t.Fatal("first enqueue: not queued")
	}
	if enqueue(t, db, m) {
		t.Error("second enqueue with the same key: queued again")
	}
	if n := count(t, db, "mail_outbox"); n != 1 {
		t.Errorf("outbox has %d rows, want 1", n)
	}
	// Without a key every message is its own.
	m.DedupeKey = ""
	first, second := enqueue(t, db, m), enqueue(t, db, m)
	if !first || !second {
		t.Error("messages without a dedupe key: not each queued")
	}
	got, err := db.OutboxByState(context.Background(), store.MailPending, store.Page{})
	if err != nil || len(got) != 3 {
		t.Fatalf("pending = %d, %v; want 3", len(got), err)
	}
	if last := got[2]; last.Subject != "Đôn đốc báo cáo" || last.State != store.MailPending || last.Attempts != 0 ||
		!last.NextAttemptAt.Equal(fixedNow) {
		t.Errorf("stored message %+v", last)
	}
}

func TestEnqueueMailIsPartOfTheCallersTransaction(t *testing.T) {
	db := newTestDB(t)
	boom := errors.New("the caller's change failed")
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.EnqueueMail(context.Background(), store.OutboxMessage{To: "an@example.org", Subject: "x", DedupeKey: "k"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || count(t, db, "mail_outbox") != 0 {
		t.Errorf("rolled back: err %v, %d messages left", err, count(t, db, "mail_outbox"))
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.EnqueueMail(context.Background(), store.OutboxMessage{To: "không phải địa chỉ", Subject: "x"})
		return err
	})
	wantField(t, err, "to")
}

func TestClaimMailLifecycle(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	for i := range 3 {
		enqueue(t, db, store.OutboxMessage{To: "an@example.org", Subject: fmt.Sprint("thư ", i), DedupeKey: fmt.Sprint("k", i)})
	}
	got, err := db.ClaimMail(ctx, "A", time.Minute, 2)
	if err != nil || len(got) != 2 {
		t.Fatalf("A claims %d, %v; want 2", len(got), err)
	}
	if got[0].State != store.MailSending || got[0].ClaimedBy != "A" || got[0].Attempts != 1 {
		t.Errorf("claimed %+v", got[0])
	}
	rest, err := db.ClaimMail(ctx, "B", time.Minute, 10)
	if err != nil || len(rest) != 1 || rest[0].ID == got[0].ID || rest[0].ID == got[1].ID {
		t.Fatalf("B claims %+v, %v; want only the third", rest, err)
	}
	// Only the claimant marks a message sent.
	if err := db.MarkMailSent(ctx, got[0].ID, "B"); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("B marks A's message sent: %v, want a conflict", err)
	}
	if err := db.MarkMailSent(ctx, got[0].ID, "A"); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.OutboxMessage(ctx, got[0].ID); m.State != store.MailSent || m.SentAt == nil || m.ClaimedBy != "" {
		t.Errorf("after sending: %+v", m)
	}
	// A failed attempt waits for its retry time.
	retry := fixedNow.Add(10 * time.Minute)
	if err := db.MarkMailFailed(ctx, got[1].ID, "A", "421 thử lại sau", retry, false); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.ClaimMail(ctx, "B", time.Minute, 10); len(again) != 0 {
		t.Errorf("claimed before its retry time: %+v", again)
	}
	// B dies while sending the third; its claim expires and A takes it over.
	setClock(db, retry)
	again, err := db.ClaimMail(ctx, "A", time.Minute, 10)
	if err != nil || len(again) != 2 {
		t.Fatalf("after the retry time and the lease: claimed %d, %v; want 2", len(again), err)
	}
	for _, m := range again {
		if m.ID == rest[0].ID && m.Attempts != 2 {
			t.Errorf("a message taken over after a crash has %d attempts, want 2", m.Attempts)
		}
	}
	if err := db.MarkMailSent(ctx, rest[0].ID, "B"); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("B, back after its lease, marks sent: %v, want a conflict", err)
	}
	if err := db.MarkMailFailed(ctx, got[1].ID, "A", "550 hộp thư không tồn tại", retry, true); err != nil {
		t.Fatal(err)
	}
	failed, err := db.OutboxByState(ctx, store.MailFailed, store.Page{})
	if err != nil || len(failed) != 1 || failed[0].LastError != "550 hộp thư không tồn tại" || failed[0].Attempts != 2 {
		t.Errorf("failed = %+v, %v", failed, err)
	}
	setClock(db, retry.Add(time.Hour))
	if again, _ := db.ClaimMail(ctx, "B", time.Minute, 10); len(again) != 1 || again[0].ID != rest[0].ID {
		t.Errorf("a failed or sent message claimed again: %+v", again)
	}
}

// TestClaimMailTwoServers claims from two handles on one database (two
// servers on one PostgreSQL), several workers each, until the outbox is
// empty: every message is claimed exactly once.
func TestClaimMailTwoServers(t *testing.T) {
	dsn := storetest.DSN(t)
	a, b := storetest.OpenAt(t, dsn), storetest.OpenAt(t, dsn)
	const n = 60
	update(t, a, func(tx *store.Tx) error {
		for i := range n {
			if _, err := tx.EnqueueMail(context.Background(), store.OutboxMessage{To: "an@example.org", Subject: "s",
				DedupeKey: fmt.Sprint("m", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		db := a
		if w%2 == 1 {
			db = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("worker-", w)
			for {
				got, err := db.ClaimMail(context.Background(), name, time.Hour, 3)
				if err != nil {
					errs <- err
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					if prev, dup := seen[m.ID]; dup {
						errs <- fmt.Errorf("message %d claimed by %s and %s", m.ID, prev, name)
					}
					seen[m.ID] = name
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != n {
		t.Errorf("%d messages claimed, want %d", len(seen), n)
	}
}
