package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// fixedNow is the clock of every test server: 10:00 on 24 November 2026 in
// Vietnam. The demo plan then has overdue tasks (II.1, III.2), a task done
// late (II.4) and tasks still on time.
var fixedNow = apptest.Now

// Demo accounts, one per role.
const (
	adminEmail       = apptest.AdminEmail
	coordinatorEmail = apptest.CoordinatorEmail
	financeEmail     = apptest.OfficerEmail      // agency officer of Sở Tài chính
	agricultureEmail = apptest.OtherOfficerEmail // agency officer of Sở Nông nghiệp và Môi trường
	viewerEmail      = apptest.ViewerEmail
)

// env is a running hoptac server (apptest) over a fresh database loaded
// with the demo data, with an API token for every demo account.
type env struct {
	app       *apptest.App
	t         *testing.T
	db        *store.DB
	srv       *server.Server
	ts        *httptest.Server
	client    *http.Client
	planID    int64
	users     map[string]auth.User // by e-mail
	tokens    map[string]string    // by e-mail
	passwords map[string]string    // by e-mail
}

func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return server.New(db, server.Config{Now: c.Now, Log: c.Log})
}

// newEnv starts a server for one test; everything is torn down with it.
func newEnv(t *testing.T, opts ...apptest.Option) *env {
	t.Helper()
	ctx := context.Background()
	app := apptest.Start(t, hoptac, opts...)
	// API clients hold no cookies: each request stands on its token alone.
	client := app.TS.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	e := &env{app: app, t: t, db: app.DB, srv: app.Server.(*server.Server), ts: app.TS, client: client,
		planID: app.PlanID, users: map[string]auth.User{}, tokens: map[string]string{}, passwords: app.Passwords}
	for email := range app.Passwords {
		u, err := e.db.UserByEmail(ctx, email)
		if err != nil {
			t.Fatalf("UserByEmail(%s): %v", email, err)
		}
		var tok string
		if err := e.db.Update(ctx, func(tx *store.Tx) error {
			tok, err = tx.CreateToken(ctx, u.ID)
			return err
		}); err != nil {
			t.Fatalf("CreateToken(%s): %v", email, err)
		}
		e.users[email], e.tokens[email] = u, tok
	}
	for _, email := range apptest.RoleEmails() {
		if e.tokens[email] == "" {
			t.Fatalf("demo has no account %s", email)
		}
	}
	return e
}

// token returns the API token of a demo account.
func (e *env) token(email string) string {
	e.t.Helper()
	tok, ok := e.tokens[email]
	if !ok {
		e.t.Fatalf("no token for %s", email)
	}
	return tok
}

// request describes one API call. Path includes the query string.
type request struct {
	Method string
	Path   string
	Token  string            // bearer token; empty for none
	Body   string            // sent as application/json when not empty
	Header map[string]string // extra headers, e.g. a bad Authorization
}

// response is what the server answered, with the request that caused it.
type response struct {
	Req    request
	Status int
	Header http.Header
	Body   []byte
}

// do sends r to the test server.
func (e *env) do(r request) response {
	e.t.Helper()
	if r.Method == "" {
		r.Method = http.MethodGet
	}
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, e.ts.URL+r.Path, body)
	if err != nil {
		e.t.Fatalf("NewRequest %s %s: %v", r.Method, r.Path, err)
	}
	if r.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	res, err := e.client.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.Method, r.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read body: %v", r.Method, r.Path, err)
	}
	return response{Req: r, Status: res.StatusCode, Header: res.Header, Body: b}
}

// get is a GET with a token.
func (e *env) get(path, token string) response {
	e.t.Helper()
	return e.do(request{Method: http.MethodGet, Path: path, Token: token})
}

// post is a POST of a JSON body with a token.
func (e *env) post(path, token, body string) response {
	e.t.Helper()
	return e.do(request{Method: http.MethodPost, Path: path, Token: token, Body: body})
}

// must fails the test unless the response has the wanted status and is
// JSON.
func (r response) must(t *testing.T, status int) response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s %s: status %d, want %d; body: %s", r.Req.Method, r.Req.Path, r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s: Content-Type %q, want application/json", r.Req.Method, r.Req.Path, ct)
	}
	return r
}

// decode unmarshals the body into v, refusing fields v does not have.
func (r response) decode(t *testing.T, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s %s: decode %T: %v; body: %s", r.Req.Method, r.Req.Path, v, err, r.Body)
	}
}

// apiError is the error envelope.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// apiErr checks the response is a JSON error with the wanted status and
// code and returns it.
func (r response) apiErr(t *testing.T, status int, code string) apiError {
	t.Helper()
	r.must(t, status)
	var e apiError
	r.decode(t, &e)
	if e.Error.Code != code {
		t.Fatalf("%s %s: error code %q, want %q; body: %s", r.Req.Method, r.Req.Path, e.Error.Code, code, r.Body)
	}
	if e.Error.Message == "" {
		t.Fatalf("%s %s: error without a message: %s", r.Req.Method, r.Req.Path, r.Body)
	}
	return e
}

// page is the list envelope.
type page[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// planTasks returns every task of the demo plan, in plan order, read
// through GET /api/v1/plans/{id}.
func (e *env) planTasks(t *testing.T) []plan.Task {
	t.Helper()
	var p plan.Plan
	e.get(fmt.Sprintf("/api/v1/plans/%d", e.planID), e.token(viewerEmail)).must(t, http.StatusOK).decode(t, &p)
	var out []plan.Task
	for _, g := range p.Groups {
		out = append(out, g.Tasks...)
	}
	return out
}

// hasAgency reports whether the task names the agency as lead or support.
func hasAgency(task plan.Task, agencyID int64) bool {
	return slices.Contains(task.LeadIDs(), agencyID) || slices.Contains(task.SupportIDs(), agencyID)
}

func codes(tasks []plan.Task) []string {
	out := make([]string, len(tasks))
	for i, task := range tasks {
		out[i] = task.Code
	}
	return out
}

// taskJSON is the task detail the API answers: a task with the newest page
// of its history and the history's length.
type taskJSON struct {
	plan.Task
	ProgressTotal int             `json:"progress_total"`
	Revisions     []plan.Revision `json:"revisions"`
}

// registerIDs are the demo organisations the register's tests use: the
// one the demo cooperative account represents, and the dissolved one with
// a status history.
func (e *env) registerIDs(t *testing.T) (own, other int64) {
	t.Helper()
	u := e.users[apptest.CoopEmail]
	if u.OrganisationID == nil {
		t.Fatal("the demo cooperative account represents no organisation")
	}
	return *u.OrganisationID, e.orgByCode(t, "2900211954")
}

// orgByCode is the ID of the demo organisation with a registration code.
func (e *env) orgByCode(t *testing.T, code string) int64 {
	t.Helper()
	o, err := e.db.OrganisationByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("organisation %s: %v", code, err)
	}
	return o.ID
}

// count is the number of rows of table.
func (e *env) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := e.db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}
