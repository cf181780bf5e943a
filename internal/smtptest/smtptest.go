// Package smtptest runs a real SMTP server inside a test process: the
// mail tests send to it over TCP and read back what a recipient would
// get, Vietnamese subject and body decoded. It is imported by tests only.
package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is one message as it came over the wire: its envelope and its
// raw text.
type Received struct {
	From string   // envelope sender
	To   []string // envelope recipients
	Data []byte
}

// Server keeps every message it accepts, or refuses every message with a
// temporary error while it is set failing.
type Server struct {
	Host string
	Port int

	mu      sync.Mutex
	got     []Received
	failing bool
	refused int
}

// Start listens on a free local port until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{Host: "127.0.0.1"}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = ln.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Messages returns what was received so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.got)
}

// SetFailing makes the server refuse (451) or accept what comes next.
func (s *Server) SetFailing(f bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failing = f
}

// Refused counts the messages refused while failing.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// Await waits up to timeout for a message to the address and returns it
// decoded; the test fails when none comes.
func (s *Server) Await(t testing.TB, to string, timeout time.Duration) Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.Messages()
		for _, r := range got {
			if slices.Contains(r.To, to) {
				m, err := Decode(r.Data)
				if err != nil {
					t.Fatalf("message to %s: %v", to, err)
				}
				return m
			}
		}
		if time.Now().After(deadline) {
			var all []string
			for _, r := range got {
				all = append(all, r.To...)
			}
			t.Fatalf("no e-mail to %s within %v; received for %v", to, timeout, all)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// NewSession implements smtp.Backend.
func (s *Server) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }

type session struct {
	s   *Server
	msg Received
}

func (c *session) Reset()        { c.msg = Received{} }
func (c *session) Logout() error { return nil }

func (c *session) Mail(from string, _ *smtp.MailOptions) error {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if c.s.failing {
		c.s.refused++
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "tạm thời không nhận thư"}
	}
	c.msg.From = from
	return nil
}

func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.msg.To = append(c.msg.To, to)
	return nil
}

func (c *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	c.msg.Data = b
	c.s.mu.Lock()
	c.s.got = append(c.s.got, c.msg)
	c.s.mu.Unlock()
	return nil
}

// Message is a received single-part message as its reader sees it.
type Message struct {
	From        string // "Name <address>"
	To          string // the To header as written
	Subject     string
	ContentType string
	Body        string // transfer encoding undone, "\n" line ends
}

// Decode parses a raw message and undoes the header and transfer
// encodings.
func Decode(raw []byte) (Message, error) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, fmt.Errorf("parse message: %w", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return Message{}, fmt.Errorf("subject: %w", err)
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		return Message{}, fmt.Errorf("from %q: %v", m.Header.Get("From"), err)
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
		return Message{}, fmt.Errorf("body: %w", err)
	}
	return Message{From: from[0].Name + " <" + from[0].Address + ">", To: m.Header.Get("To"), Subject: subject,
		ContentType: m.Header.Get("Content-Type"), Body: strings.ReplaceAll(string(b), "\r\n", "\n")}, nil
}
