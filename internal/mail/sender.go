package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/hoptac/hoptac/internal/store"
)

// Sender delivers one message with a configuration.
type Sender interface {
	Send(ctx context.Context, cfg Config, m store.OutboxMessage) error
}

// SMTP sends over SMTP with go-mail.
type SMTP struct {
	// TLSConfig verifies the server's certificate; nil verifies it against
	// the system's roots for cfg.Host. Tests pass their own roots.
	TLSConfig *tls.Config
	// Timeout bounds each connection; zero is 30 seconds.
	Timeout time.Duration
}

// Send builds m as a UTF-8 plain-text message (the subject encoded as RFC
// 2047 words, the body quoted-printable, so Vietnamese reaches every mail
// reader intact) and delivers it in one SMTP connection.
func (s SMTP) Send(ctx context.Context, cfg Config, m store.OutboxMessage) error {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.FromFormat(cfg.FromName, cfg.From); err != nil {
		return fmt.Errorf("mail: sender %q: %w", cfg.From, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	msg.SetMessageID()
	msg.SetDate()
	client, err := gomail.NewClient(cfg.Host, s.options(cfg)...)
	if err != nil {
		return fmt.Errorf("mail: client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send to %s: %w", m.To, err)
	}
	return nil
}

func (s SMTP) options(cfg Config) []gomail.Option {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithTimeout(timeout)}
	switch cfg.TLS {
	case store.TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case store.TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	default: // starttls, and anything unknown: never fall back to plain text
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.TLSConfig))
	}
	if cfg.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.User), gomail.WithPassword(cfg.Password))
	}
	// The port last: go-mail's TLS options may set a default port of their own.
	return append(opts, gomail.WithPort(cfg.Port))
}
