package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The password form names the field at fault and changes nothing; a good
// change ends the one-time state and keeps the user logged in.
func TestChangePassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(financeEmail)
	current := e.passwords[financeEmail]
	for _, tt := range []struct {
		name                string
		current, next, conf string
		field               string
	}{
		{"wrong current", "sai-mat-khau-hien-tai", "mật khẩu mới đủ dài", "mật khẩu mới đủ dài", "current"},
		{"short", current, "ngắn quá", "ngắn quá", "new"},
		{"common", current, "password1234", "password1234", "new"},
		{"same as current", current, current, current, "new"},
		{"confirmation differs", current, "mật khẩu mới đủ dài", "mật khẩu mới khác", "confirm"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.postForm(c, "/account/password", url.Values{"current": {tt.current}, "new": {tt.next}, "confirm": {tt.conf}})
			if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, tt.field) == "" {
				t.Errorf("status %d, %s error %q; want 422 naming the field", resp.StatusCode, tt.field, fieldError(body, tt.field))
			}
		})
	}
	const chosen = "mật khẩu mới đủ dài"
	resp, _ := e.postForm(c, "/account/password", url.Values{"current": {current}, "new": {chosen}, "confirm": {chosen}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("change: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if body := e.page(c, "/my"); !strings.Contains(body, "Đã đổi mật khẩu") {
		t.Error("no confirmation after the change")
	}
	fresh := e.newClient()
	if resp, _ := e.postForm(fresh, "/login", url.Values{"email": {financeEmail}, "password": {chosen}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the chosen password: %d", resp.StatusCode)
	}
}

var secretRE = regexp.MustCompile(`<code id="new-token">(hpt_[^<]+)</code>`)

// A token is made with a name and an expiry; its secret shows once.
func TestCreateToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(viewerEmail)
	for _, tt := range []struct {
		name, field string
		form        url.Values
	}{
		{"no name", "name", url.Values{"expires": {"90d"}}},
		{"bad expiry", "expires", url.Values{"name": {"x"}, "expires": {"5y"}}},
		{"hidden characters", "name", url.Values{"name": {"a\u202eb"}}},
	} {
		resp, body := e.postForm(c, "/account/tokens", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, "token-"+tt.field) == "" {
			t.Errorf("%s: status %d, no error beside %s", tt.name, resp.StatusCode, tt.field)
		}
	}
	if n := e.count(`SELECT COUNT(*) FROM api_tokens`); n != 0 {
		t.Fatalf("refused forms stored %d tokens", n)
	}
	resp, body := e.postForm(c, "/account/tokens", url.Values{"name": {"Đồng bộ báo cáo"}, "expires": {"30d"}})
	m := secretRE.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("create: %d, no secret\n%.600s", resp.StatusCode, body)
	}
	page := e.page(c, "/account")
	if strings.Contains(page, m[1]) {
		t.Error("the account page shows the secret again")
	}
	if !strings.Contains(page, "Đồng bộ báo cáo") || !strings.Contains(page, "24/12/2026") {
		t.Error("the token's name or expiry (30 days on) is not listed")
	}
}

// The account page lists the user's sessions, marks this one, and ends
// another.
func TestSessionsOnAccountPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c1, c2 := e.login(financeEmail), e.login(financeEmail)
	body := e.page(c1, "/account")
	ends := regexp.MustCompile(`action="/account/sessions/([0-9a-f]{64})/end"`).FindAllStringSubmatch(body, -1)
	if len(ends) != 2 || strings.Count(body, "(phiên này)") != 1 {
		t.Fatalf("%d sessions listed, %d marked current; want 2 and 1", len(ends), strings.Count(body, "(phiên này)"))
	}
	// End the session that is not this one: the row without the mark.
	var other string
	for _, row := range strings.Split(body, "<tr>") {
		if m := regexp.MustCompile(`/account/sessions/([0-9a-f]{64})/end`).FindStringSubmatch(row); m != nil && !strings.Contains(row, "(phiên này)") {
			other = m[1]
		}
	}
	if other == "" {
		t.Fatal("no session without the current mark")
	}
	if resp, _ := e.postForm(c1, "/account/sessions/"+other+"/end", nil); resp.StatusCode != http.StatusSeeOther ||
		resp.Header.Get("Location") != "/account" {
		t.Fatalf("ending the other session: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := e.get(c2, "/my"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the ended session still reads /my: %d", resp.StatusCode)
	}
	if resp, _ := e.get(c1, "/my"); resp.StatusCode != http.StatusOK {
		t.Errorf("this session ended too: %d", resp.StatusCode)
	}
}

// Wrong current passwords count against the login limit: the form is no
// way around it. The next try must wait, says so, and checks nothing.
func TestChangePasswordThrottled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(financeEmail)
	wrong := url.Values{"current": {"sai-mat-khau-hien-tai"}, "new": {"mật khẩu mới đủ dài"}, "confirm": {"mật khẩu mới đủ dài"}}
	resp, body := e.postForm(c, "/account/password", wrong)
	for i := 1; resp.Header.Get("Retry-After") == ""; i++ {
		if i == 10 {
			t.Fatal("ten wrong current passwords and no wait")
		}
		resp, body = e.postForm(c, "/account/password", wrong)
	}
	if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, "current") == "" {
		t.Fatalf("throttled: status %d, current error %q", resp.StatusCode, fieldError(body, "current"))
	}
	// Even the right password is not checked while the wait lasts.
	right := url.Values{"current": {e.passwords[financeEmail]}, "new": {"mật khẩu mới đủ dài"}, "confirm": {"mật khẩu mới đủ dài"}}
	if resp, _ := e.postForm(c, "/account/password", right); resp.StatusCode != http.StatusUnprocessableEntity || resp.Header.Get("Retry-After") == "" {
		t.Errorf("the right password during the wait: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
