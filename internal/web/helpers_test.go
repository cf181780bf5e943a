package web_test

// Shared set-up for the page tests: a real SQLite file with the demo data,
// the whole application (server.New(...).Handler()) behind httptest, and
// logged-in clients that go through the real login form. Pages are read with
// strings and regexp; the standard library has no HTML parser.

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// fixedNow is the clock of every test: 10:00 on 24 November 2026 in Vietnam.
var fixedNow = time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// Demo accounts.
const (
	adminEmail       = "admin@hoptac.local"
	coordinatorEmail = "dieuphoi@hoptac.local"
	financeEmail     = "taichinh@hoptac.local"
	agricultureEmail = "nongnghiep@hoptac.local"
	viewerEmail      = "lanhdao@hoptac.local"
)

type env struct {
	t         *testing.T
	db        *store.DB
	ts        *httptest.Server
	handler   http.Handler // the same application, for requests from a chosen address
	planID    int64
	passwords map[string]string
	financeID int64
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvAt(t, func() time.Time { return fixedNow })
}

// newEnvAt is newEnv on a clock the test moves itself.
func newEnvAt(t *testing.T, now func() time.Time) *env {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	db.Now = now
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	// The demo's passwords are one-time; these tests log in to test other things.
	storetest.SkipFirstLogin(t, db)
	srv, err := server.New(db, server.Config{Now: now, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e := &env{t: t, db: db, ts: ts, handler: srv.Handler(), planID: loaded.PlanID, passwords: map[string]string{}}
	for _, a := range loaded.Accounts {
		e.passwords[a.Email] = a.Password
	}
	fin, err := db.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		t.Fatalf("AgencyByName: %v", err)
	}
	e.financeID = fin.ID
	return e
}

// with returns the env bound to a sub-test, so helpers fail the right test.
func (e *env) with(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// newClient has its own cookie jar and does not follow redirects.
func (e *env) newClient() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login logs in through the real form.
func (e *env) login(email string) *http.Client {
	e.t.Helper()
	c := e.newClient()
	resp, body := e.postForm(c, "/login", url.Values{"email": {email}, "password": {e.passwords[email]}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d\n%.500s", email, resp.StatusCode, body)
	}
	return c
}

// do sends a request; writes carry this site's Origin, as a browser sends.
func (e *env) do(c *http.Client, method, path string, body io.Reader, contentType string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != http.MethodGet {
		req.Header.Set("Origin", e.ts.URL)
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	return resp, string(b)
}

func (e *env) get(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	return e.do(c, http.MethodGet, path, nil, "")
}

// page GETs a page that must answer 200.
func (e *env) page(c *http.Client, path string) string {
	e.t.Helper()
	resp, body := e.get(c, path)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: status %d\n%.800s", path, resp.StatusCode, body)
	}
	return body
}

func (e *env) postForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.do(c, http.MethodPost, path, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded")
}

// postMultipart sends fields and, if fileName is set, a file as "file".
func (e *env) postMultipart(c *http.Client, path string, fields map[string]string, fileName string, data []byte) (*http.Response, string) {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			e.t.Fatal(err)
		}
	}
	if fileName != "" {
		fw, err := w.CreateFormFile("file", fileName)
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		e.t.Fatal(err)
	}
	return e.do(c, http.MethodPost, path, &buf, w.FormDataContentType())
}

func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.SQL().QueryRow(e.db.Rebind(query), args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// taskByCode finds a demo task by its code ("II.2").
func (e *env) taskByCode(code string) plan.Task {
	e.t.Helper()
	tasks, _, err := e.db.Tasks(context.Background(), plan.TaskFilter{PlanID: e.planID, Today: plan.Today(fixedNow), PerPage: -1})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, t := range tasks {
		if t.Code == code {
			return t
		}
	}
	e.t.Fatalf("no task %s in the demo plan", code)
	return plan.Task{}
}

// responsible returns the codes of the demo tasks an agency has a part in:
// directly (direct) and also through the agencies merged into it (all).
func (e *env) responsible(agencyID int64) (direct, all map[string]bool) {
	e.t.Helper()
	ids := map[int64]bool{agencyID: true}
	frontier := []int64{agencyID}
	for len(frontier) > 0 {
		var next []int64
		for _, id := range frontier {
			preds, err := e.predecessorIDs(id)
			if err != nil {
				e.t.Fatal(err)
			}
			for _, p := range preds {
				if !ids[p] {
					ids[p] = true
					next = append(next, p)
				}
			}
		}
		frontier = next
	}
	tasks, _, err := e.db.Tasks(context.Background(), plan.TaskFilter{PlanID: e.planID, Today: plan.Today(fixedNow), PerPage: -1})
	if err != nil {
		e.t.Fatal(err)
	}
	direct, all = map[string]bool{}, map[string]bool{}
	for _, t := range tasks {
		for _, r := range append(append([]plan.AgencyRef{}, t.Lead...), t.Support...) {
			if r.ID == agencyID {
				direct[t.Code] = true
			}
			if ids[r.ID] {
				all[t.Code] = true
			}
		}
	}
	return direct, all
}

func (e *env) sessionCookie(c *http.Client) *http.Cookie {
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "hoptac_session" {
			return ck
		}
	}
	return nil
}

// fieldError returns the message shown beside a form field, "" if none.
func fieldError(body, field string) string {
	re := regexp.MustCompile(`<p class="error" id="` + regexp.QuoteMeta(field) + `-error">([^<]*)</p>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// row is a task row of a task table.
type row struct {
	Code, HTML string
}

var (
	rowRE   = regexp.MustCompile(`(?s)<tr(?: class="([^"]*)")?>\s*<td class="nowrap">([^<]*)</td>(.*?)</tr>`)
	groupRE = regexp.MustCompile(`<tr class="group"><th colspan="6" scope="colgroup">([^<]*)</th></tr>`)
	cellRE  = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
)

// taskRows returns the task rows of a page in order.
func taskRows(body string) []row {
	var out []row
	for _, m := range rowRE.FindAllStringSubmatch(body, -1) {
		out = append(out, row{Code: m[2], HTML: m[0]})
	}
	return out
}

func codes(rows []row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Code
	}
	return out
}

// cells returns the text of a row's cells, tags removed.
func cells(r row) []string {
	var out []string
	for _, m := range cellRE.FindAllStringSubmatch(r.HTML, -1) {
		out = append(out, strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(m[1], " "))))
	}
	return out
}

func text(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, " "))), " ")
}

func pathf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// predecessorIDs returns the agencies whose successor is id.
func (e *env) predecessorIDs(id int64) ([]int64, error) {
	rows, err := e.db.SQL().Query(e.db.Rebind(`SELECT id FROM agencies WHERE successor_id = ?`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
