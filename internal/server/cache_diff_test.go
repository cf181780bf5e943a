package server

// A fast wrong answer is the worst defect hoptac can have: a plan page once
// showed another plan because two plans at the same revision shared a cache
// entry. These tests run two servers on one database, one with every cache
// and one with none, and require the same answer from both for every page
// and list that is cached, across plans, filters, pages, languages and
// roles, with writes in between: progress (through either server), an
// agency renamed, tasks edited, dropped and added and a proposal accepted
// (cache_diff_edit_test.go), a plan imported, and the day turning.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// diffClock is the clock both servers and both store handles read; the
// test turns the day with it.
type diffClock struct{ ns atomic.Int64 }

func (c *diffClock) Now() time.Time      { return time.Unix(0, c.ns.Load()).In(fixedNow.Location()) }
func (c *diffClock) Set(t time.Time)     { c.ns.Store(t.UnixNano()) }
func (c *diffClock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

// diffEnv is the pair of servers and what the test asks them.
type diffEnv struct {
	t             *testing.T
	cached, plain *store.DB
	cachedURL     string
	plainURL      string
	clock         *diffClock
	clients       map[string]*http.Client // by role, logged in once for both servers
	finance, agri int64
	requests      int
}

func newDiffEnv(t *testing.T) *diffEnv {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	e := &diffEnv{t: t, cached: storetest.OpenAt(t, dsn), plain: storetest.OpenAt(t, dsn), clock: &diffClock{},
		clients: map[string]*http.Client{}}
	e.plain.DisableCache()
	// The servers read the test's clock; the store handles keep the real
	// one, which sessions expire by.
	loaded, err := demo.Load(ctx, e.cached)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	// The demo's passwords are one-time; these tests log in to test other things.
	storetest.SkipFirstLogin(t, e.cached)
	// Two more plans with more than one page of tasks each (the plan page
	// shows 100, "My agency" 50), both at revision 0 like every new plan.
	if _, err := gen.Generate(ctx, e.cached, gen.Config{Plans: 2, Tasks: 130, Seed: 7, AsOf: fixedNow}); err != nil {
		t.Fatalf("gen: %v", err)
	}
	// Today is the day an open task falls due, so turning the day makes
	// it overdue: a page kept from yesterday would show it in time.
	var due string
	if err := e.cached.SQL().QueryRow(`SELECT MIN(tf_due) FROM tasks WHERE status <> 'done' AND tf_due >= '` +
		fixedNow.Format(time.DateOnly) + `'`).Scan(&due); err != nil || len(due) < 10 {
		t.Fatalf("no open task falls due after %s: %v", fixedNow.Format(time.DateOnly), err)
	}
	day, err := time.ParseInLocation(time.DateOnly, due[:10], fixedNow.Location())
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(day.Add(10 * time.Hour))

	discard := slog.New(slog.DiscardHandler)
	srvCached, err := New(e.cached, Config{Now: e.clock.Now, Log: discard})
	if err != nil {
		t.Fatal(err)
	}
	srvPlain, err := New(e.plain, Config{Now: e.clock.Now, Log: discard, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	tsCached, tsPlain := httptest.NewServer(srvCached.Handler()), httptest.NewServer(srvPlain.Handler())
	t.Cleanup(tsCached.Close)
	t.Cleanup(tsPlain.Close)
	e.cachedURL, e.plainURL = tsCached.URL, tsPlain.URL

	// Both servers keep sessions in the shared database, and a cookie jar
	// keys cookies by host, not port: one login serves both.
	env := &env{t: t, ts: tsCached, passwords: map[string]string{}}
	for _, a := range loaded.Accounts {
		env.passwords[a.Email] = a.Password
	}
	for role, email := range roleEmails {
		e.clients[role] = env.login(email)
	}
	for name, id := range map[string]*int64{"Sở Tài chính": &e.finance, "Sở Nông nghiệp và Môi trường": &e.agri} {
		a, err := e.cached.AgencyByName(ctx, name)
		if err != nil {
			t.Fatalf("AgencyByName(%s): %v", name, err)
		}
		*id = a.ID
	}
	return e
}

// fetch GETs path from one server in a language.
func (e *diffEnv) fetch(base, role, lang, path string) (int, string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: "lang", Value: lang})
	resp, err := e.clients[role].Do(req)
	if err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	e.requests++
	return resp.StatusCode, string(b)
}

// same asks the cached server twice (filling its entry, then reading it
// back) and the server without caches once, and requires one answer.
func (e *diffEnv) same(step, role, lang, path string) {
	e.t.Helper()
	want, wantBody := e.fetch(e.plainURL, role, lang, path)
	if want != http.StatusOK {
		e.t.Fatalf("%s: %s as %s: status %d from the server without caches\n%.500s", step, path, role, want, wantBody)
	}
	for try := 1; try <= 2; try++ {
		got, body := e.fetch(e.cachedURL, role, lang, path)
		if got != want || body != wantBody {
			e.t.Errorf("%s: %s as %s in %s (request %d to the cached server): status %d, want %d; %s",
				step, path, role, lang, try, got, want, firstDifference(body, wantBody))
			return
		}
	}
}

// firstDifference shows where two answers part.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("first difference at line %d:\n got  %.300q\n want %.300q", i+1, gl, wl)
		}
	}
	return "same body"
}

// planIDs lists every plan with the ID of its first group.
func (e *diffEnv) planIDs() map[int64]int64 {
	e.t.Helper()
	rows, err := e.plain.SQL().Query(`SELECT p.id, MIN(g.id) FROM plans p JOIN task_groups g ON g.plan_id = p.id GROUP BY p.id`)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var p, g int64
		if err := rows.Scan(&p, &g); err != nil {
			e.t.Fatal(err)
		}
		out[p] = g
	}
	return out
}

// pages is every cached HTML page and API list the test compares, for the
// plans as they are now.
func (e *diffEnv) pages() (shared, perPlan []string) {
	fin := fmt.Sprint(e.finance)
	shared = []string{"/plans", "/plans?page=2", "/plans?junk=1", "/my", "/my?page=2", "/my?page=3",
		"/api/v1/plans", "/api/v1/tasks?agency=" + fin + "&status=overdue",
		"/api/v1/tasks?agency=" + fin + "&page=2&per_page=20", "/api/v1/tasks?q=hop+tac+xa&per_page=20&page=2"}
	for id, group := range e.planIDs() {
		p := fmt.Sprintf("/plans/%d", id)
		perPlan = append(perPlan, p, p+"?page=2", p+"?status=overdue", p+"?status=not_started&page=2",
			p+"?agency="+fin, p+"?agency="+fin+"&page=2", fmt.Sprintf("%s?group=%d", p, group),
			p+"?q=hop+tac+xa", p+"?q=so+tai+chinh&page=2", p+"?agency=abc&junk=2",
			fmt.Sprintf("/api/v1/plans/%d", id), fmt.Sprintf("/api/v1/tasks?plan=%d&page=2&per_page=50", id),
			fmt.Sprintf("/api/v1/tasks?plan=%d&status=overdue&per_page=20", id))
	}
	return shared, perPlan
}

// sameTasks compares store.Tasks on both handles for a matrix of filters.
func (e *diffEnv) sameTasks(step string) {
	e.t.Helper()
	ctx := context.Background()
	today := plan.Today(e.clock.Now())
	var filters []plan.TaskFilter
	for id := range e.planIDs() {
		for _, f := range []plan.TaskFilter{{}, {Status: plan.StatusOverdue}, {AgencyID: e.finance}, {Query: "hop tac xa"},
			{Status: plan.StatusInProgress, Page: 2, PerPage: 20}, {PerPage: -1}} {
			f.PlanID = id
			filters = append(filters, f)
		}
	}
	for _, a := range []int64{e.finance, e.agri} {
		for page := 1; page <= 3; page++ {
			filters = append(filters, plan.TaskFilter{AgencyID: a, UrgentFirst: true, Page: page, PerPage: 50})
		}
	}
	filters = append(filters, plan.TaskFilter{Query: "so tai chinh", Page: 2, PerPage: 30})
	for _, f := range filters {
		f.Today = today
		for try := 1; try <= 2; try++ {
			got, gotTotal, err := e.cached.Tasks(ctx, f)
			if err != nil {
				e.t.Fatal(err)
			}
			want, wantTotal, err := e.plain.Tasks(ctx, f)
			if err != nil {
				e.t.Fatal(err)
			}
			if gotTotal != wantTotal || !reflect.DeepEqual(got, want) {
				e.t.Errorf("%s: store.Tasks(%+v) call %d: %d tasks of %d, want %d of %d", step, f, try,
					len(got), gotTotal, len(want), wantTotal)
			}
		}
	}
}

var diffLangs = []string{"vi", "en"}

// compare asks every page of this step: the shared pages for every role in
// both languages, the plans' pages for two role and language pairs that
// change from step to step, so every pair meets every kind of page.
func (e *diffEnv) compare(step int, name string) {
	e.t.Helper()
	shared, perPlan := e.pages()
	for _, role := range allRoles[1:] {
		for _, lang := range diffLangs {
			for _, p := range shared {
				e.same(name, role, lang, p)
			}
		}
	}
	roles := allRoles[1:]
	for k := range 2 {
		i := 2*step + k
		role, lang := roles[i%len(roles)], diffLangs[(i/len(roles)+i)%len(diffLangs)]
		for _, p := range perPlan {
			e.same(name, role, lang, p)
		}
	}
	e.sameTasks(name)
}

// recordProgress reports on a task through one server's JSON API as the
// coordinator.
func (e *diffEnv) recordProgress(base string, taskID int64, status string, percent int) {
	e.t.Helper()
	body := fmt.Sprintf(`{"status":%q,"percent":%d,"note":"Đã làm việc với các hợp tác xã trên địa bàn"}`, status, percent)
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/tasks/%d/progress", base, taskID), strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.clients[roleCoordinator].Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("progress on task %d: %d %s", taskID, resp.StatusCode, b)
	}
}

// taskOf returns a task of the plan the agency leads or supports, or any
// task of the plan for agency 0.
func (e *diffEnv) taskOf(planID, agencyID int64) int64 {
	e.t.Helper()
	tasks, _, err := e.plain.Tasks(context.Background(), plan.TaskFilter{PlanID: planID, AgencyID: agencyID,
		Today: plan.Today(e.clock.Now()), PerPage: -1})
	if err != nil || len(tasks) == 0 {
		e.t.Fatalf("no task of plan %d for agency %d: %v", planID, agencyID, err)
	}
	return tasks[len(tasks)/2].ID
}

func TestCachesAnswerAsWithout(t *testing.T) {
	t.Parallel()
	e := newDiffEnv(t)
	ctx := context.Background()
	genPlans := slices.Sorted(maps.Keys(e.planIDs()))
	steps := []struct {
		name  string
		write func()
	}{
		{"first look", func() {}},
		{"progress through the other server", func() {
			e.recordProgress(e.plainURL, e.taskOf(genPlans[1], 0), "in_progress", 40)
		}},
		{"progress on an agency's task through this server", func() {
			e.recordProgress(e.cachedURL, e.taskOf(genPlans[0], e.finance), "done", 100)
		}},
		{"the same task reopened: its status alone changes", func() {
			e.recordProgress(e.plainURL, e.taskOf(genPlans[0], e.finance), "in_progress", 100)
		}},
		{"agency renamed, with an alias", func() {
			err := e.plain.Update(ctx, func(tx *store.Tx) error {
				a, err := tx.AgencyForUpdate(ctx, e.finance)
				if err != nil {
					return err
				}
				a.Name, a.Aliases = "Sở Tài chính tỉnh Nghệ An", append(a.Aliases, "STC Nghệ An")
				return tx.UpdateAgency(ctx, &a)
			})
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"a plan imported", func() {
			res, err := planimport.Parse(ctx, "002.txt", seeds.Read(t, "002_b020f26e05120408.txt"), planimport.Catalog())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := planimport.Save(ctx, e.plain, res); err != nil {
				t.Fatal(err)
			}
		}},
		{"a task edited through the other server: text and agencies", func() {
			e.editTask(e.plainURL, e.ledTask(genPlans[0], e.finance), e.agri)
		}},
		{"a task dropped through this server", func() {
			e.dropTask(e.cachedURL, e.ledTask(genPlans[1], e.finance))
		}},
		{"a task added to a plan", func() { e.addTask(e.plainURL, genPlans[0], e.finance) }},
		{"a proposal accepted", func() {
			e.acceptProposal(e.cachedURL, e.plainURL, e.ledTask(genPlans[1], e.finance))
		}},
		{"the day turns", func() { e.clock.Add(24 * time.Hour) }},
		{"a generated plan added", func() {
			if _, err := gen.Generate(ctx, e.plain, gen.Config{Plans: 1, Tasks: 40, Seed: 8, AsOf: fixedNow}); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for i, s := range steps {
		s.write()
		e.compare(i, s.name)
		if t.Failed() {
			t.Fatalf("cached answers differ after %q", s.name)
		}
	}
	t.Logf("%d requests compared", e.requests)
}
