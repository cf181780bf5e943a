package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// ids are the real record ids the matrix puts into {id}.
type ids struct {
	plan, ownTask, otherTask, inheritedTask, agency, scratchAgency, file int64
	// Accounts the administrator's pages change: one to edit, disable and
	// reset, one already disabled to re-enable.
	scratchAccount, disabledAccount int64
	adminSession                    string           // the ID of a second session of the administrator
	ownTokens                       map[string]int64 // role -> a token of that role's own
	othersToken                     int64            // a token of an account outside the matrix
	// The same for the API's revoke, which comes after the page's.
	ownAPITokens   map[string]int64
	othersAPIToken int64
	// organisation is a demo organisation of the register, with figures of
	// registerYear.
	organisation int64
	ownNotices   map[string]int64 // role -> an unread notification of that role's own
	reports      reportIDs
	// Pairs of duplicates each role merges or marks distinct.
	mergePairs, distinctPairs map[string][2]int64
}

// call is one request of the matrix, sent once per role.
type call struct {
	name   string // sub-test name when a pattern has several calls
	method string // only for patterns without a method ("/", "/api/")
	path   func(ids) string
	// rolePath, when set, replaces path in the matrix: the record depends
	// on who asks (their own token).
	rolePath func(ids, string) string
	body     func(ids, string) (io.Reader, string) // role -> body, content type
	want     byRole                                // role -> status
	loc      map[string]string                     // role -> exact Location of a 303, where it matters
	fresh    bool                                  // log in anew first (the call ends the session)
	// endsAll: the call ends every session of the user, so the role's
	// shared client logs in again after it.
	endsAll bool
	writes  bool // an accepted call must change stored data
}

// byRole names the status each role must get. The matrix fails on a role
// without an entry, so a new role is one more key in every expectation.
type byRole map[string]int

// all gives every role of the matrix the same status.
func all(status int) byRole {
	m := byRole{}
	for _, r := range allRoles {
		m[r] = status
	}
	return m
}

const (
	ok        = http.StatusOK
	created   = http.StatusCreated
	see       = http.StatusSeeOther
	unauth    = http.StatusUnauthorized
	forbidden = http.StatusForbidden
	notFound  = http.StatusNotFound
)

// readPage is what every page readable by any account answers.
var readPage = byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: ok}

// readAPI is what every API read open to any account answers.
var readAPI = byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: ok}

// The reporting cycle is the agencies' and leaders' business, not a
// cooperative's.
var (
	reportsPage = byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: forbidden}
	reportsAPI  = byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: forbidden}
	// The consolidated report is read by those who read every agency's.
	consolidatedRead = byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: ok, roleCoop: forbidden}
)

func fixed(p string) func(ids) string { return func(ids) string { return p } }

func form(v url.Values) (io.Reader, string) {
	return strings.NewReader(v.Encode()), "application/x-www-form-urlencoded"
}

func progressForm(ids, string) (io.Reader, string) {
	return form(url.Values{"status": {"in_progress"}, "percent": {"40"}, "note": {"Cập nhật từ ma trận quyền"}})
}

func progressJSON(ids, string) (io.Reader, string) {
	return strings.NewReader(`{"status":"in_progress","percent":40,"note":"Cập nhật qua API"}`), "application/json"
}

// importTable is a tiny plan's task table, pasted on the import page.
const importTable = "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
	"I\tTuyên truyền\t\t\t\n1\tPhổ biến Luật Hợp tác xã\tSở Tài chính\t\tThường xuyên\n"

// readImport reads importTable as role and returns the pending import its
// review carries; a role that may not import gets an id nobody has.
func (e *env) readImport(role string) string {
	e.t.Helper()
	if role != roleAdmin && role != roleCoordinator {
		return "khong-co"
	}
	resp, text := e.do(e.clients[role], http.MethodPost, "/plans/import", strings.NewReader(url.Values{"text": {importTable}}.Encode()),
		"application/x-www-form-urlencoded", nil)
	m := regexp.MustCompile(`name="pending" value="([^"]*)"`).FindStringSubmatch(text)
	if resp.StatusCode != ok || m == nil {
		e.t.Fatalf("reading the import table as %s: %d, no pending import", role, resp.StatusCode)
	}
	return m[1]
}

// expectations is the role × route table, keyed by the patterns of
// Server.Routes. A route missing here fails TestRouteMatrix.
func (e *env) expectations() map[string][]call {
	// Tasks come in three kinds for the finance officer: one Sở Tài chính
	// leads by name, one it inherited from a merged agency (Sở Kế hoạch và
	// Đầu tư), and one it has no part in. Inherited tasks answer as own ones.
	taskCalls := func(suffix string, own, other map[string]int, body func(ids, string) (io.Reader, string), writes bool, prefix string) []call {
		return []call{
			{name: "own_task", path: func(x ids) string { return fmt.Sprintf("%s/tasks/%d%s", prefix, x.ownTask, suffix) },
				body: body, want: own, writes: writes},
			{name: "inherited_task", path: func(x ids) string { return fmt.Sprintf("%s/tasks/%d%s", prefix, x.inheritedTask, suffix) },
				body: body, want: own, writes: writes},
			{name: "other_task", path: func(x ids) string { return fmt.Sprintf("%s/tasks/%d%s", prefix, x.otherTask, suffix) },
				body: body, want: other, writes: writes},
		}
	}
	managers := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	exp := map[string][]call{
		"GET /{$}": {{path: fixed("/"), want: all(see), loc: map[string]string{roleAnon: "/login", roleAdmin: "/plans",
			roleCoordinator: "/plans", roleAgency: "/my", roleOther: "/my", roleViewer: "/plans"}}},
		"GET /login": {{path: fixed("/login"), want: all(ok)}},
		"POST /login": {
			{name: "right_password", path: fixed("/login"), want: all(see), writes: true, fresh: true, loc: allLoc("/"),
				body: func(_ ids, role string) (io.Reader, string) {
					email := roleEmails[role]
					if role == roleAnon {
						email = roleEmails[roleViewer]
					}
					return form(url.Values{"email": {email}, "password": {e.passwords[email]}})
				}},
			{name: "wrong_password", path: fixed("/login"), want: all(unauth), writes: true,
				body: func(_ ids, role string) (io.Reader, string) {
					// Each role fails on its own account: one account failing six
					// times would be locked by the login limit.
					email, ok := roleEmails[role]
					if !ok {
						email = "khong-co-tai-khoan@hoptac.local"
					}
					return form(url.Values{"email": {email}, "password": {"sai-mat-khau-1234"}})
				}},
		},
		"POST /logout": {{path: fixed("/logout"), want: all(see), fresh: true, loc: allLoc("/login")}},
		"POST /lang": {{path: fixed("/lang"), want: all(see), loc: allLoc("/plans"),
			body: func(ids, string) (io.Reader, string) {
				return form(url.Values{"lang": {"vi"}, "next": {"/plans"}})
			}}},
		"GET /plans":      {{path: fixed("/plans"), want: readPage}},
		"GET /plans/{id}": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d", x.plan) }, want: readPage}},
		"GET /plans/{id}/reports": {
			{name: "today", path: func(x ids) string { return fmt.Sprintf("/plans/%d/reports", x.plan) }, want: reportsPage},
			{name: "period", path: func(x ids) string { return fmt.Sprintf("/plans/%d/reports?period=2025", x.plan) }, want: reportsPage},
		},
		// The plan dashboard follows the reporting pages: agencies and
		// leaders, not a cooperative.
		"GET /plans/{id}/dashboard": {
			{name: "this_year", path: func(x ids) string { return fmt.Sprintf("/plans/%d/dashboard", x.plan) }, want: reportsPage},
			{name: "year", path: func(x ids) string { return fmt.Sprintf("/plans/%d/dashboard?year=2025", x.plan) }, want: reportsPage},
		},
		"GET /plans/{id}/dashboard/{table}": {
			{name: "csv", path: func(x ids) string { return fmt.Sprintf("/plans/%d/dashboard/overdue.csv", x.plan) }, want: reportsPage},
			{name: "xlsx", path: func(x ids) string { return fmt.Sprintf("/plans/%d/dashboard/rates.xlsx?year=2025", x.plan) }, want: reportsPage},
			{name: "no_such_table", path: func(x ids) string { return fmt.Sprintf("/plans/%d/dashboard/secrets.csv", x.plan) },
				want: byRole{roleAnon: see, roleAdmin: notFound, roleCoordinator: notFound, roleAgency: notFound, roleOther: notFound, roleViewer: notFound, roleCoop: forbidden}},
		},
		// A manual urge of the finance department's missing 2026 report:
		// e-mails to its officer, so the outbox grows.
		"POST /plans/{id}/reports/urge": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/reports/urge", x.plan) },
			want:   byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return form(url.Values{"period": {"2026"}, "agency": {fmt.Sprint(x.agency)}, "message": {"Đôn đốc thử " + role}})
			}}},
		// The consolidated report quotes every agency's report: those who
		// read them all read it and download it; the coordinator and the
		// administrator edit its narrative.
		"GET /plans/{id}/consolidated/{period}": {
			{name: "page", path: func(x ids) string { return fmt.Sprintf("/plans/%d/consolidated/2026", x.plan) }, want: consolidatedRead},
			{name: "docx", path: func(x ids) string { return fmt.Sprintf("/plans/%d/consolidated/2026.docx", x.plan) }, want: consolidatedRead},
			{name: "xlsx", path: func(x ids) string { return fmt.Sprintf("/plans/%d/consolidated/2026.xlsx", x.plan) }, want: consolidatedRead},
			{name: "pdf", path: func(x ids) string { return fmt.Sprintf("/plans/%d/consolidated/2026.pdf", x.plan) }, want: consolidatedRead},
		},
		"POST /plans/{id}/consolidated/{period}": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/consolidated/2026", x.plan) },
			want:   byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"number": {"15/BC-STC"}, "summary": {"Tình hình chung, ghi bởi " + role}})
			}}},
		"GET /tasks/{id}": taskCalls("", readPage, readPage, nil, false, ""),
		"POST /tasks/{id}/progress": taskCalls("/progress",
			byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: see, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, progressForm, true, ""),
		"GET /files/{id}": {{path: func(x ids) string { return fmt.Sprintf("/files/%d", x.file) }, want: readPage}},
		"GET /my":         {{path: fixed("/my"), want: readPage}},
		"GET /agencies": {
			{name: "all", path: fixed("/agencies"), want: readPage},
			// A search: the list with a filter applied.
			{name: "no_successor_on_page", path: fixed("/agencies?q=" + url.QueryEscape("Sở Tư pháp")), want: readPage},
		},
		"GET /agencies/new": {{path: fixed("/agencies/new"), want: managers}},
		"GET /plans/import": {{path: fixed("/plans/import"), want: managers}},
		// Reading a document stores no plan data, for any role: only a pending
		// import for its reader to confirm.
		"POST /plans/import": {{path: fixed("/plans/import"), want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			body: func(ids, string) (io.Reader, string) {
				return form(url.Values{"text": {importTable}})
			}}},
		"POST /plans/import/confirm": {{path: fixed("/plans/import/confirm"),
			want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"pending": {e.readImport(role)}, "doc.title": {"Kế hoạch nhập thử " + role}})
			}}},
		"POST /agencies": {{path: fixed("/agencies"), want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			writes: true, loc: map[string]string{roleAdmin: "/agencies", roleCoordinator: "/agencies"},
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"name": {"Ban thử nghiệm quyền " + role}, "kind": {"other"}})
			}}},
		"GET /agencies/{id}/edit": {{path: func(x ids) string { return fmt.Sprintf("/agencies/%d/edit", x.agency) }, want: managers}},
		"POST /agencies/{id}": {{path: func(x ids) string { return fmt.Sprintf("/agencies/%d", x.scratchAgency) },
			want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true,
			loc: map[string]string{roleAdmin: "/agencies", roleCoordinator: "/agencies"},
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"name": {"Ban thử nghiệm"}, "short_name": {"BTN " + role}, "kind": {"other"}})
			}}},
		"GET /audit": {{path: fixed("/audit"), want: byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}}},
		"GET /audit.csv": {{path: fixed("/audit.csv?entity=agency"), want: byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			loc: map[string]string{roleAnon: "/login?next=%2Faudit.csv%3Fentity%3Dagency"}}},
		"GET /static/": {{path: fixed("/static/style.css"), want: all(ok)}},
		"GET /favicon.ico": {{path: fixed("/favicon.ico"), want: all(http.StatusMovedPermanently),
			loc: allLoc("/static/favicon.svg")}},
		"GET /healthz": {{path: fixed("/healthz"), want: all(ok)}},

		"GET /api/v1/openapi.json":        {{path: fixed("/api/v1/openapi.json"), want: all(ok)}},
		"GET /api/v1/plans":               {{path: fixed("/api/v1/plans"), want: readAPI}},
		"GET /api/v1/plans/{id}":          {{path: func(x ids) string { return fmt.Sprintf("/api/v1/plans/%d", x.plan) }, want: readAPI}},
		"GET /api/v1/tasks":               {{path: fixed("/api/v1/tasks"), want: readAPI}},
		"GET /api/v1/tasks/{id}":          taskCalls("", readAPI, readAPI, nil, false, "/api/v1"),
		"GET /api/v1/tasks/{id}/progress": taskCalls("/progress", readAPI, readAPI, nil, false, "/api/v1"),
		"POST /api/v1/tasks/{id}/progress": taskCalls("/progress",
			byRole{roleAnon: unauth, roleAdmin: created, roleCoordinator: created, roleAgency: created, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			byRole{roleAnon: unauth, roleAdmin: created, roleCoordinator: created, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, progressJSON, true, "/api/v1"),
		"GET /api/v1/agencies": {{path: fixed("/api/v1/agencies"), want: readAPI}},
		"GET /api/v1/reports":  {{path: func(x ids) string { return fmt.Sprintf("/api/v1/reports?plan=%d&period=2026", x.plan) }, want: reportsAPI}},
		"GET /api/v1/units":    {{path: fixed("/api/v1/units?level=commune&on=2025-07-02"), want: readAPI}},
		"GET /api/v1/units/{code}": {
			{name: "by_date", path: fixed("/api/v1/units/10507?on=2025-06-30"), want: readAPI},
			{name: "unknown", path: fixed("/api/v1/units/99999"),
				want: byRole{roleAnon: unauth, roleAdmin: notFound, roleCoordinator: notFound, roleAgency: notFound, roleOther: notFound, roleViewer: notFound, roleCoop: notFound}},
		},
		"GET /api/v1/audit": {{path: fixed("/api/v1/audit"), want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}}},
		"/api/": {
			{name: "get", method: http.MethodGet, path: fixed("/api/v1/nope"), want: all(notFound)},
			{name: "post", method: http.MethodPost, path: fixed("/api/v1/nope"), want: all(notFound)},
			{name: "v2", method: http.MethodGet, path: fixed("/api/v2/plans"), want: all(notFound)},
		},
		"/": {
			{name: "get", method: http.MethodGet, path: fixed("/nope"), want: all(notFound)},
			{name: "post", method: http.MethodPost, path: fixed("/nope"), want: all(notFound)},
			// A path that exists under another method: 405 (methods_test.go).
			{name: "delete_plans", method: http.MethodDelete, path: fixed("/plans"), want: all(http.StatusMethodNotAllowed)},
			{name: "deep", method: http.MethodGet, path: fixed("/plans/1/nope"), want: all(notFound)},
		},
	}
	maps.Copy(exp, e.accountExpectations())
	maps.Copy(exp, registerExpectations())
	maps.Copy(exp, e.registerImportExpectations())
	maps.Copy(exp, e.mailExpectations())
	maps.Copy(exp, e.reportExpectations())
	maps.Copy(exp, e.proposalExpectations())
	maps.Copy(exp, e.scheduleExpectations())
	maps.Copy(exp, duplicateExpectations())
	maps.Copy(exp, e.targetExpectations())
	maps.Copy(exp, e.portalExpectations())
	maps.Copy(exp, indicatorExpectations())
	return exp
}

func allLoc(loc string) map[string]string {
	out := map[string]string{}
	for _, r := range allRoles {
		out[r] = loc
	}
	return out
}

// TestRouteTableHasExpectations fails as soon as a route is added to
// Routes without a row in the matrix, or a row outlives its route.
func TestRouteTableHasExpectations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	exp := e.expectations()
	seen := map[string]bool{}
	for _, rt := range e.srv.Routes() {
		if seen[rt.Pattern] {
			t.Errorf("route %q is listed twice", rt.Pattern)
		}
		seen[rt.Pattern] = true
		if rt.Handler == nil {
			t.Errorf("route %q has no handler", rt.Pattern)
		}
		calls, ok := exp[rt.Pattern]
		if !ok || len(calls) == 0 {
			t.Errorf("route %q has no entry in the role × route expectations table; add one", rt.Pattern)
			continue
		}
		for _, c := range calls {
			for _, role := range allRoles {
				if _, ok := c.want[role]; !ok {
					t.Errorf("route %q (%s) has no expectation for role %s", rt.Pattern, c.name, role)
				}
			}
			if methodOf(rt.Pattern) == "" && c.method == "" {
				t.Errorf("route %q (%s) matches every method; the call must name one", rt.Pattern, c.name)
			}
		}
		// Every state-changing route is covered for every role (checked
		// above) and must be expected to write when accepted, unless it only
		// touches the session or a cookie, or only reads what it is sent
		// (POST /plans/import and POST /register/import show a review and
		// keep only a pending import).
		readOnlyPosts := []string{"POST /logout", "POST /lang", "POST /plans/import", "POST /register/import"}
		if m := methodOf(rt.Pattern); m == http.MethodPost && !slices.Contains(readOnlyPosts, rt.Pattern) {
			for _, c := range calls {
				if !c.writes {
					t.Errorf("state-changing route %q (%s) does not check that it writes", rt.Pattern, c.name)
				}
			}
		}
		// The Access column must agree with what anonymous visitors get.
		for _, c := range calls {
			anon := c.want[roleAnon]
			switch rt.Access {
			case LoggedIn, Account:
				if anon != unauth && anon != see {
					t.Errorf("route %q is LoggedIn but anonymous is expected to get %d", rt.Pattern, anon)
				}
			case Public:
				// A public route treats visitors like any account: the
				// viewer, who may do least, gets what anonymous gets.
				if anon != c.want[roleViewer] {
					t.Errorf("route %q is Public but anonymous (%d) and viewer (%d) are expected to differ",
						rt.Pattern, anon, c.want[roleViewer])
				}
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(exp)) {
		if !seen[p] {
			t.Errorf("expectations table has %q, which is not in Routes(); remove it", p)
		}
	}
}

// TestRouteMatrix sends every route to every role and checks the status,
// where redirects go, and that refused requests leave the data untouched.
func TestRouteMatrix(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	scratch := org.Agency{Name: "Ban thử nghiệm", Kind: org.KindOther}
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &scratch) }); err != nil {
		t.Fatalf("create scratch agency: %v", err)
	}
	// Units for the unit routes: 10507 before and after the reform.
	storetest.ImportReformUnits(t, e.db)
	x := ids{plan: e.planID, ownTask: e.ownTaskID, otherTask: e.otherTaskID, inheritedTask: e.inheritedID, agency: e.financeID,
		scratchAgency: scratch.ID, file: e.uploadEvidence()}
	e.accountIDs(&x)
	e.mailIDs(&x)
	e.reportIDs(&x)
	e.duplicateIDs(&x)
	exp := e.expectations()
	for _, rt := range e.srv.Routes() {
		calls, ok := exp[rt.Pattern]
		if !ok {
			t.Errorf("route %q has no entry in the expectations table", rt.Pattern)
			continue
		}
		for _, c := range calls {
			method := methodOf(rt.Pattern)
			if method == "" {
				method = c.method
			}
			name := rt.Pattern
			if c.name != "" {
				name += "/" + c.name
			}
			for _, role := range allRoles {
				t.Run(name+"/"+role, func(t *testing.T) {
					e := e.with(t)
					wantStatus, ok := c.want[role]
					if !ok {
						t.Fatalf("no expectation for role %s", role)
					}
					client := e.clients[role]
					if c.fresh {
						client = e.newClient()
						if role != roleAnon {
							client = e.login(roleEmails[role])
						}
					}
					path := c.path(x)
					if c.rolePath != nil {
						path = c.rolePath(x, role)
					}
					var body io.Reader
					var ct string
					if c.body != nil {
						body, ct = c.body(x, role)
					}
					before := e.snapshot()
					resp, text := e.do(client, method, path, body, ct, nil)
					if c.endsAll && role != roleAnon {
						e.clients[role] = e.login(roleEmails[role])
					}
					if resp.StatusCode != wantStatus {
						t.Fatalf("%s %s as %s: status %d, want %d\n%.600s", method, path, role, resp.StatusCode, wantStatus, text)
					}
					loc := resp.Header.Get("Location")
					if l, ok := c.loc[role]; ok && loc != l {
						t.Errorf("Location %q, want %q", loc, l)
					}
					isAPI := strings.HasPrefix(path, "/api/")
					if role == roleAnon && rt.Access == LoggedIn && method == http.MethodGet && !isAPI {
						if want := "/login?next=" + url.QueryEscape(path); loc != want {
							t.Errorf("anonymous GET %s: Location %q, want %q", path, loc, want)
						}
					}
					if isAPI && resp.StatusCode >= 400 {
						if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
							t.Errorf("API error with Content-Type %q, want JSON", ct)
						}
						var body struct {
							Error struct{ Code, Message string }
						}
						if err := json.Unmarshal([]byte(text), &body); err != nil || body.Error.Code == "" || body.Error.Message == "" {
							t.Errorf("API error body %q is not {error:{code,message}}: %v", text, err)
						}
					}
					if !isAPI && resp.StatusCode >= 400 && !strings.Contains(text, "<html lang=") {
						t.Errorf("page error %d is not an HTML page:\n%.300s", resp.StatusCode, text)
					}
					after := e.snapshot()
					changed := !maps.Equal(before, after)
					if resp.StatusCode >= 400 && changed {
						t.Errorf("refused request (%d) changed stored data:\nbefore %v\nafter  %v", resp.StatusCode, before, after)
					}
					if resp.StatusCode < 400 && c.writes && !changed {
						t.Errorf("accepted request (%d) changed nothing", resp.StatusCode)
					}
					if resp.StatusCode < 400 && method == http.MethodGet && changed {
						t.Errorf("GET changed stored data")
					}
				})
			}
		}
	}
}
