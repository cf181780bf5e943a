package mail_test

import (
	"strings"
	"testing"

	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/smtptest"
	"github.com/hoptac/hoptac/internal/store"
)

// startSMTP starts an SMTP server inside the test and returns it with a
// configuration that reaches it in plain text.
func startSMTP(t *testing.T) (*smtptest.Server, hmail.Config) {
	t.Helper()
	d := smtptest.Start(t)
	return d, hmail.Config{Host: d.Host, Port: d.Port, TLS: store.TLSNone,
		From: "hoptac@example.org", FromName: "Hợp tác – Sở Kế hoạch"}
}

// decode reads a received message as its reader does; hoptac writes it in
// UTF-8.
func decode(t *testing.T, raw []byte) smtptest.Message {
	t.Helper()
	m, err := smtptest.Decode(raw)
	if err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	if !strings.Contains(strings.ToLower(m.ContentType), "charset=utf-8") {
		t.Errorf("Content-Type %q, want UTF-8", m.ContentType)
	}
	return m
}
