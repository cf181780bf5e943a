package mail_test

import (
	"context"
	"strings"
	"testing"

	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/store"
)

// The message read back from a real SMTP server has its Vietnamese
// subject, sender name and body intact after decoding.
func TestSMTPSendsVietnameseIntact(t *testing.T) {
	d, cfg := startSMTP(t)
	m := store.OutboxMessage{To: "so-tai-chinh@example.org", Subject: "Đôn đốc báo cáo quý IV năm 2026 – Sở Tài chính",
		Body: "Kính gửi Sở Tài chính,\n\nĐề nghị quý cơ quan gửi báo cáo tiến độ trước ngày 30/12/2026.\n" +
			"Trân trọng cảm ơn. Ưu tiên: “khẩn”.\n" + strings.Repeat("Dòng rất dài có dấu tiếng Việt ", 10)}
	if err := (hmail.SMTP{}).Send(context.Background(), cfg, m); err != nil {
		t.Fatal(err)
	}
	got := d.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages, want 1", len(got))
	}
	if got[0].From != cfg.From || len(got[0].To) != 1 || got[0].To[0] != m.To {
		t.Errorf("envelope from %q to %v", got[0].From, got[0].To)
	}
	msg := decode(t, got[0].Data)
	if msg.Subject != m.Subject {
		t.Errorf("subject %q, want %q", msg.Subject, m.Subject)
	}
	if strings.TrimRight(msg.Body, "\n") != m.Body {
		t.Errorf("body %q, want %q", msg.Body, m.Body)
	}
	if msg.From != "Hợp tác – Sở Kế hoạch <hoptac@example.org>" {
		t.Errorf("From %q", msg.From)
	}
}

// StartTLS is mandatory when asked for: a server without it is an error,
// never a silent fall back to plain text.
func TestSMTPStartTLSIsNotDowngraded(t *testing.T) {
	d, cfg := startSMTP(t)
	cfg.TLS = store.TLSStartTLS
	err := (hmail.SMTP{}).Send(context.Background(), cfg, store.OutboxMessage{To: "a@example.org", Subject: "s", Body: "b"})
	if err == nil || len(d.Messages()) != 0 {
		t.Errorf("sent in plain text to a server without STARTTLS: err %v", err)
	}
}
