package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// TLS modes of an SMTP connection: none (plain, for a relay on the same
// host), starttls (upgrade on the submission port, 587) and tls (implicit
// TLS from the first byte, 465).
const (
	TLSNone     = "none"
	TLSStartTLS = "starttls"
	TLSImplicit = "tls"
)

// TLSModes lists the TLS modes in the order a form offers them.
func TLSModes() []string { return []string{TLSStartTLS, TLSImplicit, TLSNone} }

// MailSettings is the one row of SMTP settings an administrator keeps. An
// empty Host means mail is not configured: messages wait in the outbox.
type MailSettings struct {
	Host     string
	Port     int
	TLS      string
	User     string
	Password string // never shown back; see SaveMailSettings
	From     string // the sender's address
	FromName string
	// UpdatedAt is zero while no administrator has saved settings.
	UpdatedAt time.Time
}

// DefaultMailSettings are the settings before an administrator saves any.
func DefaultMailSettings() MailSettings { return MailSettings{Port: 587, TLS: TLSStartTLS} }

// MailSettings returns the stored SMTP settings, or the defaults.
func (db *DB) MailSettings(ctx context.Context) (MailSettings, error) {
	s := DefaultMailSettings()
	var updated string
	err := db.queryRow(ctx, `SELECT host, port, tls_mode, username, password, from_address, from_name, updated_at
		FROM mail_settings WHERE id = 1`).Scan(&s.Host, &s.Port, &s.TLS, &s.User, &s.Password, &s.From, &s.FromName, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultMailSettings(), nil
	}
	if err != nil {
		return s, fmt.Errorf("store: mail settings: %w", err)
	}
	s.UpdatedAt = parseTime(updated)
	return s, nil
}

// ValidTLS reports whether mode is one of TLSModes.
func ValidTLS(mode string) bool {
	for _, m := range TLSModes() {
		if m == mode {
			return true
		}
	}
	return false
}

// Validate checks settings before they are stored, naming each bad field.
func (s *MailSettings) Validate() error {
	s.Host, s.User = strings.TrimSpace(s.Host), strings.TrimSpace(s.User)
	s.From, s.FromName = strings.ToLower(strings.TrimSpace(s.From)), strings.TrimSpace(s.FromName)
	fe := apperr.FieldErrors{}
	if strings.ContainsAny(s.Host, " /\t\r\n") || utf8.RuneCountInString(s.Host) > 253 {
		fe.Add("host", "error.field.mail_host")
	}
	if s.Port < 1 || s.Port > 65535 {
		fe.Add("port", "error.field.mail_port")
	}
	if !ValidTLS(s.TLS) {
		fe.Add("tls", "error.field.mail_tls")
	}
	for field, v := range map[string]string{"user": s.User, "password": s.Password, "from_name": s.FromName} {
		if utf8.RuneCountInString(v) > 200 || strings.ContainsAny(v, "\r\n") {
			fe.Add(field, "error.field.too_long")
		}
	}
	if s.From != "" && auth.ValidateEmail(s.From) != nil {
		fe.Add("from", "error.field.email")
	}
	if s.Host != "" && s.From == "" {
		fe.Add("from", "error.field.required")
	}
	return fe.Err()
}

// SaveMailSettings stores the SMTP settings as given, password included:
// the page decides whether an empty password field keeps the stored one.
// The audit entry says only whether a password is set, never what it is.
func (t *Tx) SaveMailSettings(ctx context.Context, s MailSettings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO mail_settings (id, host, port, tls_mode, username, password, from_address, from_name, updated_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, tls_mode = excluded.tls_mode,
		username = excluded.username, password = excluded.password, from_address = excluded.from_address,
		from_name = excluded.from_name, updated_at = excluded.updated_at`,
		s.Host, s.Port, s.TLS, s.User, s.Password, s.From, s.FromName, fmtTime(t.now)); err != nil {
		return fmt.Errorf("store: save mail settings: %w", err)
	}
	return t.audit(ctx, "update", "mail_settings", 1, nil, map[string]any{"host": s.Host, "port": s.Port,
		"tls": s.TLS, "user": s.User, "password_set": s.Password != "", "from": s.From, "from_name": s.FromName})
}
