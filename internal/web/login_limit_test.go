package web_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Addresses the requests come from.
const (
	attacker = "198.51.100.9"
	office   = "203.0.113.7"
)

// testClock is the server's clock, moved by the test: no sleeps.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time      { return c.t }
func (c *testClock) add(d time.Duration) { c.t = c.t.Add(d) }

// loginFrom posts the login form from addr, in Vietnamese unless lang
// says otherwise.
func (e *env) loginFrom(addr, email, password, lang string) *httptest.ResponseRecorder {
	e.t.Helper()
	form := url.Values{"email": {email}, "password": {password}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = net.JoinHostPort(addr, "40000")
	if lang != "" {
		req.AddCookie(&http.Cookie{Name: "lang", Value: lang})
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec
}

// refusal is what a refused or failed login told the user.
type refusal struct {
	status     int
	message    string
	retryAfter string
	session    bool
}

func answer(rec *httptest.ResponseRecorder) refusal {
	r := refusal{status: rec.Code, message: fieldError(rec.Body.String(), "password"),
		retryAfter: rec.Header().Get("Retry-After")}
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == "hoptac_session" && ck.Value != "" {
			r.session = true
		}
	}
	return r
}

// Guessing one account's password from one address gets slower with every
// failure; the message and Retry-After tell the real wait, the wait is
// exactly that long, another address is not held, and a success clears it.
func TestLoginThrottlePerAccountAndAddress(t *testing.T) {
	t.Parallel()
	clock := &testClock{fixedNow}
	e := newEnvAt(t, clock.now)
	right := e.passwords[viewerEmail]
	wrong := func(i int) string { return fmt.Sprintf("sai-mat-khau-%d", i) }

	// Three typos cost nothing.
	for i := 1; i <= 3; i++ {
		got := answer(e.loginFrom(attacker, viewerEmail, wrong(i), ""))
		want := refusal{status: http.StatusUnauthorized, message: "Thư điện tử hoặc mật khẩu không đúng."}
		if got != want {
			t.Fatalf("free failure %d: %+v, want %+v", i, got, want)
		}
	}
	// Each further failure says how long to wait, doubling from a second.
	for i, wait := range []string{"1 giây", "2 giây", "4 giây", "8 giây", "16 giây", "32 giây", "1 phút 4 giây", "2 phút 8 giây", "4 phút 16 giây"} {
		got := answer(e.loginFrom(attacker, viewerEmail, wrong(10+i), ""))
		secs := 1 << i
		want := refusal{status: http.StatusUnauthorized, retryAfter: strconv.Itoa(secs),
			message: "Thư điện tử hoặc mật khẩu không đúng; vui lòng chờ " + wait + " rồi thử lại."}
		if got != want {
			t.Fatalf("failure %d: %+v, want %+v", 4+i, got, want)
		}
		// Even the right password is refused, unchecked, until the wait is
		// over, with the wait still to go.
		clock.add(time.Duration(secs-1) * time.Second)
		got = answer(e.loginFrom(attacker, viewerEmail, right, ""))
		want = refusal{status: http.StatusTooManyRequests, retryAfter: "1",
			message: "Tài khoản này bị đăng nhập sai nhiều lần; vui lòng chờ 1 giây rồi thử lại."}
		if got != want {
			t.Fatalf("right password a second before the wait ends: %+v, want %+v", got, want)
		}
		clock.add(time.Second)
	}
	// The next failure, read in English: 512 s.
	got := answer(e.loginFrom(attacker, viewerEmail, wrong(99), "en"))
	want := refusal{status: http.StatusUnauthorized, retryAfter: "512",
		message: "Wrong e-mail or password; wait 8 min 32 s and try again."}
	if got != want {
		t.Fatalf("failure in English: %+v, want %+v", got, want)
	}
	clock.add(500 * time.Second)
	got = answer(e.loginFrom(attacker, viewerEmail, right, ""))
	want = refusal{status: http.StatusTooManyRequests, retryAfter: "12",
		message: "Tài khoản này bị đăng nhập sai nhiều lần; vui lòng chờ 12 giây rồi thử lại."}
	if got != want {
		t.Fatalf("right password 12 s before the wait ends: %+v, want %+v", got, want)
	}

	// A wait partly over is told rounded up to the second, in the message
	// and in Retry-After alike: 11.5 s to go reads 12.
	clock.add(500 * time.Millisecond)
	got = answer(e.loginFrom(attacker, viewerEmail, right, ""))
	want = refusal{status: http.StatusTooManyRequests, retryAfter: "12",
		message: "Tài khoản này bị đăng nhập sai nhiều lần; vui lòng chờ 12 giây rồi thử lại."}
	if got != want {
		t.Fatalf("right password 11.5 s before the wait ends: %+v, want %+v", got, want)
	}
	clock.add(11 * time.Second)
	if got := answer(e.loginFrom(attacker, viewerEmail, right, "")); got.status != http.StatusTooManyRequests || got.retryAfter != "1" {
		t.Fatalf("right password half a second before the wait ends: %+v, want 429 with Retry-After 1", got)
	}

	// The owner at the office is not held by the attacker's failures.
	if got := answer(e.loginFrom(office, viewerEmail, right, "")); got.status != http.StatusSeeOther || !got.session {
		t.Fatalf("the owner from another address: %+v, want logged in", got)
	}

	// When the wait is over the right password gets in, and the pair
	// starts afresh.
	clock.add(500 * time.Millisecond)
	if got := answer(e.loginFrom(attacker, viewerEmail, right, "")); got.status != http.StatusSeeOther || !got.session {
		t.Fatalf("right password when the wait is over: %+v, want logged in", got)
	}
	for i := 1; i <= 3; i++ {
		if got := answer(e.loginFrom(attacker, viewerEmail, wrong(i), "")); got.status != http.StatusUnauthorized || got.retryAfter != "" {
			t.Fatalf("failure %d after a success: %+v, want free again", i, got)
		}
	}
}

// Spraying many accounts from one address is capped per address, with the
// true wait; the same accounts log in from elsewhere.
func TestLoginThrottlePerAddress(t *testing.T) {
	t.Parallel()
	clock := &testClock{fixedNow}
	e := newEnvAt(t, clock.now)
	for i := 0; i < 100; i++ {
		email := fmt.Sprintf("khong-co-%d@hoptac.local", i)
		if got := answer(e.loginFrom(attacker, email, "doan-mo", "")); got.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %+v, want 401", i+1, got)
		}
		clock.add(time.Second)
	}
	// The first failure was 100 s ago; it leaves the 15-minute window in
	// 800 s, and the address may try again then.
	got := answer(e.loginFrom(attacker, adminEmail, e.passwords[adminEmail], ""))
	want := refusal{status: http.StatusTooManyRequests, retryAfter: "800",
		message: "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này; vui lòng chờ 13 phút 20 giây rồi thử lại."}
	if got != want {
		t.Fatalf("login from the spraying address: %+v, want %+v", got, want)
	}
	if got := answer(e.loginFrom(office, adminEmail, e.passwords[adminEmail], "")); got.status != http.StatusSeeOther {
		t.Errorf("login from another address: %+v, want 303", got)
	}
	clock.add(799 * time.Second)
	if got := answer(e.loginFrom(attacker, adminEmail, e.passwords[adminEmail], "")); got.status != http.StatusTooManyRequests || got.retryAfter != "1" {
		t.Errorf("a second before the wait ends: %+v, want 429 with Retry-After 1", got)
	}
	clock.add(time.Second)
	if got := answer(e.loginFrom(attacker, adminEmail, e.passwords[adminEmail], "")); got.status != http.StatusSeeOther || !got.session {
		t.Errorf("when the wait is over: %+v, want logged in", got)
	}
}

// An IPv6 host holds a whole /64: its failures count together, whichever
// address of it they come from, and another network is not held.
func TestLoginThrottleIPv6Network(t *testing.T) {
	t.Parallel()
	e := newEnvAt(t, (&testClock{fixedNow}).now)
	for i, addr := range []string{"2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::3"} {
		if got := answer(e.loginFrom(addr, viewerEmail, fmt.Sprintf("sai-%d", i), "")); got.retryAfter != "" {
			t.Fatalf("free failure %d from %s: %+v", i+1, addr, got)
		}
	}
	got := answer(e.loginFrom("2001:db8:1:2::abcd", viewerEmail, "sai-3", ""))
	if got.status != http.StatusUnauthorized || got.retryAfter != "1" {
		t.Fatalf("fourth failure from the same /64: %+v, want a wait of 1 s", got)
	}
	if got := answer(e.loginFrom("2001:db8:1:3::1", viewerEmail, e.passwords[viewerEmail], "")); got.status != http.StatusSeeOther {
		t.Errorf("another /64: %+v, want logged in", got)
	}
}
