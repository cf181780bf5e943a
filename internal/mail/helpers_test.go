package mail_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"

	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/store"
)

// smtpd is a real SMTP server inside the test process, which keeps what
// it receives, or refuses every message while failing is set.
type smtpd struct {
	mu      sync.Mutex
	got     []received
	failing bool
	refused int
}

type received struct {
	from string
	to   []string
	data []byte
}

func (d *smtpd) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{d: d}, nil }

func (d *smtpd) setFailing(f bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.failing = f
}

func (d *smtpd) messages() []received {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]received(nil), d.got...)
}

type session struct {
	d   *smtpd
	msg received
}

func (s *session) Reset()        { s.msg = received{} }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	if s.d.failing {
		s.d.refused++
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "tạm thời không nhận thư"}
	}
	s.msg.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.to = append(s.msg.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.msg.data = b
	s.d.mu.Lock()
	s.d.got = append(s.d.got, s.msg)
	s.d.mu.Unlock()
	return nil
}

// startSMTP starts a server on a free local port and returns it with a
// configuration that reaches it in plain text.
func startSMTP(t *testing.T) (*smtpd, hmail.Config) {
	t.Helper()
	d := &smtpd{}
	srv := smtp.NewServer(d)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return d, hmail.Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, TLS: store.TLSNone,
		From: "hoptac@example.org", FromName: "Hợp tác – Sở Kế hoạch"}
}

// decoded is a received message as a reader sees it.
type decoded struct {
	from, to, subject, body string
}

// decode parses a received message and undoes the transfer encodings.
func decode(t *testing.T, raw []byte) decoded {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse message: %v\n%s", err, raw)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject: %v", err)
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		t.Fatalf("From %q: %v", m.Header.Get("From"), err)
	}
	if ct := m.Header.Get("Content-Type"); !strings.Contains(strings.ToLower(ct), "charset=utf-8") {
		t.Errorf("Content-Type %q, want UTF-8", ct)
	}
	body := io.Reader(m.Body)
	switch strings.ToLower(m.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(m.Body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, m.Body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return decoded{from: from[0].Name + " <" + from[0].Address + ">", to: m.Header.Get("To"), subject: subject,
		body: strings.ReplaceAll(string(b), "\r\n", "\n")}
}
