package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// twoServers runs two servers on one database, as behind a load balancer,
// and returns their addresses and a handle on the database.
func twoServers(t *testing.T) (a, b string, db *store.DB) {
	t.Helper()
	dsn := storetest.DSN(t)
	var urls []string
	for i := 0; i < 2; i++ {
		h := storetest.OpenAt(t, dsn)
		h.Now = func() time.Time { return fixedNow }
		if i == 0 {
			if _, err := demo.Load(context.Background(), h); err != nil {
				t.Fatal(err)
			}
			db = h
		}
		srv, err := New(h, Config{Now: func() time.Time { return fixedNow }, Log: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		urls = append(urls, ts.URL)
	}
	return urls[0], urls[1], db
}

func client(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// send makes a request with the Origin a browser on base would send, and
// an optional bearer token.
func send(t *testing.T, c *http.Client, method, base, path string, form url.Values, token string) *http.Response {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// newAccount stores an account with a password and, when oneTime, the
// forced change, and a token of its own.
func newAccount(t *testing.T, db *store.DB, email string, oneTime bool) (auth.User, string) {
	t.Helper()
	ctx := context.Background()
	fin, err := db.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		t.Fatal(err)
	}
	u := auth.User{Email: email, Name: "Cán bộ thử", Role: auth.RoleAgency, AgencyID: &fin.ID, MustChangePassword: oneTime}
	var token string
	if err := db.Update(ctx, func(tx *store.Tx) (err error) {
		if err = tx.CreateUser(ctx, &u, "mật khẩu ban đầu dài"); err != nil {
			return err
		}
		_, token, err = tx.CreateNamedToken(ctx, u.ID, "thử", nil)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return u, token
}

func login(t *testing.T, c *http.Client, base, email, password string) {
	t.Helper()
	if resp := send(t, c, http.MethodPost, base, "/login", url.Values{"email": {email}, "password": {password}}, ""); resp.StatusCode != see {
		t.Fatalf("login %s: %d", email, resp.StatusCode)
	}
}

// A one-time password opens only the password form in the browser; an API
// token is not held back. Once a password is chosen, everything opens.
func TestOneTimePasswordOpensOnlyThePasswordForm(t *testing.T) {
	t.Parallel()
	a, _, db := twoServers(t)
	u, token := newAccount(t, db, "moi@hoptac.local", true)
	c := client(t)
	login(t, c, a, u.Email, "mật khẩu ban đầu dài")
	for _, tt := range []struct {
		method, path string
		want         int
		loc          string
	}{
		{http.MethodGet, "/plans", see, "/account/password"},
		{http.MethodGet, "/my", see, "/account/password"},
		{http.MethodGet, "/account", see, "/account/password"},
		{http.MethodGet, "/account/password", ok, ""},
		{http.MethodPost, "/account/tokens", forbidden, ""},
		{http.MethodGet, "/api/v1/plans", forbidden, ""},
	} {
		var form url.Values
		if tt.method == http.MethodPost {
			form = url.Values{"name": {"x"}}
		}
		resp := send(t, c, tt.method, a, tt.path, form, "")
		if resp.StatusCode != tt.want || resp.Header.Get("Location") != tt.loc {
			t.Errorf("%s %s with a one-time password: %d → %q, want %d → %q", tt.method, tt.path,
				resp.StatusCode, resp.Header.Get("Location"), tt.want, tt.loc)
		}
	}
	if resp := send(t, http.DefaultClient, http.MethodGet, a, "/api/v1/plans", nil, token); resp.StatusCode != ok {
		t.Errorf("the account's API token: %d, want 200", resp.StatusCode)
	}
	resp := send(t, c, http.MethodPost, a, "/account/password", url.Values{"current": {"mật khẩu ban đầu dài"},
		"new": {"mật khẩu tự chọn của tôi"}, "confirm": {"mật khẩu tự chọn của tôi"}}, "")
	if resp.StatusCode != see {
		t.Fatalf("choosing a password: %d", resp.StatusCode)
	}
	if resp := send(t, c, http.MethodGet, a, "/my", nil, ""); resp.StatusCode != ok {
		t.Errorf("/my after choosing a password: %d", resp.StatusCode)
	}
}

// Disabling an account and revoking a token take effect at once on another
// server sharing the database.
func TestDisableAndRevokeActOnEveryServer(t *testing.T) {
	t.Parallel()
	a, b, db := twoServers(t)
	ctx := context.Background()
	u, token := newAccount(t, db, "canbo@hoptac.local", false)
	other, otherToken := newAccount(t, db, "khac@hoptac.local", false)
	c := client(t)
	login(t, c, a, u.Email, "mật khẩu ban đầu dài")
	// The cookie jar sends the session to both servers (same host).
	if resp := send(t, c, http.MethodGet, b, "/my", nil, ""); resp.StatusCode != ok {
		t.Fatalf("the session on the other server: %d", resp.StatusCode)
	}
	if resp := send(t, http.DefaultClient, http.MethodGet, b, "/api/v1/plans", nil, otherToken); resp.StatusCode != ok {
		t.Fatalf("a token on the other server: %d", resp.StatusCode)
	}
	var tokenID int64
	if list, err := db.Tokens(ctx, other.ID); err != nil || len(list) != 1 {
		t.Fatalf("Tokens: %v %v", list, err)
	} else {
		tokenID = list[0].ID
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, tokenID) }); err != nil {
		t.Fatal(err)
	}
	if resp := send(t, http.DefaultClient, http.MethodGet, b, "/api/v1/plans", nil, otherToken); resp.StatusCode != unauth {
		t.Errorf("a revoked token on the other server: %d, want 401", resp.StatusCode)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetDisabled(ctx, u.ID, true) }); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{a, b} {
		if resp := send(t, c, http.MethodGet, base, "/my", nil, ""); resp.StatusCode != see ||
			!strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("a disabled account's session on %s: %d → %q, want the login page", base, resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp := send(t, http.DefaultClient, http.MethodGet, base, "/api/v1/plans", nil, token); resp.StatusCode != unauth {
			t.Errorf("a disabled account's token on %s: %d, want 401", base, resp.StatusCode)
		}
	}
}

// Log out everywhere ends the sessions on every server, and the account
// page lists a session with the browser it began in.
func TestLogOutEverywhere(t *testing.T) {
	t.Parallel()
	a, b, db := twoServers(t)
	u, _ := newAccount(t, db, "canbo@hoptac.local", false)
	c1, c2 := client(t), client(t)
	login(t, c1, a, u.Email, "mật khẩu ban đầu dài")
	login(t, c2, b, u.Email, "mật khẩu ban đầu dài")
	sessions, err := db.UserSessions(context.Background(), u.ID)
	if err != nil || len(sessions) != 2 || !strings.Contains(sessions[0].Agent, "Go-http-client") {
		t.Fatalf("UserSessions = %+v, %v; want two, with the browser", sessions, err)
	}
	if resp := send(t, c1, http.MethodPost, a, "/account/sessions/end", url.Values{}, ""); resp.StatusCode != see {
		t.Fatalf("log out everywhere: %d", resp.StatusCode)
	}
	if resp := send(t, c2, http.MethodGet, b, "/my", nil, ""); resp.StatusCode != see {
		t.Errorf("the other server's session after log out everywhere: %d, want a redirect to login", resp.StatusCode)
	}
	if sessions, _ := db.UserSessions(context.Background(), u.ID); len(sessions) != 0 {
		t.Errorf("%d sessions left", len(sessions))
	}
}
