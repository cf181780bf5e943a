package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Menus and buttons follow the policy: the accounts and audit menus for
// the administrator, the import button for those who may import.
func TestMenusFollowPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tt := range []struct {
		email                    string
		accounts, audit, import_ bool
	}{
		{adminEmail, true, true, true},
		{coordinatorEmail, false, false, true},
		{financeEmail, false, false, false},
		{viewerEmail, false, false, false},
	} {
		t.Run(tt.email, func(t *testing.T) {
			e := e.with(t)
			body := e.page(e.login(tt.email), "/plans")
			for what, want := range map[string]bool{`href="/accounts"`: tt.accounts, `href="/audit"`: tt.audit,
				`href="/plans/import"`: tt.import_, `href="/account"`: true} {
				if got := strings.Contains(body, what); got != want {
					t.Errorf("%s on /plans: %v, want %v", what, got, want)
				}
			}
		})
	}
}

var oneTimeRE = regexp.MustCompile(`<code id="one-time-password">([^<]+)</code>`)

// An administrator creates an account; the one-time password is shown once
// and leads its holder to the password form. Bad input names the field and
// stores nothing.
func TestCreateAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.login(adminEmail)
	fin := e.count(`SELECT id FROM agencies WHERE name = ?`, "Sở Tài chính")
	users := e.count(`SELECT COUNT(*) FROM users`)
	for _, tt := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"bad e-mail", url.Values{"email": {"khong-phai-dia-chi"}, "name": {"A"}, "role": {"viewer"}}, "email"},
		{"taken e-mail", url.Values{"email": {adminEmail}, "name": {"A"}, "role": {"viewer"}}, "email"},
		{"officer without agency", url.Values{"email": {"a@hoptac.local"}, "name": {"A"}, "role": {"agency"}}, "agency"},
		{"missing agency", url.Values{"email": {"a@hoptac.local"}, "name": {"A"}, "role": {"agency"}, "agency": {"99999"}}, "agency"},
		{"unknown role", url.Values{"email": {"a@hoptac.local"}, "name": {"A"}, "role": {"root"}}, "role"},
		{"no name", url.Values{"email": {"a@hoptac.local"}, "role": {"viewer"}}, "name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.postForm(admin, "/accounts", tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, tt.field) == "" {
				t.Errorf("status %d, %s error %q; want 422 naming the field", resp.StatusCode, tt.field, fieldError(body, tt.field))
			}
		})
	}
	if n := e.count(`SELECT COUNT(*) FROM users`); n != users {
		t.Fatalf("refused forms stored %d accounts", n-users)
	}
	resp, body := e.postForm(admin, "/accounts", url.Values{"email": {"Can.Bo@HopTac.local"}, "name": {"Cán bộ mới"},
		"role": {"agency"}, "agency": {itoa(fin)}})
	m := oneTimeRE.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("create: status %d, no one-time password\n%.600s", resp.StatusCode, body)
	}
	if e.count(`SELECT must_change_password FROM users WHERE email = ?`, "can.bo@hoptac.local") != 1 {
		t.Error("the new account's password is not one-time")
	}
	c := e.newClient()
	resp, _ = e.postForm(c, "/login", url.Values{"email": {"can.bo@hoptac.local"}, "password": {m[1]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login with the one-time password: %d", resp.StatusCode)
	}
	if resp, _ := e.get(c, "/my"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/password" {
		t.Errorf("the new officer's /my: %d → %q, want the password form", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The page that showed it does not show it again.
	if strings.Contains(e.page(admin, "/accounts"), m[1]) {
		t.Error("the account list shows the one-time password")
	}
}

// Changing role and agency takes effect on the account's next request;
// a reset gives a new one-time password and ends the account's sessions.
func TestChangeRoleAndReset(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, viewer := e.login(adminEmail), e.login(viewerEmail)
	id := e.count(`SELECT id FROM users WHERE email = ?`, viewerEmail)
	if resp, _ := e.get(viewer, "/agencies/new"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a viewer's agency form: %d", resp.StatusCode)
	}
	resp, body := e.postForm(admin, pathf("/accounts/%d", id), url.Values{"name": {"Lãnh đạo"}, "role": {"coordinator"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.500s", resp.StatusCode, body)
	}
	if resp, _ := e.get(viewer, "/agencies/new"); resp.StatusCode != http.StatusOK {
		t.Errorf("after becoming coordinator: %d, want the form", resp.StatusCode)
	}
	resp, body = e.postForm(admin, pathf("/accounts/%d/password", id), nil)
	m := oneTimeRE.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("reset: %d\n%.500s", resp.StatusCode, body)
	}
	if resp, _ := e.get(viewer, "/plans"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the session after a reset: %d → %q, want the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
	// An administrator cannot disable their own account.
	self := e.count(`SELECT id FROM users WHERE email = ?`, adminEmail)
	if resp, _ := e.postForm(admin, pathf("/accounts/%d/disable", self), nil); resp.StatusCode != http.StatusBadRequest &&
		resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("disabling oneself: %d, want refused", resp.StatusCode)
	}
	if e.count(`SELECT disabled FROM users WHERE id = ?`, self) != 0 {
		t.Error("the administrator disabled their own account")
	}
}

func itoa(n int) string { return pathf("%d", n) }
