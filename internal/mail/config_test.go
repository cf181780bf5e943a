package mail_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadTakesSettingsThenEnvironment(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.SaveMailSettings(ctx, store.MailSettings{Host: "smtp.tinh.gov.vn", Port: 587, TLS: store.TLSStartTLS,
			User: "hoptac", Password: "trong-csdl", From: "hoptac@tinh.gov.vn", FromName: "Hợp tác"})
	}); err != nil {
		t.Fatal(err)
	}
	got, err := hmail.Load(ctx, db, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := hmail.Config{Host: "smtp.tinh.gov.vn", Port: 587, TLS: store.TLSStartTLS, User: "hoptac", Password: "trong-csdl",
		From: "hoptac@tinh.gov.vn", FromName: "Hợp tác"}
	if got != want {
		t.Errorf("from settings: %+v, want %+v", got, want)
	}
	vars := map[string]string{hmail.EnvHost: "relay.local", hmail.EnvPort: "465", hmail.EnvTLS: "TLS",
		hmail.EnvPassword: "tu-moi-truong", hmail.EnvFrom: "Sở KH&ĐT <khdt@tinh.gov.vn>"}
	got, err = hmail.Load(ctx, db, env(vars))
	if err != nil {
		t.Fatal(err)
	}
	want = hmail.Config{Host: "relay.local", Port: 465, TLS: store.TLSImplicit, User: "hoptac", Password: "tu-moi-truong",
		From: "khdt@tinh.gov.vn", FromName: "Sở KH&ĐT"}
	if got != want {
		t.Errorf("with the environment: %+v, want %+v", got, want)
	}
	if o := hmail.Overridden(env(vars)); !o["host"] || !o["password"] || o["user"] {
		t.Errorf("Overridden = %v", o)
	}
}

func TestEnvironmentRefusesBadValues(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"port":  {hmail.EnvPort: "cổng"},
		"range": {hmail.EnvPort: "70000"},
		"tls":   {hmail.EnvTLS: "ssl"},
		"from":  {hmail.EnvFrom: "không phải địa chỉ"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := (hmail.Config{}).WithEnv(env(vars)); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("%v: err %v, want invalid", vars, err)
			}
		})
	}
	if (hmail.Config{Host: "h"}).Configured() || !(hmail.Config{Host: "h", From: "a@b.c"}).Configured() {
		t.Error("Configured needs a host and a sender")
	}
}
