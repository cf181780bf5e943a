package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// The demo's only administrator cannot demote themselves from the account
// page: the page says why, in Vietnamese, and the role stays.
func TestLastAdminCannotBeDemoted(t *testing.T) {
	e := newEnv(t)
	admin := e.login(adminEmail)
	self := e.count(`SELECT id FROM users WHERE email = ?`, adminEmail)
	want := i18n.Default().T(i18n.Vietnamese, "error.account_last_admin")
	for _, role := range []string{"coordinator", "viewer"} {
		t.Run(role, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.postForm(admin, pathf("/accounts/%d", self), url.Values{"name": {"Quản trị"}, "role": {role}})
			if resp.StatusCode != http.StatusConflict {
				t.Errorf("status %d, want %d", resp.StatusCode, http.StatusConflict)
			}
			if !strings.Contains(html.UnescapeString(body), want) {
				t.Errorf("the page does not say %q:\n%.800s", want, body)
			}
			if e.count(`SELECT COUNT(*) FROM users WHERE id = ? AND role = 'admin' AND disabled = 0`, self) != 1 {
				t.Error("the last administrator was demoted")
			}
		})
	}
	// With a second administrator the same change goes through.
	coord := e.count(`SELECT id FROM users WHERE email = ?`, coordinatorEmail)
	if resp, _ := e.postForm(admin, pathf("/accounts/%d", coord), url.Values{"name": {"Điều phối"}, "role": {"admin"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("promoting the coordinator: %d", resp.StatusCode)
	}
	if resp, body := e.postForm(admin, pathf("/accounts/%d", self), url.Values{"name": {"Quản trị"}, "role": {"viewer"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("demotion beside another administrator: %d\n%.500s", resp.StatusCode, body)
	}
}
