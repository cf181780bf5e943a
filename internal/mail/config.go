// Package mail sends hoptac's e-mail: it reads the SMTP settings, sends
// queued messages over SMTP and runs the worker that drains the outbox
// (store.ClaimMail) inside `hoptac serve`.
package mail

import (
	"context"
	"fmt"
	"net/mail"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/store"
)

// Config is how to reach the SMTP server and who the mail is from.
type Config struct {
	Host     string
	Port     int
	TLS      string // store.TLSNone, TLSStartTLS or TLSImplicit
	User     string // empty: no authentication
	Password string
	From     string
	FromName string
}

// Configured reports whether mail can be sent: without a host and a sender
// the outbox keeps its messages, and spends none of their attempts.
func (c Config) Configured() bool { return c.Host != "" && c.From != "" }

// FromSettings is the configuration an administrator saved.
func FromSettings(s store.MailSettings) Config {
	return Config{Host: s.Host, Port: s.Port, TLS: s.TLS, User: s.User, Password: s.Password, From: s.From, FromName: s.FromName}
}

// Environment variables that override the stored settings, one by one: a
// deployment can keep the password out of the database, or pin the relay.
const (
	EnvHost     = "HOPTAC_SMTP_HOST"
	EnvPort     = "HOPTAC_SMTP_PORT"
	EnvTLS      = "HOPTAC_SMTP_TLS" // none, starttls or tls
	EnvUser     = "HOPTAC_SMTP_USER"
	EnvPassword = "HOPTAC_SMTP_PASSWORD"
	EnvFrom     = "HOPTAC_SMTP_FROM" // an address, or "Name <address>"
)

// Overridden lists the settings the environment sets, by field name
// (host, port, tls, user, password, from), so the settings page can say
// that a value it shows is not the one in use.
func Overridden(getenv func(string) string) map[string]bool {
	out := map[string]bool{}
	for field, name := range map[string]string{"host": EnvHost, "port": EnvPort, "tls": EnvTLS, "user": EnvUser,
		"password": EnvPassword, "from": EnvFrom} {
		if getenv(name) != "" {
			out[field] = true
		}
	}
	return out
}

// WithEnv returns c with every variable that is set in getenv applied. A
// bad value is an error naming the variable, not a silent default.
func (c Config) WithEnv(getenv func(string) string) (Config, error) {
	if v := strings.TrimSpace(getenv(EnvHost)); v != "" {
		c.Host = v
	}
	if v := strings.TrimSpace(getenv(EnvPort)); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			return c, apperr.Wrap(apperr.Invalid, "error.mail_env", fmt.Errorf("%s=%q is not a port", EnvPort, v))
		}
		c.Port = p
	}
	if v := strings.ToLower(strings.TrimSpace(getenv(EnvTLS))); v != "" {
		if !store.ValidTLS(v) {
			return c, apperr.Wrap(apperr.Invalid, "error.mail_env", fmt.Errorf("%s=%q: want none, starttls or tls", EnvTLS, v))
		}
		c.TLS = v
	}
	if v := getenv(EnvUser); v != "" {
		c.User = v
	}
	if v := getenv(EnvPassword); v != "" {
		c.Password = v
	}
	if v := strings.TrimSpace(getenv(EnvFrom)); v != "" {
		a, err := mail.ParseAddress(v)
		if err != nil {
			return c, apperr.Wrap(apperr.Invalid, "error.mail_env", fmt.Errorf("%s=%q: %w", EnvFrom, v, err))
		}
		c.From, c.FromName = a.Address, a.Name
	}
	return c, nil
}

// Load reads the stored settings and applies the environment: what the
// worker uses for each batch, so a change on the settings page takes
// effect without a restart.
func Load(ctx context.Context, db *store.DB, getenv func(string) string) (Config, error) {
	s, err := db.MailSettings(ctx)
	if err != nil {
		return Config{}, err
	}
	return FromSettings(s).WithEnv(getenv)
}
