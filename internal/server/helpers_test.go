package server

// Shared set-up for the server tests: a real SQLite file with the demo data,
// the whole application behind httptest, and one logged-in client per role.
// The tests are in package server (not server_test) so that the panic test
// can wrap its own handler in the real middleware chain.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// fixedNow is the clock of every test: 10:00 on 24 November 2026 in Vietnam.
var fixedNow = time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// Roles of the matrix. "other" is an agency officer of another department.
const (
	roleAnon        = "anonymous"
	roleAdmin       = "admin"
	roleCoordinator = "coordinator"
	roleAgency      = "agency"
	roleOther       = "other_agency"
	roleViewer      = "viewer"
	roleCoop        = "coop" // a cooperative's representative (HTX Sen Quê)
)

var allRoles = []string{roleAnon, roleAdmin, roleCoordinator, roleAgency, roleOther, roleViewer, roleCoop}

// roleEmails maps each logged-in role to its demo account.
var roleEmails = map[string]string{
	roleAdmin:       "admin@hoptac.local",
	roleCoordinator: "dieuphoi@hoptac.local",
	roleAgency:      "taichinh@hoptac.local",
	roleOther:       "nongnghiep@hoptac.local",
	roleViewer:      "lanhdao@hoptac.local",
	roleCoop:        demo.CoopEmail,
}

// env is one running application with its data.
type env struct {
	t         *testing.T
	db        *store.DB
	srv       *Server
	ts        *httptest.Server
	planID    int64
	passwords map[string]string // e-mail -> password
	clients   map[string]*http.Client

	financeID     int64 // Sở Tài chính
	agricultureID int64 // Sở Nông nghiệp và Môi trường
	ownTaskID     int64 // a task Sở Tài chính leads or supports, the other agency does not
	otherTaskID   int64 // a task neither Sở Tài chính nor the other agency is on
	inheritedID   int64 // a task Sở Tài chính leads only as successor of a merged agency
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	db.Now = func() time.Time { return fixedNow }
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	// The demo's passwords are one-time; these tests log in to test other things.
	storetest.SkipFirstLogin(t, db)
	srv, err := New(db, Config{Now: func() time.Time { return fixedNow }, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e := &env{t: t, db: db, srv: srv, ts: ts, planID: loaded.PlanID, passwords: map[string]string{},
		clients: map[string]*http.Client{}}
	for _, a := range loaded.Accounts {
		e.passwords[a.Email] = a.Password
	}
	e.clients[roleAnon] = e.newClient()
	for role, email := range roleEmails {
		e.clients[role] = e.login(email)
	}
	e.findIDs()
	return e
}

// with returns the env bound to a sub-test, so helpers fail the right test.
func (e *env) with(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// findIDs picks the agencies and tasks the matrix needs from the demo data.
func (e *env) findIDs() {
	t, ctx := e.t, context.Background()
	fin, err := e.db.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		t.Fatalf("AgencyByName: %v", err)
	}
	agr, err := e.db.AgencyByName(ctx, "Sở Nông nghiệp và Môi trường")
	if err != nil {
		t.Fatalf("AgencyByName: %v", err)
	}
	e.financeID, e.agricultureID = fin.ID, agr.ID
	tasks, _, err := e.db.Tasks(ctx, plan.TaskFilter{PlanID: e.planID, Today: plan.Today(fixedNow), PerPage: -1})
	if err != nil {
		t.Fatalf("Tasks: %v", err)
	}
	for _, task := range tasks {
		// LeadIDs and SupportIDs may add the successors of merged agencies;
		// the own task is one Sở Tài chính leads by name, the other one no
		// agency of either officer has any part in.
		ids := append(task.LeadIDs(), task.SupportIDs()...)
		for _, r := range append(append([]plan.AgencyRef{}, task.Lead...), task.Support...) {
			ids = append(ids, r.ID)
		}
		onFinance, onAgri := slices.Contains(ids, fin.ID), slices.Contains(ids, agr.ID)
		leadsDirectly := slices.ContainsFunc(task.Lead, func(r plan.AgencyRef) bool { return r.ID == fin.ID })
		if e.ownTaskID == 0 && leadsDirectly && !onAgri {
			e.ownTaskID = task.ID
		}
		if e.otherTaskID == 0 && !onFinance && !onAgri {
			e.otherTaskID = task.ID
		}
		named := slices.ContainsFunc(append(append([]plan.AgencyRef{}, task.Lead...), task.Support...),
			func(r plan.AgencyRef) bool { return r.ID == fin.ID })
		if e.inheritedID == 0 && !named && slices.Contains(task.LeadIDs(), fin.ID) && !onAgri {
			e.inheritedID = task.ID
		}
	}
	if e.ownTaskID == 0 || e.otherTaskID == 0 || e.inheritedID == 0 {
		t.Fatalf("demo data has no suitable tasks: own=%d other=%d inherited=%d", e.ownTaskID, e.otherTaskID, e.inheritedID)
	}
}

// newClient has its own cookie jar and does not follow redirects, so tests
// see the 303s themselves.
func (e *env) newClient() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login logs in through the real form and returns the client holding the
// session.
func (e *env) login(email string) *http.Client {
	e.t.Helper()
	c := e.newClient()
	pw, ok := e.passwords[email]
	if !ok {
		e.t.Fatalf("no demo account %s", email)
	}
	resp, body := e.postForm(c, "/login", url.Values{"email": {email}, "password": {pw}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d\n%s", email, resp.StatusCode, body)
	}
	return c
}

// do sends a request; state-changing requests carry the Origin a browser on
// this site would send.
func (e *env) do(c *http.Client, method, path string, body io.Reader, contentType string, hdr http.Header) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Origin", e.ts.URL)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp, string(b)
}

func (e *env) get(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	return e.do(c, http.MethodGet, path, nil, "", nil)
}

func (e *env) postForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.do(c, http.MethodPost, path, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded", nil)
}

// multipartBody builds a form with fields and, if fileName is set, a file.
func multipartBody(t *testing.T, fields map[string]string, fileName string, data []byte) (io.Reader, string) {
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

// uploadEvidence records progress with a small PDF as the finance officer
// and returns the new file's id.
func (e *env) uploadEvidence() int64 {
	e.t.Helper()
	body, ct := multipartBody(e.t, map[string]string{"status": "in_progress", "percent": "30",
		"note": "Báo cáo kèm minh chứng"}, "bao-cao.pdf", []byte("%PDF-1.4\n%hoptac test\n"))
	resp, text := e.do(e.clients[roleAgency], http.MethodPost, pathf("/tasks/%d/progress", e.ownTaskID), body, ct, nil)
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("upload evidence: status %d\n%s", resp.StatusCode, text)
	}
	var id int64
	if err := e.db.SQL().QueryRow(`SELECT MAX(id) FROM files`).Scan(&id); err != nil || id == 0 {
		e.t.Fatalf("no file stored: %v", err)
	}
	return id
}

// snapshot is what a refused request must leave untouched: row counts,
// and every task's and agency's state, read with SQL both backends run.
func (e *env) snapshot() map[string]string {
	e.t.Helper()
	out := map[string]string{}
	for _, q := range []string{
		"SELECT COUNT(*) FROM progress", "SELECT COUNT(*) FROM files", "SELECT COUNT(*) FROM agencies",
		"SELECT COUNT(*) FROM agency_aliases", "SELECT COUNT(*) FROM audit_log", "SELECT COUNT(*) FROM users",
		"SELECT COUNT(*) FROM api_tokens", "SELECT COUNT(*) FROM mail_outbox",
		"SELECT COUNT(*) FROM notifications WHERE read_at IS NULL",
		"SELECT id, status, COALESCE(percent, -1), updated_at FROM tasks ORDER BY id",
		"SELECT id, name, updated_at, 0 FROM agencies ORDER BY id",
		"SELECT id, name, phone, updated_at FROM organisations ORDER BY id",
		"SELECT organisation_id, year, revenue, filing, updated_at FROM organisation_figures ORDER BY organisation_id, year",
		"SELECT COUNT(*) FROM organisation_people", "SELECT COUNT(*) FROM organisation_statuses",
	} {
		rows, err := e.db.SQL().Query(q)
		if err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
		var b strings.Builder
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(string)
		}
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				e.t.Fatalf("%s: %v", q, err)
			}
			for _, v := range vals {
				b.WriteString(*v.(*string))
				b.WriteByte(':')
			}
			b.WriteByte(',')
		}
		rows.Close()
		out[q] = b.String()
	}
	return out
}

// sessionCookie returns the session cookie a client holds, or nil.
func (e *env) sessionCookie(c *http.Client) *http.Cookie {
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "hoptac_session" {
			return ck
		}
	}
	return nil
}

func pathf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
