package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/smtptest"
	"github.com/hoptac/hoptac/internal/store"
)

// TestServeSendsQueuedMail: `hoptac serve` runs the mail worker with the
// SMTP server named by HOPTAC_SMTP_*, sends what was queued before it
// started, and stops it on shutdown.
func TestServeSendsQueuedMail(t *testing.T) {
	box := smtptest.Start(t)

	dbPath := filepath.Join(t.TempDir(), "mail.db")
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.EnqueueMail(ctx, store.OutboxMessage{To: "so-tai-chinh@example.org", Subject: "Đôn đốc báo cáo",
			Body: "Đề nghị gửi báo cáo.", DedupeKey: "urge:serve"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	vars := map[string]string{"HOPTAC_SMTP_HOST": box.Host, "HOPTAC_SMTP_PORT": strconv.Itoa(box.Port),
		"HOPTAC_SMTP_TLS": "none", "HOPTAC_SMTP_FROM": "hoptac@example.org"}
	runCtx, cancel := context.WithCancel(ctx)
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(runCtx, []string{"serve", "--addr", faulttest.FreeAddr(t), "--db", dbPath},
			Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return vars[k] }})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for len(box.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d; stderr %s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if got := box.Messages(); len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "so-tai-chinh@example.org" {
		t.Fatalf("received %v; stderr %s", got, errOut.String())
	}
	if !strings.Contains(errOut.String(), "mail worker stopped") {
		t.Errorf("the worker did not stop with the server; stderr %s", errOut.String())
	}
	db, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if sent, _ := db.OutboxByState(ctx, store.MailSent, store.Page{}); len(sent) != 1 {
		t.Errorf("the message is not marked sent: %+v", sent)
	}
}
