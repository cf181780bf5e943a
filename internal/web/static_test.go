package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// Pages link every static file by a URL that carries a fingerprint of its
// content, so a release that changes style.css changes the URL and no
// browser keeps the old one.
func TestStaticLinksAreFingerprinted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := e.page(e.login(viewerEmail), "/plans")
	links := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(links) < 3 {
		t.Fatalf("page links %d static files, want the icon, the CSS and htmx:\n%.600s", len(links), body)
	}
	for _, m := range links {
		link := strings.ReplaceAll(m[1], "&amp;", "&")
		name, v, ok := strings.Cut(strings.TrimPrefix(link, "/static/"), "?v=")
		if !ok {
			t.Errorf("%s has no fingerprint", link)
			continue
		}
		file, err := os.ReadFile("static/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(file)
		if want := hex.EncodeToString(sum[:6]); v != want {
			t.Errorf("%s: fingerprint %s, want %s (the content's SHA-256)", link, v, want)
		}
	}
}

// A static file sends one Cache-Control, also to a logged-in browser whose
// session would otherwise add its own: a year and immutable under the
// fingerprinted URL, revalidated under any other. Directories are not
// listed.
func TestStaticCaching(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	anon, officer := e.newClient(), e.login(financeEmail)
	body := e.page(officer, "/my")
	css := regexp.MustCompile(`href="(/static/style\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatal("page does not link the fingerprinted style.css")
	}
	tests := []struct {
		name   string
		client *http.Client
		path   string
		status int
		cache  string
	}{
		{"fingerprinted", anon, css[1], http.StatusOK, "public, max-age=31536000, immutable"},
		{"fingerprinted, logged in", officer, css[1], http.StatusOK, "public, max-age=31536000, immutable"},
		{"plain", officer, "/static/style.css", http.StatusOK, "public, no-cache"},
		{"old fingerprint", officer, "/static/style.css?v=000000000000", http.StatusOK, "public, no-cache"},
		{"directory", anon, "/static/", http.StatusNotFound, "no-store"},
		{"directory, logged in", officer, "/static/", http.StatusNotFound, "no-store"},
		{"missing", anon, "/static/nope.css", http.StatusNotFound, "no-store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.get(tt.client, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s: status %d, want %d\n%.300s", tt.path, resp.StatusCode, tt.status, body)
			}
			if tt.status == http.StatusNotFound {
				if strings.Contains(body, "style.css") || strings.Contains(body, "htmx") {
					t.Errorf("refused request lists the directory:\n%.300s", body)
				}
			}
			if got := resp.Header.Values("Cache-Control"); len(got) != 1 || got[0] != tt.cache {
				t.Errorf("Cache-Control %q, want exactly [%q]", got, tt.cache)
			}
			if len(resp.Header.Values("Set-Cookie")) != 0 {
				t.Errorf("static file sets a cookie: %q", resp.Header.Values("Set-Cookie"))
			}
			if tt.status == http.StatusOK && !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
		})
	}

	// A browser revalidating the unfingerprinted URL gets a 304.
	req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/static/style.css", nil)
	first, _ := e.get(anon, "/static/style.css")
	req.Header.Set("If-None-Match", first.Header.Get("ETag"))
	resp, err := anon.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation with the ETag: status %d, want 304", resp.StatusCode)
	}
}
