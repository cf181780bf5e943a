package web_test

// Shared set-up for the page tests, over apptest: a real database with the
// demo data, the whole application (server.New(...).Handler()) behind
// httptest, and logged-in clients that go through the real login form. Pages are read with
// strings and regexp; the standard library has no HTML parser.

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// fixedNow is the clock of every test: 10:00 on 24 November 2026 in Vietnam.
var fixedNow = apptest.Now

// Demo accounts.
const (
	adminEmail       = apptest.AdminEmail
	coordinatorEmail = apptest.CoordinatorEmail
	financeEmail     = apptest.OfficerEmail
	agricultureEmail = apptest.OtherOfficerEmail
	viewerEmail      = apptest.ViewerEmail
)

// env is the running application (apptest) with the names these tests use.
type env struct {
	app       *apptest.App
	t         *testing.T
	db        *store.DB
	ts        *httptest.Server
	handler   http.Handler // the same application, for requests from a chosen address
	planID    int64
	passwords map[string]string
	financeID int64
}

func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return server.New(db, server.Config{Now: c.Now, Log: c.Log})
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvAt(t, func() time.Time { return fixedNow })
}

// newEnvAt is newEnv on a clock the test moves itself.
func newEnvAt(t *testing.T, now func() time.Time) *env {
	t.Helper()
	app := apptest.Start(t, hoptac, apptest.WithClock(now))
	return &env{app: app, t: t, db: app.DB, ts: app.TS, handler: app.Handler, planID: app.PlanID,
		passwords: app.Passwords, financeID: app.AgencyID("Sở Tài chính")}
}

// with returns the env bound to a sub-test, so helpers fail the right test.
func (e *env) with(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// a is the apptest App bound to e.t.
func (e *env) a() *apptest.App { return e.app.With(e.t) }

// newClient has its own cookie jar and does not follow redirects.
func (e *env) newClient() *http.Client { return e.a().NewClient() }

// login logs in through the real form.
func (e *env) login(email string) *http.Client {
	e.t.Helper()
	return e.a().Login(email)
}

func (e *env) get(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	return e.a().Get(c, path)
}

// page GETs a page that must answer 200.
func (e *env) page(c *http.Client, path string) string {
	e.t.Helper()
	return e.a().Page(c, path)
}

func (e *env) postForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.a().PostForm(c, path, v)
}

// postMultipart sends fields and, if fileName is set, a file as "file".
func (e *env) postMultipart(c *http.Client, path string, fields map[string]string, fileName string, data []byte) (*http.Response, string) {
	e.t.Helper()
	return e.a().PostMultipart(c, path, fields, fileName, data)
}

func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	return e.a().Count(query, args...)
}

// taskByCode finds a demo task by its code ("II.2").
func (e *env) taskByCode(code string) plan.Task {
	e.t.Helper()
	return e.a().TaskByCode(code)
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
	tasks := e.a().Tasks()
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

func (e *env) sessionCookie(c *http.Client) *http.Cookie { return e.a().Session(c) }

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
	return storetest.IDs(e.t, e.db, `SELECT id FROM agencies WHERE successor_id = ?`, id), nil
}
