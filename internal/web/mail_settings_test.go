package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
)

const smtpSecret = "mật-khẩu-smtp-bí-mật"

func (e *env) storedMail() store.MailSettings {
	e.t.Helper()
	s, err := e.db.MailSettings(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func mailForm(extra url.Values) url.Values {
	v := url.Values{"host": {"smtp.tinh.gov.vn"}, "port": {"587"}, "tls": {"starttls"}, "user": {"hoptac"},
		"from": {"hoptac@tinh.gov.vn"}, "from_name": {"Sở Kế hoạch"}}
	for k, x := range extra {
		v[k] = x
	}
	return v
}

// The SMTP password is stored but never shown back: not on the page, not
// when a form comes back with an error. An empty field keeps it; the
// "remove" box clears it; both at once is refused, naming the field.
func TestMailSettingsPasswordNeverShownBack(t *testing.T) {
	e := newEnv(t)
	admin := e.login(adminEmail)
	resp, body := e.postForm(admin, "/settings/mail", mailForm(url.Values{"password": {smtpSecret}}))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.500s", resp.StatusCode, body)
	}
	if s := e.storedMail(); s.Password != smtpSecret || s.Host != "smtp.tinh.gov.vn" || s.FromName != "Sở Kế hoạch" {
		t.Fatalf("stored %+v", s)
	}
	page := e.page(admin, "/settings/mail")
	if strings.Contains(page, smtpSecret) || !strings.Contains(page, `value="smtp.tinh.gov.vn"`) ||
		!strings.Contains(page, `name="remove_password"`) {
		t.Errorf("settings page shows the password, or not the settings:\n%s", page)
	}
	// A form sent back with an error shows neither the stored password nor the one typed.
	resp, body = e.postForm(admin, "/settings/mail", mailForm(url.Values{"port": {"cổng"}, "password": {"mới-" + smtpSecret}}))
	if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, "port") == "" || strings.Contains(body, smtpSecret) {
		t.Errorf("bad port: %d, port error %q, password shown: %v", resp.StatusCode, fieldError(body, "port"), strings.Contains(body, smtpSecret))
	}
	for _, tt := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"empty keeps", mailForm(nil), http.StatusSeeOther, smtpSecret},
		{"both refused", mailForm(url.Values{"password": {"khác"}, "remove_password": {"1"}}), http.StatusUnprocessableEntity, smtpSecret},
		{"new replaces", mailForm(url.Values{"password": {"mật khẩu mới"}}), http.StatusSeeOther, "mật khẩu mới"},
		{"remove clears", mailForm(url.Values{"remove_password": {"1"}}), http.StatusSeeOther, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.postForm(admin, "/settings/mail", tt.form)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%.500s", resp.StatusCode, tt.status, body)
			}
			if tt.status == http.StatusUnprocessableEntity && fieldError(body, "password") == "" {
				t.Error("no error beside the password field")
			}
			if got := e.storedMail().Password; got != tt.want {
				t.Errorf("stored password %q, want %q", got, tt.want)
			}
		})
	}
}

// The test button queues a message to the administrator's own address;
// a message that failed for good is listed with its error.
func TestMailTestMessageAndFailedList(t *testing.T) {
	e := newEnv(t)
	admin := e.login(adminEmail)
	if resp, body := e.postForm(admin, "/settings/mail/test", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("test message: %d\n%.500s", resp.StatusCode, body)
	}
	ctx := context.Background()
	pending, err := e.db.OutboxByState(ctx, store.MailPending, store.Page{})
	if err != nil || len(pending) != 1 || pending[0].To != adminEmail || pending[0].Kind != "test" ||
		!strings.Contains(pending[0].Subject, "thư thử") {
		t.Fatalf("outbox %+v, %v; want one test message to %s", pending, err, adminEmail)
	}
	if page := e.page(admin, "/settings/mail"); !strings.Contains(page, "Đã xếp thư thử") || strings.Contains(page, `id="failed-mail"`) {
		t.Errorf("after queueing: no notice, or a failed list already:\n%s", page)
	}
	claimed, err := e.db.ClaimMail(ctx, "thử", time.Minute, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatal(claimed, err)
	}
	if err := e.db.MarkMailFailed(ctx, claimed[0].ID, "thử", "550 5.1.1 hộp thư không tồn tại", fixedNow, true); err != nil {
		t.Fatal(err)
	}
	page := e.page(admin, "/settings/mail")
	i := strings.Index(page, `id="failed-mail"`)
	if i < 0 || !strings.Contains(page[i:], "550 5.1.1 hộp thư không tồn tại") || !strings.Contains(page[i:], adminEmail) {
		t.Errorf("failed message not listed with its error:\n%s", page)
	}
}

// Only the administrator has the menu entry and the page.
func TestMailSettingsMenuFollowsPolicy(t *testing.T) {
	e := newEnv(t)
	for email, want := range map[string]bool{adminEmail: true, coordinatorEmail: false, financeEmail: false, viewerEmail: false} {
		body := e.page(e.login(email), "/plans")
		if got := strings.Contains(body, `href="/settings/mail"`); got != want {
			t.Errorf("%s: mail menu %v, want %v", email, got, want)
		}
	}
}
