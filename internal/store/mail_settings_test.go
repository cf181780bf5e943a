package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

func TestMailSettingsDefaultsThenSaved(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	got, err := db.MailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != store.DefaultMailSettings() || !got.UpdatedAt.IsZero() {
		t.Errorf("before any save: %+v, want the defaults", got)
	}
	want := store.MailSettings{Host: "smtp.tinh.gov.vn", Port: 465, TLS: store.TLSImplicit, User: "hoptac",
		Password: "bí-mật", From: "hoptac@tinh.gov.vn", FromName: "Hợp tác – Sở KH&ĐT"}
	for i := 0; i < 2; i++ { // the second save replaces the one row
		update(t, db, func(tx *store.Tx) error { return tx.SaveMailSettings(ctx, want) })
	}
	got, err = db.MailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got.UpdatedAt = want.UpdatedAt
	if got != want {
		t.Errorf("saved %+v, read back %+v", want, got)
	}
	if n := count(t, db, "mail_settings"); n != 1 {
		t.Errorf("mail_settings has %d rows, want 1", n)
	}
	var after string
	if err := db.SQL().QueryRowContext(ctx, `SELECT after_json FROM audit_log WHERE entity = 'mail_settings'`+
		` ORDER BY id DESC LIMIT 1`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if want := `"password_set":true`; !strings.Contains(after, want) || strings.Contains(after, "bí-mật") {
		t.Errorf("audit entry %s: want %s and never the password", after, want)
	}
}

func TestMailSettingsRefusesBadFields(t *testing.T) {
	good := store.MailSettings{Host: "smtp.example.org", Port: 587, TLS: store.TLSStartTLS, From: "a@example.org"}
	for _, tc := range []struct {
		field string
		edit  func(*store.MailSettings)
	}{
		{"port", func(s *store.MailSettings) { s.Port = 0 }},
		{"port", func(s *store.MailSettings) { s.Port = 70000 }},
		{"tls", func(s *store.MailSettings) { s.TLS = "ssl" }},
		{"host", func(s *store.MailSettings) { s.Host = "smtp example.org" }},
		{"from", func(s *store.MailSettings) { s.From = "không-phải-địa-chỉ" }},
		{"from", func(s *store.MailSettings) { s.From = "" }},
		{"from_name", func(s *store.MailSettings) { s.FromName = "A\r\nBcc: x@y.z" }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			db := newTestDB(t)
			s := good
			tc.edit(&s)
			err := db.Update(context.Background(), func(tx *store.Tx) error { return tx.SaveMailSettings(context.Background(), s) })
			wantField(t, err, tc.field)
			if n := count(t, db, "mail_settings"); n != 0 {
				t.Errorf("a refused save left %d rows", n)
			}
		})
	}
}
