package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	t.Run("success", func(t *testing.T) {
		e := e.with(t)
		for _, tc := range []struct {
			email, home string
		}{
			{adminEmail, "/plans"},
			{coordinatorEmail, "/plans"},
			{financeEmail, "/my"},
			{agricultureEmail, "/my"},
			{viewerEmail, "/plans"},
		} {
			t.Run(tc.email, func(t *testing.T) {
				e := e.with(t)
				c := e.newClient()
				resp, body := e.postForm(c, "/login", url.Values{"email": {tc.email}, "password": {e.passwords[tc.email]}})
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
					t.Fatalf("status %d Location %q, want 303 to /\n%.500s", resp.StatusCode, resp.Header.Get("Location"), body)
				}
				if e.sessionCookie(c) == nil {
					t.Fatal("no session cookie")
				}
				resp, _ = e.get(c, "/")
				if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != tc.home {
					t.Errorf("home: %d to %q, want 303 to %q", resp.StatusCode, got, tc.home)
				}
				if body := e.page(c, "/plans"); !strings.Contains(body, `action="/logout"`) {
					t.Errorf("logged-in page has no logout button")
				}
			})
		}
	})

	t.Run("failure", func(t *testing.T) {
		e := e.with(t)
		for _, tc := range []struct {
			name, email, password string
		}{
			{"wrong password", adminEmail, "khong-dung-mat-khau"},
			{"unknown email", "khongco@hoptac.local", "khong-dung-mat-khau"},
			{"right password of another account", adminEmail, "x"},
			{"empty", "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				e := e.with(t)
				if tc.name == "right password of another account" {
					tc.password = e.passwords[viewerEmail]
				}
				c := e.newClient()
				before := e.count(`SELECT COUNT(*) FROM audit_log`)
				resp, body := e.postForm(c, "/login", url.Values{"email": {tc.email}, "password": {tc.password}})
				if resp.StatusCode != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", resp.StatusCode)
				}
				if got := fieldError(body, "password"); got != "Thư điện tử hoặc mật khẩu không đúng." {
					t.Errorf("message beside the password field %q\n%s", got, body)
				}
				if !strings.Contains(body, `aria-describedby="password-error"`) {
					t.Errorf("password field not tied to its error")
				}
				if tc.email != "" && !strings.Contains(body, `value="`+tc.email+`"`) {
					t.Errorf("typed e-mail not kept in the form")
				}
				if strings.Contains(body, tc.password) && tc.password != "" {
					t.Errorf("the typed password is echoed back")
				}
				for _, ck := range resp.Cookies() {
					if ck.Name == "hoptac_session" {
						t.Errorf("failed login set a session cookie")
					}
				}
				if e.sessionCookie(c) != nil {
					t.Errorf("client holds a session after a failed login")
				}
				if resp, _ := e.get(c, "/plans"); resp.StatusCode != http.StatusSeeOther {
					t.Errorf("after a failed login /plans answers %d, want 303 to log in", resp.StatusCode)
				}
				if after := e.count(`SELECT COUNT(*) FROM audit_log`); after != before {
					t.Errorf("failed login wrote %d audit entries", after-before)
				}
			})
		}
	})

	t.Run("success is audited", func(t *testing.T) {
		before := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND user_name = ?`, viewerEmail)
		e.login(viewerEmail)
		if after := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND user_name = ?`, viewerEmail); after != before+1 {
			t.Errorf("login audit entries %d -> %d", before, after)
		}
	})
}

func TestLoginNext(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct {
		name, next, want, bug string
	}{
		{"local path", pathf("/plans/%d", e.planID), pathf("/plans/%d", e.planID), ""},
		{"local path with query", "/plans?page=2", "/plans?page=2", ""},
		{"empty", "", "/", ""},
		{"protocol-relative", "//evil.example/x", "/", ""},
		{"backslash", `/\evil.example`, "/", ""},
		{"absolute", "https://evil.example/", "/", ""},
		{"javascript", "javascript:alert(1)", "/", ""},
		{"tab before second slash", "/\t/evil.example", "/",
			"safeNext accepts \"/\\t/evil.example\"; browsers strip tabs from Location, so it redirects to //evil.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			// Straight to the transport: Go's client refuses to parse some
			// of these Locations, a browser does not.
			form := url.Values{"email": {viewerEmail}, "password": {e.passwords[viewerEmail]}, "next": {tc.next}}
			req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d", resp.StatusCode)
			}
			got := resp.Header.Get("Location")
			if got != tc.want {
				t.Errorf("Location %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("login form keeps a safe next", func(t *testing.T) {
		e := e.with(t)
		body := e.page(e.newClient(), "/login?next="+url.QueryEscape("/plans"))
		if !strings.Contains(body, `name="next" value="/plans"`) {
			t.Errorf("next not kept in the form")
		}
		body = e.page(e.newClient(), "/login?next="+url.QueryEscape("//evil.example"))
		if !strings.Contains(body, `name="next" value="/"`) || strings.Contains(body, `value="//evil.example"`) {
			t.Errorf("unsafe next put in the login form")
		}
	})
	t.Run("anonymous page visit comes back after login", func(t *testing.T) {
		e := e.with(t)
		c := e.newClient()
		target := pathf("/plans/%d?status=overdue", e.planID)
		resp, _ := e.get(c, target)
		loc := resp.Header.Get("Location")
		u, err := url.Parse(loc)
		if err != nil || u.Path != "/login" || u.Query().Get("next") != target {
			t.Fatalf("anonymous visit redirected to %q", loc)
		}
		resp, _ = e.postForm(c, "/login", url.Values{"email": {viewerEmail}, "password": {e.passwords[viewerEmail]},
			"next": {u.Query().Get("next")}})
		if got := resp.Header.Get("Location"); got != target {
			t.Errorf("after login Location %q, want %q", got, target)
		}
	})
}

func TestLogout(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(financeEmail)
	old := e.sessionCookie(c)
	resp, _ := e.postForm(c, "/logout", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("logout: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := e.get(c, "/my"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("after logout /my: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The old cookie must not work again: the session is gone server-side.
	replay := e.newClient()
	u, _ := url.Parse(e.ts.URL)
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: old.Name, Value: old.Value, Path: "/"}})
	if resp, _ := e.get(replay, "/my"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("replayed session cookie after logout: %d, want 303 to log in", resp.StatusCode)
	}
	if n := e.count(`SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, sha256Hex(old.Value)); n != 0 {
		t.Errorf("session row still stored after logout")
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// The sessions table holds only a hash of each session token: someone who
// reads the table or a backup cannot present what is there as a cookie.
func TestSessionTokenStoredHashed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(adminEmail)
	ck := e.sessionCookie(c)
	if n := e.count(`SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, ck.Value); n != 0 {
		t.Errorf("%d session rows keyed by the cookie's value", n)
	}
	if n := e.count(`SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, sha256Hex(ck.Value)); n != 1 {
		t.Errorf("%d session rows keyed by the hash of the cookie, want 1", n)
	}
	if resp, _ := e.get(c, "/plans"); resp.StatusCode != http.StatusOK {
		t.Errorf("the session does not work: /plans answers %d", resp.StatusCode)
	}
	// What the table holds, sent as a cookie, is no session.
	var stored string
	if err := e.db.SQL().QueryRow(`SELECT token_hash FROM sessions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	replay := e.newClient()
	u, _ := url.Parse(e.ts.URL)
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: ck.Name, Value: stored, Path: "/"}})
	if resp, _ := e.get(replay, "/plans"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the stored value as a cookie: /plans answers %d, want 303 to log in", resp.StatusCode)
	}
}

func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(viewerEmail)
	if body := e.page(c, "/plans"); !strings.Contains(body, `<html lang="vi">`) || !strings.Contains(body, "Danh sách kế hoạch") {
		t.Fatalf("default page is not Vietnamese")
	}
	for _, tc := range []struct {
		lang, wantAttr, wantText string
	}{
		{"en", `<html lang="en">`, "<h1>Plans</h1>"},
		{"vi", `<html lang="vi">`, "<h1>Danh sách kế hoạch</h1>"},
		{"fr", `<html lang="vi">`, "<h1>Danh sách kế hoạch</h1>"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			e := e.with(t)
			resp, _ := e.postForm(c, "/lang", url.Values{"lang": {tc.lang}, "next": {"/plans"}})
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/plans" {
				t.Fatalf("POST /lang: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
			}
			body := e.page(c, "/plans")
			if !strings.Contains(body, tc.wantAttr) || !strings.Contains(body, tc.wantText) {
				t.Errorf("page after lang=%s lacks %s / %s", tc.lang, tc.wantAttr, tc.wantText)
			}
		})
	}
	t.Run("accept-language does not switch pages", func(t *testing.T) {
		e := e.with(t)
		// Pages stay in Vietnamese until the reader picks English; only the
		// API follows Accept-Language.
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/login", nil)
		req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
		resp, err := e.newClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(b), `<html lang="vi">`) {
			t.Errorf("page not in Vietnamese for Accept-Language en")
		}
	})
	t.Run("switch offered in the other language", func(t *testing.T) {
		e := e.with(t)
		body := e.page(e.newClient(), "/login")
		if !strings.Contains(body, `<button name="lang" value="en" class="link" lang="en">English</button>`) {
			t.Errorf("no English switch on a Vietnamese page")
		}
	})
}

func TestNotFoundPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	english := e.login(viewerEmail)
	e.postForm(english, "/lang", url.Values{"lang": {"en"}, "next": {"/plans"}})
	for _, tc := range []struct {
		name   string
		client *http.Client
		path   string
		lang   string
		msg    string
	}{
		{"anonymous", e.newClient(), "/nope", "vi", "Không thực hiện được"},
		{"logged in", e.login(adminEmail), "/nope", "vi", "Không thực hiện được"},
		{"english", english, "/nope", "en", "Could not do that"},
		{"missing plan", e.login(adminEmail), "/plans/999999", "vi", "Không thực hiện được"},
		{"non-numeric task", e.login(adminEmail), "/tasks/abc", "vi", "Không thực hiện được"},
		{"missing agency", e.login(adminEmail), "/agencies/999999/edit", "vi", "Không thực hiện được"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.get(tc.client, tc.path)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", resp.StatusCode)
			}
			if !strings.Contains(body, `<html lang="`+tc.lang+`">`) {
				t.Errorf("no lang=%q attribute", tc.lang)
			}
			if !strings.Contains(body, `<a href="/">`) {
				t.Errorf("no link home")
			}
			if !strings.Contains(body, tc.msg) {
				t.Errorf("page lacks %q", tc.msg)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}
