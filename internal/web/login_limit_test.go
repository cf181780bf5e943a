package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/web"
)

// Guessing passwords is limited per account: after the allowed failures
// even the right password is refused for a while, with a message saying so,
// and other accounts are unaffected.
func TestLoginRateLimitPerAccount(t *testing.T) {
	e := newEnv(t)
	c := e.newClient()
	for i := 0; i < web.LoginFailuresPerAccount; i++ {
		resp, _ := e.postForm(c, "/login", url.Values{"email": {viewerEmail}, "password": {"sai-mat-khau-" + string(rune('a'+i))}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp, body := e.postForm(c, "/login", url.Values{"email": {strings.ToUpper(viewerEmail)}, "password": {e.passwords[viewerEmail]}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password after %d failures: status %d, want 429", web.LoginFailuresPerAccount, resp.StatusCode)
	}
	if msg := fieldError(body, "password"); !strings.Contains(msg, "quá nhiều lần") {
		t.Errorf("message beside the password = %q, want the rate-limit message", msg)
	}
	if e.sessionCookie(c) != nil {
		t.Error("a refused login started a session")
	}
	other := e.newClient()
	resp, _ = e.postForm(other, "/login", url.Values{"email": {adminEmail}, "password": {e.passwords[adminEmail]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another account's login: status %d, want 303", resp.StatusCode)
	}
}

// Spraying many accounts from one address is limited per address.
func TestLoginRateLimitPerAddress(t *testing.T) {
	e := newEnv(t)
	c := e.newClient()
	for i := 0; i < web.LoginFailuresPerAddress; i++ {
		email := "khong-co-" + strings.Repeat("x", i+1) + "@hoptac.local"
		if resp, _ := e.postForm(c, "/login", url.Values{"email": {email}, "password": {"doan-mo"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp, _ := e.postForm(c, "/login", url.Values{"email": {adminEmail}, "password": {e.passwords[adminEmail]}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("login from a spraying address: status %d, want 429", resp.StatusCode)
	}
}
