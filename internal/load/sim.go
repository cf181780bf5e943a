package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hoptac/hoptac/internal/i18n"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/org"
)

// Routes, as the report names them: the server's pattern, with the query
// that makes a variant cost differently.
const (
	RouteLogin        = "POST /login"
	RoutePlans        = "GET /plans"
	RoutePlan         = "GET /plans/{id}"
	RoutePlanOverdue  = "GET /plans/{id}?status=overdue"
	RoutePlanAgency   = "GET /plans/{id}?agency={id}"
	RoutePlanSearch   = "GET /plans/{id}?q=ho tro hop tac xa"
	RouteTask         = "GET /tasks/{id}"
	RouteMy           = "GET /my"
	RouteAPIPlanTasks = "GET /api/v1/tasks?plan={id}&per_page=50"
	RouteAPIMyTasks   = "GET /api/v1/tasks?agency={id}&per_page=50"
	RouteAPIProgress  = "POST /api/v1/tasks/{id}/progress"
	RouteAPITask      = "GET /api/v1/tasks/{id}"
)

// routeOrder is the order of the report's lines.
func routeOrder() []string {
	return append(append(append(mixedRoutes(), pagesRoutes()...), registerRoutes()...), publicRoutes()...)
}

// mixedRoutes are the routes of the mixed scenario, login first.
func mixedRoutes() []string {
	return []string{RouteLogin, RoutePlans, RoutePlan, RoutePlanOverdue, RoutePlanAgency, RoutePlanSearch,
		RouteTask, RouteMy, RouteAPIPlanTasks, RouteAPIMyTasks, RouteAPIProgress, RouteAPITask}
}

// search is what users type: no diacritics.
const search = "ho tro hop tac xa"

// discover learns the plans and agencies, and the gen accounts when the
// caller named none.
func (rn *runner) discover(ctx context.Context) error {
	cfg := &rn.cfg
	if cfg.Password == "" {
		cfg.Password = gen.DefaultPassword
	}
	if cfg.Scenario == ScenarioPublic {
		// Visitors have no account: nothing to log in with.
		return rn.discoverPublic(ctx)
	}
	genAccounts, explicitWriters := len(cfg.Readers) == 0, len(cfg.Writers) > 0
	if genAccounts {
		cfg.Readers = []Account{{Email: gen.ViewerEmail, Password: cfg.Password}, {Email: gen.AdminEmail, Password: cfg.Password}}
	}
	setup := &sim{rn: rn, acct: cfg.Readers[0], c: rn.client(), rec: map[string]*routeRec{}, errs: map[string]int{}}
	if !setup.login(ctx) {
		return i18n.Errorf(nil, "load.login_failed",
			setup.acct.Email, setup.lastErr)
	}
	if cfg.Scenario == ScenarioRegister {
		// The register has no plans to learn; gen's administrator keeps it.
		if genAccounts && !explicitWriters {
			cfg.Writers = []Account{cfg.Readers[1]}
		}
		return rn.discoverRegister(ctx, setup)
	}
	var plans struct {
		Items []planInfo `json:"items"`
	}
	if err := setup.fetch(ctx, rn.url("/api/v1/plans", url.Values{"per_page": {"500"}}), &plans); err != nil {
		return i18n.Errorf(err, "load.read_plans")
	}
	var agencies struct {
		Items []org.Agency `json:"items"`
	}
	if err := setup.fetch(ctx, rn.url("/api/v1/agencies", url.Values{"per_page": {"500"}}), &agencies); err != nil {
		return i18n.Errorf(err, "load.read_agencies")
	}
	for _, p := range plans.Items {
		if p.TaskCount > 0 {
			rn.plans = append(rn.plans, p)
		}
	}
	if len(rn.plans) == 0 {
		return i18n.Errorf(nil, "load.no_plans")
	}
	rn.agencies = agencies.Items
	if genAccounts {
		for _, a := range rn.agencies {
			if gen.HasLoadAccount(a) {
				acct := Account{Email: gen.AgencyEmail(a.ID), Password: cfg.Password, AgencyID: a.ID}
				cfg.Readers = append(cfg.Readers, acct)
				if !explicitWriters {
					cfg.Writers = append(cfg.Writers, acct)
				}
			}
		}
	} else if !explicitWriters {
		for _, a := range cfg.Readers {
			if a.AgencyID != 0 {
				cfg.Writers = append(cfg.Writers, a)
			}
		}
	}
	if cfg.Scenario == ScenarioList10k {
		var chosen planInfo
		for _, p := range rn.plans {
			if (cfg.PlanID != 0 && p.ID == cfg.PlanID) || (cfg.PlanID == 0 && p.TaskCount > chosen.TaskCount) {
				chosen = p
			}
		}
		if chosen.ID == 0 {
			return i18n.Errorf(nil, "load.plan_missing", cfg.PlanID)
		}
		rn.plans = []planInfo{chosen}
	}
	if cfg.Scenario == ScenarioPages {
		return rn.discoverPlans(ctx, setup)
	}
	return nil
}

// sim is one simulated user with its own session and random choices. It
// records what it sees; the runner merges the records at the end.
type sim struct {
	rn     *runner
	acct   Account
	writer bool
	c      *http.Client
	r      *rand.Rand
	ok     bool
	stop   context.Context // done when the measured phase is over
	// unmetered requests neither pause nor spend the request budget: the
	// fixed-rate writer's, which keeps its own pace.
	unmetered bool
	sent      int // requests this user sent in the measured phase
	rec       map[string]*routeRec
	errs      map[string]int
	lastErr   string
}

type routeRec struct {
	durs   []time.Duration
	errors int
}

func (rn *runner) newSim(i int) *sim {
	stream := uint64(1) // one random stream per simulated user, from --seed
	if i > 0 {
		stream += uint64(i)
	}
	s := &sim{rn: rn, c: rn.client(), r: rand.New(rand.NewPCG(rn.cfg.Seed, stream)),
		rec: map[string]*routeRec{}, errs: map[string]int{}}
	if i < rn.cfg.WriteUsers {
		s.writer, s.acct = true, rn.cfg.Writers[i%len(rn.cfg.Writers)]
	} else if len(rn.cfg.Readers) > 0 { // none for the public scenario's visitors
		s.acct = rn.cfg.Readers[i%len(rn.cfg.Readers)]
	}
	return s
}

func (s *sim) record(route string, d time.Duration, problem string) {
	rr := s.rec[route]
	if rr == nil {
		rr = &routeRec{}
		s.rec[route] = rr
	}
	rr.durs = append(rr.durs, d)
	if problem != "" {
		rr.errors++
		s.errs[route+": "+problem]++
		s.lastErr = problem
	}
}

// login posts the login form as a browser does (no Origin header, which
// the server's cross-origin check accepts) and expects a 303 to the app.
func (s *sim) login(ctx context.Context) bool {
	if s.rn.cfg.Scenario == ScenarioPublic {
		return true // a visitor of the public portal has no account
	}
	form := url.Values{"email": {s.acct.Email}, "password": {s.acct.Password}, "next": {"/"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.rn.url("/login", nil), strings.NewReader(form.Encode()))
	if err != nil {
		s.record(RouteLogin, 0, err.Error())
		return false
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	start := time.Now()
	resp, err := s.c.Do(req)
	if err != nil {
		s.record(RouteLogin, time.Since(start), transportProblem(err))
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body) // drained only so the connection is reused
	_ = resp.Body.Close()
	d := time.Since(start)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || strings.HasPrefix(loc, "/login") {
		s.record(RouteLogin, d, fmt.Sprintf("%d (%s)", resp.StatusCode, s.acct.Email))
		return false
	}
	s.record(RouteLogin, d, "")
	return true
}

// fetch GETs a JSON document outside the measured phase.
func (s *sim) fetch(ctx context.Context, u string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := s.c.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", u, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(into)
}

// do sends one request of the measured phase and records it. It returns
// false when the run is over (time or request budget spent, or ctx
// ended); a failed request is recorded and the user goes on. A request
// already sent when time runs out is let finish: cutting it off would
// only make the server log a cancelled request. check, when set, reads the
// body of an answer with the wanted status and says what is wrong with it.
func (s *sim) do(ctx context.Context, route, method, u string, body any, want int, check checker) bool {
	if think := s.rn.cfg.Think; think > 0 && s.stop != nil && !s.unmetered {
		pause := think/2 + time.Duration(s.r.Int64N(int64(think)+1))
		if s.sent == 0 {
			// Users do not all click at the same instant: the first
			// request comes somewhere within the first think time.
			pause = time.Duration(s.r.Int64N(int64(think) + 1))
		}
		t := time.NewTimer(pause)
		select {
		case <-t.C:
		case <-ctx.Done():
		case <-s.stop.Done():
		}
		t.Stop()
	}
	if ctx.Err() != nil || (s.stop != nil && s.stop.Err() != nil) || (!s.unmetered && !s.rn.take()) {
		return false
	}
	s.sent++
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			panic(err) // bodies are this package's own structs
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		s.record(route, 0, err.Error())
		return true
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := s.c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return false // cut off by the end of the run, not a failure
		}
		s.record(route, time.Since(start), transportProblem(err))
		return true
	}
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	_ = resp.Body.Close() // read above; a Close error changes no measurement
	d := time.Since(start)
	switch {
	case resp.StatusCode != want:
		s.record(route, d, strconv.Itoa(resp.StatusCode)+" "+http.StatusText(resp.StatusCode))
	case readErr != nil:
		if ctx.Err() != nil {
			return false
		}
		s.record(route, d, s.text("load.bad_body"))
	case check != nil:
		s.record(route, d, s.render(check(data)))
	default:
		s.record(route, d, "")
	}
	return true
}

// text is key's message in the run's language, for a problem to record.
func (s *sim) text(key string, args ...any) string {
	return i18n.Default().T(s.rn.cfg.Lang, key, args...)
}

// render is a check's problem in the run's language; "" when there is none.
func (s *sim) render(m i18n.Message) string {
	if m.Key == "" {
		return ""
	}
	return i18n.Default().Render(s.rn.cfg.Lang, m)
}

// maxBody bounds what a simulated user reads of one answer.
const maxBody = 32 << 20

func transportProblem(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	if len(msg) > 80 {
		msg = msg[:80] + "…"
	}
	return msg
}

// run is the user's loop until the run ends.
func (s *sim) run(ctx context.Context) {
	switch {
	case s.rn.cfg.Scenario == ScenarioList10k:
		s.pageList(ctx)
	case s.rn.cfg.Scenario == ScenarioPages:
		s.browsePages(ctx)
	case s.rn.cfg.Scenario == ScenarioRegister:
		s.browseRegister(ctx)
	case s.rn.cfg.Scenario == ScenarioPublic:
		s.browsePublic(ctx)
	case s.writer:
		s.write(ctx)
	default:
		s.read(ctx)
	}
}

func (s *sim) planPath(id int64) string { return "/plans/" + strconv.FormatInt(id, 10) }

// read is a reader's path through the application, over and over.
func (s *sim) read(ctx context.Context) {
	rn, r := s.rn, s.r
	for {
		if !s.do(ctx, RoutePlans, http.MethodGet, rn.url("/plans", nil), nil, http.StatusOK, nil) {
			return
		}
		p := rn.plans[r.IntN(len(rn.plans))]
		if !s.do(ctx, RoutePlan, http.MethodGet, rn.url(s.planPath(p.ID), nil), nil, http.StatusOK, planPage(p)) {
			return
		}
		var list taskList
		q := url.Values{"plan": {strconv.FormatInt(p.ID, 10)}, "per_page": {"50"},
			"page": {strconv.Itoa(1 + r.IntN(pages(p.TaskCount, 50)))}}
		if !s.do(ctx, RouteAPIPlanTasks, http.MethodGet, rn.url("/api/v1/tasks", q), nil, http.StatusOK,
			taskListOf(p.ID, 0, 50, &list)) {
			return
		}
		if len(list.Items) > 0 {
			t := list.Items[r.IntN(len(list.Items))]
			if !s.do(ctx, RouteTask, http.MethodGet, rn.url("/tasks/"+strconv.FormatInt(t.ID, 10), nil), nil,
				http.StatusOK, taskPage(t)) {
				return
			}
		}
		if !s.do(ctx, RoutePlanOverdue, http.MethodGet, rn.url(s.planPath(p.ID), url.Values{"status": {"overdue"}}),
			nil, http.StatusOK, planPage(p, optionSelected("overdue"))) {
			return
		}
		if len(rn.agencies) > 0 {
			a := rn.agencies[r.IntN(len(rn.agencies))]
			id := strconv.FormatInt(a.ID, 10)
			// The filter offers only the plan's own agencies, so one that
			// has no task in it shows as not selected.
			if !s.do(ctx, RoutePlanAgency, http.MethodGet, rn.url(s.planPath(p.ID), url.Values{"agency": {id}}), nil,
				http.StatusOK, planPage(p)) {
				return
			}
		}
		if !s.do(ctx, RoutePlanSearch, http.MethodGet, rn.url(s.planPath(p.ID), url.Values{"q": {search}}),
			nil, http.StatusOK, planPage(p, searchValue(search))) {
			return
		}
		if s.acct.AgencyID != 0 {
			if !s.do(ctx, RouteMy, http.MethodGet, rn.url("/my", nil), nil, http.StatusOK,
				myPage(rn.agencyName(s.acct.AgencyID))) {
				return
			}
		}
	}
}

func pages(total, per int) int { return max(1, (total+per-1)/per) }

// agencyName is the name of an agency the run discovered, or "".
func (rn *runner) agencyName(id int64) string {
	for _, a := range rn.agencies {
		if a.ID == id {
			return a.Name
		}
	}
	return ""
}
