package server

// Shared set-up for the server tests, over apptest: a real database with the
// demo data, the whole application behind httptest, and one logged-in
// client per role.
// The tests are in package server (not server_test) so that the panic test
// can wrap its own handler in the real middleware chain.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// fixedNow is the clock of every test: 10:00 on 24 November 2026 in Vietnam.
var fixedNow = apptest.Now

// Roles of the matrix. "other" is an agency officer of another department.
const (
	roleAnon        = apptest.RoleAnon
	roleAdmin       = apptest.RoleAdmin
	roleCoordinator = apptest.RoleCoordinator
	roleAgency      = apptest.RoleAgency
	roleOther       = apptest.RoleOther
	roleViewer      = apptest.RoleViewer
	roleCoop        = apptest.RoleCoop
)

var allRoles = apptest.Roles()

// roleEmails maps each logged-in role to its demo account.
var roleEmails = apptest.RoleEmails()

// env is one running application (apptest) with its data.
type env struct {
	app       *apptest.App
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

// hoptac builds the application as apptest asks; apptest cannot import
// this package, whose tests use it.
func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return New(db, Config{Now: c.Now, Log: c.Log})
}

func newEnv(t *testing.T) *env {
	t.Helper()
	app := apptest.Start(t, hoptac)
	e := &env{app: app, t: t, db: app.DB, srv: app.Server.(*Server), ts: app.TS, planID: app.PlanID,
		passwords: app.Passwords, clients: app.Clients()}
	e.findIDs()
	return e
}

// with returns the env bound to a sub-test, so helpers fail the right test.
func (e *env) with(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// a is the apptest view of e, bound to e.t. It also serves an env a test
// puts together by hand around a server of its own (see cache_diff_test).
func (e *env) a() *apptest.App {
	a := apptest.App{Now: func() time.Time { return fixedNow }}
	if e.app != nil {
		a = *e.app
	}
	a.T, a.DB, a.TS, a.URL, a.Passwords, a.PlanID = e.t, e.db, e.ts, e.ts.URL, e.passwords, e.planID
	return &a
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
	tasks := e.a().Tasks()
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
func (e *env) newClient() *http.Client { return e.a().NewClient() }

// login logs in through the real form and returns the client holding the
// session.
func (e *env) login(email string) *http.Client {
	e.t.Helper()
	return e.a().Login(email)
}

// do sends a request; state-changing requests carry the Origin a browser on
// this site would send.
func (e *env) do(c *http.Client, method, path string, body io.Reader, contentType string, hdr http.Header) (*http.Response, string) {
	e.t.Helper()
	return e.a().Do(c, method, path, body, contentType, hdr)
}

func (e *env) get(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	return e.a().Get(c, path)
}

func (e *env) postForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.a().PostForm(c, path, v)
}

// multipartBody builds a form with fields and, if fileName is set, a file.
func multipartBody(t *testing.T, fields map[string]string, fileName string, data []byte) (io.Reader, string) {
	t.Helper()
	return apptest.MultipartBody(t, fields, fileName, data)
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
		"SELECT COUNT(*) FROM report_events", "SELECT id, state, narrative, updated_at FROM report_submissions ORDER BY id",
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
func (e *env) sessionCookie(c *http.Client) *http.Cookie { return e.a().Session(c) }

func pathf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
