package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

// serveLocal sends req straight to the handler with the client's cookies,
// for bodies too large to send reliably over a socket that the server
// closes early.
func (e *env) serveLocal(c *http.Client, req *http.Request) *httptest.ResponseRecorder {
	e.t.Helper()
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		req.AddCookie(ck)
	}
	req.Header.Set("Origin", e.ts.URL)
	req.Host = u.Host
	rec := httptest.NewRecorder()
	e.srv.Handler().ServeHTTP(rec, req)
	return rec
}

func TestCrossOriginWritesRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	attacks := []struct {
		name string
		hdr  http.Header
	}{
		{"foreign_origin", http.Header{"Origin": {"https://evil.example"}}},
		{"sec_fetch_cross_site", http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": nil}},
		{"sec_fetch_cross_site_same_origin_header", http.Header{"Sec-Fetch-Site": {"cross-site"}}},
	}
	targets := []struct {
		name   string
		client string
		path   string
		body   func() (io.Reader, string)
	}{
		{"login", roleAnon, "/login", func() (io.Reader, string) {
			return form(url.Values{"email": {roleEmails[roleAdmin]}, "password": {e.passwords[roleEmails[roleAdmin]]}})
		}},
		{"web_progress", roleAgency, fmt.Sprintf("/tasks/%d/progress", e.ownTaskID), func() (io.Reader, string) {
			return form(url.Values{"status": {"in_progress"}, "percent": {"90"}, "note": {"Giả mạo"}})
		}},
		{"api_progress", roleAgency, fmt.Sprintf("/api/v1/tasks/%d/progress", e.ownTaskID), func() (io.Reader, string) {
			return strings.NewReader(`{"status":"done","note":"Giả mạo"}`), "application/json"
		}},
	}
	for _, tg := range targets {
		for _, a := range attacks {
			t.Run(tg.name+"/"+a.name, func(t *testing.T) {
				e := e.with(t)
				c := e.clients[tg.client]
				if tg.client == roleAnon {
					c = e.newClient()
				}
				hdr := http.Header{}
				for k, v := range a.hdr {
					hdr[k] = v
				}
				before := e.snapshot()
				body, ct := tg.body()
				resp, text := e.do(c, http.MethodPost, tg.path, body, ct, hdr)
				// What matters most holds even while the status is wrong:
				// nothing was written and no session was started.
				if !maps.Equal(before, e.snapshot()) {
					t.Errorf("a refused cross-origin write changed stored data")
				}
				if tg.client == roleAnon && e.sessionCookie(c) != nil {
					t.Errorf("a refused cross-origin login set a session cookie")
				}
				if resp.StatusCode != http.StatusForbidden {
					t.Fatalf("status %d, want 403\n%.500s", resp.StatusCode, text)
				}
				if strings.HasPrefix(tg.path, "/api/") {
					var b struct{ Error struct{ Code string } }
					if err := json.Unmarshal([]byte(text), &b); err != nil || b.Error.Code != "forbidden" {
						t.Errorf("API refusal body %q, want error.code forbidden", text)
					}
				} else if !strings.Contains(text, "trang web khác") {
					t.Errorf("page does not say the request came from another site:\n%.500s", text)
				}
			})
		}
	}
	// The same requests from this site, or from tools that send no browser
	// headers, go through.
	for _, h := range []struct {
		name string
		hdr  http.Header
	}{
		{"same_origin", http.Header{"Sec-Fetch-Site": {"same-origin"}}},
		{"user_typed", http.Header{"Sec-Fetch-Site": {"none"}, "Origin": nil}},
		{"no_browser_headers", http.Header{"Origin": nil}},
	} {
		t.Run("allowed/"+h.name, func(t *testing.T) {
			e := e.with(t)
			resp, text := e.do(e.clients[roleAgency], http.MethodPost, fmt.Sprintf("/tasks/%d/progress", e.ownTaskID),
				strings.NewReader(url.Values{"status": {"in_progress"}, "percent": {"50"}}.Encode()),
				"application/x-www-form-urlencoded", h.hdr)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d, want 303\n%.500s", resp.StatusCode, text)
			}
		})
	}
}

func TestSessionCookieFlags(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	email := roleEmails[roleViewer]
	resp, _ := e.postForm(c, "/login", url.Values{"email": {email}, "password": {e.passwords[email]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login status %d", resp.StatusCode)
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "hoptac_session" {
			session = ck
		}
	}
	if session == nil {
		t.Fatalf("login set no hoptac_session cookie; Set-Cookie: %q", resp.Header.Values("Set-Cookie"))
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"HttpOnly", session.HttpOnly},
		{"SameSite=Lax", session.SameSite == http.SameSiteLaxMode},
		{"Path=/", session.Path == "/"},
		{"not Secure on plain HTTP", !session.Secure},
		{"has a value", len(session.Value) >= 20},
	}
	for _, ck := range checks {
		t.Run(ck.name, func(t *testing.T) {
			if !ck.ok {
				t.Errorf("session cookie %q", session.String())
			}
		})
	}

	t.Run("token renewed on login", func(t *testing.T) {
		e := e.with(t)
		first := e.sessionCookie(c).Value
		email := roleEmails[roleAdmin]
		resp, _ := e.postForm(c, "/login", url.Values{"email": {email}, "password": {e.passwords[email]}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("second login: %d", resp.StatusCode)
		}
		if got := e.sessionCookie(c).Value; got == first {
			t.Errorf("session token kept across logins (session fixation)")
		}
	})

	t.Run("lang cookie", func(t *testing.T) {
		e := e.with(t)
		resp, _ := e.postForm(e.newClient(), "/lang", url.Values{"lang": {"en"}, "next": {"/login"}})
		var lang *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == "lang" {
				lang = ck
			}
		}
		if lang == nil || lang.Value != "en" || !lang.HttpOnly || lang.SameSite != http.SameSiteLaxMode || lang.Path != "/" || lang.Secure {
			t.Errorf("lang cookie %v", lang)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct {
		name, path, role string
	}{
		{"login page", "/login", roleAnon},
		{"plan page", fmt.Sprintf("/plans/%d", e.planID), roleViewer},
		{"redirect", "/plans", roleAnon},
		{"not found page", "/nope", roleAnon},
		{"api error", "/api/v1/plans", roleAnon},
		{"api", "/api/v1/plans", roleAdmin},
		{"static", "/static/style.css", roleAnon},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			resp, _ := e.get(e.clients[tc.role], tc.path)
			h := resp.Header
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "form-action 'self'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
				}
			}
			if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if got := h.Get("X-Frame-Options"); got != "DENY" {
				t.Errorf("X-Frame-Options %q", got)
			}
			if got := h.Get("Referrer-Policy"); got != "same-origin" {
				t.Errorf("Referrer-Policy %q", got)
			}
		})
	}
}

func TestPanicRecovered(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	inner := http.NewServeMux()
	inner.HandleFunc("/boom", func(http.ResponseWriter, *http.Request) { panic("boom: secret detail") })
	inner.HandleFunc("/api/boom", func(http.ResponseWriter, *http.Request) { panic(errors.New("boom: secret detail")) })
	inner.HandleFunc("/abort", func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) })
	inner.HandleFunc("/fine", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "fine") })
	ts := httptest.NewServer(e.srv.middleware(inner))
	t.Cleanup(ts.Close)
	c := &http.Client{}
	get := func(t *testing.T, path string) (*http.Response, string) {
		t.Helper()
		resp, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	t.Run("page", func(t *testing.T) {
		resp, body := get(t, "/boom")
		if resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("status %d, want 500", resp.StatusCode)
		}
		if !strings.Contains(body, `<html lang="vi">`) || !strings.Contains(body, `<a href="/">`) {
			t.Errorf("500 page lacks lang or a link home:\n%s", body)
		}
		if strings.Contains(body, "secret detail") {
			t.Errorf("500 page shows the panic value")
		}
		if resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("500 page lacks security headers")
		}
	})
	t.Run("api", func(t *testing.T) {
		resp, body := get(t, "/api/boom")
		if resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("status %d, want 500", resp.StatusCode)
		}
		var b struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal([]byte(body), &b); err != nil || b.Error.Code != "internal" {
			t.Errorf("body %q, want error.code internal", body)
		}
		if strings.Contains(body, "secret detail") {
			t.Errorf("API 500 shows the panic value")
		}
	})
	t.Run("abort handler is not swallowed", func(t *testing.T) {
		resp, err := c.Get(ts.URL + "/abort")
		if err == nil {
			resp.Body.Close()
			t.Errorf("ErrAbortHandler answered %d; want the connection aborted", resp.StatusCode)
		}
	})
	t.Run("keeps serving", func(t *testing.T) {
		e := e.with(t)
		for i := 0; i < 3; i++ {
			get(t, "/boom")
			if resp, body := get(t, "/fine"); resp.StatusCode != http.StatusOK || body != "fine" {
				t.Fatalf("after a panic: %d %q", resp.StatusCode, body)
			}
		}
		if resp, _ := e.get(e.clients[roleAnon], "/healthz"); resp.StatusCode != http.StatusOK {
			t.Errorf("real server /healthz: %d", resp.StatusCode)
		}
	})
}

func TestBearerTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	agency, err := e.db.UserByEmail(ctx, roleEmails[roleAgency])
	if err != nil {
		t.Fatal(err)
	}
	var token string
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		var err error
		token, err = tx.CreateToken(ctx, agency.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, auth, path string
		want             int
	}{
		{"unknown token", "Bearer hpt_not-a-real-token", "/api/v1/plans", http.StatusUnauthorized},
		{"empty token", "Bearer ", "/api/v1/plans", http.StatusUnauthorized},
		{"not bearer", "Basic YWRtaW46YWRtaW4=", "/api/v1/plans", http.StatusUnauthorized},
		{"bad token on public route", "Bearer nope", "/api/v1/openapi.json", http.StatusUnauthorized},
		{"valid token", "Bearer " + token, "/api/v1/plans", http.StatusOK},
		// RFC 9110 §11.1: the scheme name is case-insensitive.
		{"lower-case scheme", "bearer " + token, "/api/v1/plans", http.StatusOK},
		{"upper-case scheme", "BEARER " + token, "/api/v1/plans", http.StatusOK},
		{"scheme without token", "bearer", "/api/v1/plans", http.StatusUnauthorized},
		{"scheme run into token", "Bearer" + token, "/api/v1/plans", http.StatusUnauthorized},
		{"valid token, audit refused", "Bearer " + token, "/api/v1/audit", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.do(e.newClient(), http.MethodGet, tc.path, nil, "", http.Header{"Authorization": {tc.auth}})
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tc.want, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if tc.want == http.StatusUnauthorized {
				var b struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal([]byte(body), &b); err != nil || b.Error.Code != "unauthorized" || b.Error.Message == "" {
					t.Errorf("body %q, want error.code unauthorized with a message", body)
				}
			}
		})
	}
	t.Run("token writes as its user", func(t *testing.T) {
		e := e.with(t)
		hdr := http.Header{"Authorization": {"Bearer " + token}, "Origin": nil}
		resp, body := e.do(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", e.ownTaskID),
			strings.NewReader(`{"percent":55,"note":"Qua API"}`), "application/json", hdr)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("own task: %d %s", resp.StatusCode, body)
		}
		resp, body = e.do(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", e.otherTaskID),
			strings.NewReader(`{"percent":55,"note":"Qua API"}`), "application/json", hdr)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("other task: %d %s", resp.StatusCode, body)
		}
	})
}

func TestBodyLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agency := e.clients[roleAgency]
	t.Run("api json over 1 MB", func(t *testing.T) {
		before := e.snapshot()
		note := strings.Repeat("a", 2<<20)
		req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/tasks/%d/progress", e.ownTaskID),
			strings.NewReader(`{"note":"`+note+`"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := e.serveLocal(agency, req)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413\n%.300s", rec.Code, rec.Body.String())
		}
		var b struct{ Error struct{ Code string } }
		if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || b.Error.Code != "too_large" {
			t.Errorf("body %.300q", rec.Body.String())
		}
		if !maps.Equal(before, e.snapshot()) {
			t.Errorf("refused body changed stored data")
		}
	})
	t.Run("web form over 11 MB", func(t *testing.T) {
		before := e.snapshot()
		body, ct := multipartBody(t, map[string]string{"status": "in_progress", "note": "Tệp quá lớn"},
			"lon.pdf", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 12<<20)...))
		req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/tasks/%d/progress", e.ownTaskID), body)
		req.Header.Set("Content-Type", ct)
		rec := e.serveLocal(agency, req)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413\n%.600s", rec.Code, rec.Body.String())
		}
		if !strings.Contains(rec.Body.String(), "Tệp tải lên quá lớn") {
			t.Errorf("413 page does not say the upload is too large:\n%.600s", rec.Body.String())
		}
		if !maps.Equal(before, e.snapshot()) {
			t.Errorf("refused body changed stored data")
		}
	})
	t.Run("file over 10 MB inside the body limit", func(t *testing.T) {
		before := e.snapshot()
		body, ct := multipartBody(t, map[string]string{"status": "in_progress", "note": "Tệp hơi lớn"},
			"lon.pdf", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 10<<20)...))
		req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/tasks/%d/progress", e.ownTaskID), body)
		req.Header.Set("Content-Type", ct)
		rec := e.serveLocal(agency, req)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422\n%.600s", rec.Code, rec.Body.String())
		}
		if !strings.Contains(rec.Body.String(), `id="file-error">Tệp quá lớn (tối đa 10 MB).`) {
			t.Errorf("no file-size message beside the file field:\n%.2000s", rec.Body.String())
		}
		if !maps.Equal(before, e.snapshot()) {
			t.Errorf("refused upload changed stored data")
		}
	})
}

func TestLoginBodyOverLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	email := roleEmails[roleAdmin]
	body := url.Values{"email": {email}, "password": {e.passwords[email]}, "pad": {strings.Repeat("x", 12<<20)}}.Encode()
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := e.serveLocal(e.newClient(), req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "hoptac_session" {
			t.Errorf("an oversized login form started a session")
		}
	}
	if rec.Code != http.StatusRequestEntityTooLarge && rec.Code != http.StatusBadRequest {
		t.Errorf("status %d, want 413 (or 400)", rec.Code)
	}
}
