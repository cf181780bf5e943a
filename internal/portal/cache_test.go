package portal_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
)

// TestRevalidation: every public answer carries a short public
// Cache-Control, an ETag and a Last-Modified; a matching If-None-Match or
// an If-Modified-Since not older than the answer gets 304 with no body;
// once the data changes the old tag no longer matches.
func TestRevalidation(t *testing.T) {
	a := start(t)
	c := a.NewClient()
	for _, p := range publicPaths(a) {
		t.Run(p, func(t *testing.T) {
			a := a.With(t)
			resp, body := a.Get(c, p)
			if resp.StatusCode != http.StatusOK || body == "" {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=60" {
				t.Errorf("Cache-Control %q", cc)
			}
			if v := resp.Header.Get("Vary"); !strings.Contains(v, "Cookie") {
				t.Errorf("Vary %q: the language cookie changes the answer", v)
			}
			etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if !strings.HasPrefix(etag, `"`) || lm == "" {
				t.Fatalf("ETag %q, Last-Modified %q", etag, lm)
			}
			for name, hdr := range map[string]http.Header{
				"if-none-match":        {"If-None-Match": {etag}},
				"weak":                 {"If-None-Match": {`"x", W/` + etag}},
				"if-modified-since":    {"If-Modified-Since": {lm}},
				"modified-since-later": {"If-Modified-Since": {a.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}},
			} {
				resp, body := a.Do(c, http.MethodGet, p, nil, "", hdr)
				if resp.StatusCode != http.StatusNotModified || body != "" {
					t.Errorf("%s: status %d, %d bytes; want 304 and no body", name, resp.StatusCode, len(body))
				}
				if resp.Header.Get("ETag") != etag {
					t.Errorf("%s: 304 with ETag %q, want %q", name, resp.Header.Get("ETag"), etag)
				}
			}
			for name, hdr := range map[string]http.Header{
				"other tag": {"If-None-Match": {`"something-else"`}},
				"older":     {"If-Modified-Since": {time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)}},
				"tag wins":  {"If-None-Match": {`"something-else"`}, "If-Modified-Since": {lm}},
				"english":   {"Cookie": {"lang=en"}, "If-None-Match": {etag}},
			} {
				if name == "english" && strings.Contains(p, "/du-lieu/") {
					continue // downloads read the same in both languages
				}
				if resp, _ := a.Do(c, http.MethodGet, p, nil, "", hdr); resp.StatusCode != http.StatusOK {
					t.Errorf("%s: status %d, want 200", name, resp.StatusCode)
				}
			}
		})
	}
	// A change to what the home page shows changes its tag.
	resp, _ := a.Get(c, "/cong-khai")
	etag := resp.Header.Get("ETag")
	publish(t, a.DB, a.PlanID, true)
	resp, _ = a.Do(c, http.MethodGet, "/cong-khai", nil, "", http.Header{"If-None-Match": {etag}})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == etag {
		t.Errorf("after publishing: status %d, ETag %q (was %q)", resp.StatusCode, resp.Header.Get("ETag"), etag)
	}
}

// TestNoSessionLayout: a logged-in reader gets the portal exactly as a
// visitor does, without the menus, name or logout of the logged-in pages.
func TestNoSessionLayout(t *testing.T) {
	a := start(t)
	publish(t, a.DB, a.PlanID, true)
	anon := a.NewClient()
	for _, email := range []string{apptest.ViewerEmail, apptest.OfficerEmail, apptest.CoordinatorEmail} {
		user := a.Login(email)
		for _, p := range publicPaths(a, a.PlanID) {
			_, want := a.Get(anon, p)
			_, got := a.Get(user, p)
			if got != want {
				t.Errorf("%s as %s differs from what a visitor gets", p, email)
			}
			for _, leak := range []string{`href="/plans"`, `action="/logout"`, `href="/account"`, `href="/notifications"`, email} {
				if strings.Contains(got, leak) {
					t.Errorf("%s as %s shows %q", p, email, leak)
				}
			}
		}
	}
}
