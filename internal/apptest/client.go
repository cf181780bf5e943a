package apptest

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// SessionCookie is the name of hoptac's session cookie.
const SessionCookie = "hoptac_session"

// NewClient has its own cookie jar and does not follow redirects, so tests
// see the 303s themselves.
func (a *App) NewClient() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		a.T.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Login logs in through the real form and returns the client holding the
// session.
func (a *App) Login(email string) *http.Client {
	a.T.Helper()
	c := a.NewClient()
	resp, body := a.PostForm(c, "/login", url.Values{"email": {email}, "password": {a.Password(email)}})
	if resp.StatusCode != http.StatusSeeOther {
		a.T.Fatalf("login %s: status %d\n%.500s", email, resp.StatusCode, body)
	}
	return c
}

// Clients returns a client per role: logged in for each account of
// RoleEmails, and one that is not for RoleAnon.
func (a *App) Clients() map[string]*http.Client {
	a.T.Helper()
	out := map[string]*http.Client{RoleAnon: a.NewClient()}
	for role, email := range RoleEmails() {
		out[role] = a.Login(email)
	}
	return out
}

// Do sends a request and reads the whole answer. Writes carry this site's
// Origin, as a browser sends; hdr adds or replaces headers.
func (a *App) Do(c *http.Client, method, path string, body io.Reader, contentType string, hdr http.Header) (*http.Response, string) {
	a.T.Helper()
	req, err := http.NewRequest(method, a.URL+path, body)
	if err != nil {
		a.T.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Origin", a.URL)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	resp, err := c.Do(req)
	if err != nil {
		a.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		a.T.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp, string(b)
}

// Get is a GET.
func (a *App) Get(c *http.Client, path string) (*http.Response, string) {
	a.T.Helper()
	return a.Do(c, http.MethodGet, path, nil, "", nil)
}

// Page GETs a page that must answer 200 and returns its body.
func (a *App) Page(c *http.Client, path string) string {
	a.T.Helper()
	resp, body := a.Get(c, path)
	if resp.StatusCode != http.StatusOK {
		a.T.Fatalf("GET %s: status %d\n%.800s", path, resp.StatusCode, body)
	}
	return body
}

// PostForm posts a URL-encoded form.
func (a *App) PostForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	a.T.Helper()
	return a.Do(c, http.MethodPost, path, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded", nil)
}

// PostMultipart posts fields and, if fileName is set, data as the file
// input "file".
func (a *App) PostMultipart(c *http.Client, path string, fields map[string]string, fileName string, data []byte) (*http.Response, string) {
	a.T.Helper()
	body, ct := MultipartBody(a.T, fields, fileName, data)
	return a.Do(c, http.MethodPost, path, body, ct, nil)
}

// MultipartBody builds a form with fields and, if fileName is set, data
// as "file"; it returns the body and its Content-Type.
func MultipartBody(t testing.TB, fields map[string]string, fileName string, data []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if fileName != "" {
		fw, err := w.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// Session returns the session cookie a client holds, or nil.
func (a *App) Session(c *http.Client) *http.Cookie {
	u, err := url.Parse(a.URL)
	if err != nil {
		a.T.Fatal(err)
	}
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == SessionCookie {
			return ck
		}
	}
	return nil
}
