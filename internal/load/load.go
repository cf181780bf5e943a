// Package load drives a running hoptac server with simulated users who
// follow the paths people really take: log in, list plans, open one, filter
// it, search it without diacritics, read a task, page through the JSON API
// and, for agency officers, record progress. It reports latency
// percentiles and errors per route. It only ever talks to a server on this
// machine: a load test against someone else's server is an attack.
package load

import (
	"context"
	"github.com/hoptac/hoptac/internal/i18n"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hoptac/hoptac/internal/org"
)

// Scenarios.
const (
	// ScenarioMixed is users reading plans and tasks, and WriteUsers agency
	// officers recording progress while they do.
	ScenarioMixed = "mixed"
	// ScenarioList10k is workers paging through the largest plan's task
	// list, 50 tasks a page, through the JSON API.
	ScenarioList10k = "list10k"
)

// Account is a login the simulated users share; several users may log in
// with the same account, each with a session of its own.
type Account struct {
	Email    string
	Password string
	// AgencyID is the agency an officer reports for; 0 for other roles.
	AgencyID int64
}

// Config says what to run.
type Config struct {
	URL      string        // the server, on this machine
	Scenario string        // ScenarioMixed (default), ScenarioList10k, ScenarioPages, ScenarioRegister or ScenarioPublic
	Users    int           // concurrent simulated users (workers for list10k)
	Duration time.Duration // stop after this long…
	Requests int           // …or after this many requests, whichever comes first; 0: no cap
	// WriteUsers of the Users are agency officers who record progress
	// (mixed), or keepers of the register who file yearly figures
	// (register: Writers must then be coordinator or administrator
	// accounts); the others read.
	WriteUsers int
	// Readers and Writers are the accounts to log in with. When Readers is
	// empty the accounts hoptac gen creates are used, with Password:
	// load-viewer, load-admin and the officer of every agency that has one.
	Readers, Writers []Account
	Password         string
	// PlanID is the plan list10k pages through; 0 picks the largest.
	PlanID int64
	Seed   uint64 // for the users' random choices
	// Think is how long a user pauses between requests, on average
	// (uniformly between half and one and a half times it), and users
	// start at random within the first Think; 0 sends the next request at
	// once, which measures capacity rather than what 50 people clicking
	// would see.
	Think time.Duration
	// WriteRate is how many progress entries a second the pages
	// scenario's writer records: 0 is DefaultWriteRate, negative none.
	WriteRate float64
	// ServerPID is the server's process, whose CPU time the report
	// divides by the requests: 0 finds the process listening on URL's
	// port, negative measures none.
	ServerPID int
	// Transport replaces the loopback-only transport; tests only.
	Transport http.RoundTripper
	// Lang is the language of the report and of the problems it lists
	// (i18n.Vietnamese when empty); returned errors render in any.
	Lang string
}

// NotLoopbackError refuses a host that is not this machine.
type NotLoopbackError struct{ Host string }

func (e *NotLoopbackError) Error() string { return e.In(i18n.Vietnamese) }

// In returns the refusal in lang (i18n.Localized).
func (e *NotLoopbackError) In(lang string) string {
	return i18n.Default().T(lang, "load.not_loopback", e.Host)
}

// CheckURL accepts only http(s) URLs whose host is a loopback address
// (127.0.0.0/8, ::1) or "localhost".
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, i18n.Errorf(nil, "load.bad_url", raw)
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return u, nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return u, nil
	}
	return nil, &NotLoopbackError{Host: host}
}

// loopbackTransport refuses, at connect time, any address that is not
// loopback, so "localhost" mapped elsewhere in /etc/hosts is caught too.
func loopbackTransport(conns int) *http.Transport {
	d := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			if ta, ok := c.RemoteAddr().(*net.TCPAddr); !ok || !ta.IP.IsLoopback() {
				_ = c.Close() // refused before any byte was sent
				return nil, &NotLoopbackError{Host: c.RemoteAddr().String()}
			}
			return c, nil
		},
		MaxIdleConns:        conns + 4,
		MaxIdleConnsPerHost: conns + 4,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   false,
	}
}

// runner is one run: its configuration, what it learnt about the server,
// and the budget of requests left.
type runner struct {
	cfg       Config
	base      *url.URL
	transport http.RoundTripper
	plans     []planInfo
	meta      map[int64]planMeta // pages: each plan's filter choices
	register  *registerMeta      // register: the sampled organisations
	public    *publicMeta        // public: the published plans
	agencies  []org.Agency
	sent      atomic.Int64
}

type planInfo struct {
	ID        int64  `json:"id"`
	Number    string `json:"number"`
	TaskCount int    `json:"task_count"`
}

// Run logs the users in, runs the scenario until Duration or Requests is
// reached (or ctx ends), and reports. Logins happen before the measured
// phase and are reported on a line of their own.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	base, err := CheckURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Scenario == "" {
		cfg.Scenario = ScenarioMixed
	}
	if cfg.Scenario != ScenarioMixed && cfg.Scenario != ScenarioList10k && cfg.Scenario != ScenarioPages &&
		cfg.Scenario != ScenarioRegister && cfg.Scenario != ScenarioPublic {
		return nil, i18n.Errorf(nil, "load.unknown_scenario", cfg.Scenario, ScenarioMixed,
			ScenarioList10k, ScenarioPages, ScenarioRegister, ScenarioPublic)
	}
	if cfg.Think < 0 {
		return nil, i18n.Errorf(nil, "load.negative_think")
	}
	if cfg.Users <= 0 {
		return nil, i18n.Errorf(nil, "load.no_users")
	}
	if cfg.Duration <= 0 && cfg.Requests <= 0 {
		return nil, i18n.Errorf(nil, "load.no_limit")
	}
	if cfg.Scenario != ScenarioMixed && cfg.Scenario != ScenarioRegister {
		cfg.WriteUsers = 0
	}
	if cfg.Scenario != ScenarioPages || cfg.WriteRate < 0 {
		cfg.WriteRate = 0
	} else if cfg.WriteRate == 0 {
		cfg.WriteRate = DefaultWriteRate
	}
	if cfg.WriteUsers < 0 || cfg.WriteUsers > cfg.Users {
		return nil, i18n.Errorf(nil, "load.write_users_range", cfg.Users)
	}
	rn := &runner{cfg: cfg, base: base, transport: cfg.Transport}
	if rn.transport == nil {
		t := loopbackTransport(cfg.Users)
		defer t.CloseIdleConnections()
		rn.transport = t
	}
	if err := rn.discover(ctx); err != nil {
		return nil, err
	}
	if (cfg.WriteUsers > 0 || cfg.WriteRate > 0) && len(rn.cfg.Writers) == 0 {
		if cfg.Scenario == ScenarioRegister {
			return nil, i18n.Errorf(nil, "load.no_register_writer")
		}
		return nil, i18n.Errorf(nil, "load.no_agency_writer")
	}

	// Log every user in, all at once, before measuring.
	sims := make([]*sim, cfg.Users)
	for i := range sims {
		sims[i] = rn.newSim(i)
	}
	var w *writer
	if cfg.WriteRate > 0 {
		w = rn.newWriter(cfg.WriteRate)
	}
	loginStart := time.Now()
	var wg sync.WaitGroup
	for _, s := range append(slices.Clip(sims), w.officers()...) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.ok = s.login(ctx)
		}()
	}
	wg.Wait()
	loginTook := time.Since(loginStart)
	var ready []*sim
	for _, s := range sims {
		if s.ok {
			ready = append(ready, s)
		}
	}
	if len(ready) == 0 {
		rep := newReport(cfg, sims, w, loginTook, 0)
		return rep, i18n.Errorf(nil, "load.no_login", rep.firstError())
	}
	if w != nil {
		if err := w.prepare(ctx); err != nil {
			return newReport(cfg, sims, w, loginTook, 0), err
		}
	}
	cpu := rn.startCPU()

	// The measured phase. Users stop starting requests when stop ends;
	// requests use ctx, so those in flight finish.
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	if cfg.Duration > 0 {
		stop, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	// The writer stops with the readers, also when they spend the
	// request budget before the time is up.
	writing, stopWriting := context.WithCancel(stop)
	defer stopWriting()
	start := time.Now()
	var ticks, missed int
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		if w != nil {
			ticks, missed = w.run(ctx, writing)
		}
	}()
	for _, s := range ready {
		s.stop = stop
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.run(ctx)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopWriting()
	<-writerDone
	rep := newReport(cfg, sims, w, loginTook, elapsed)
	if rep.Writer != nil {
		rep.Writer.Ticks, rep.Writer.Missed = ticks, missed
	}
	cpu.finish(rep)
	return rep, nil
}

// take spends one request of the budget; false when it is used up.
func (rn *runner) take() bool {
	if rn.cfg.Requests <= 0 {
		return true
	}
	return rn.sent.Add(1) <= int64(rn.cfg.Requests)
}

func (rn *runner) client() *http.Client {
	jar, _ := cookiejar.New(nil) // cookiejar.New never fails without options
	return &http.Client{
		Transport: rn.transport,
		Jar:       jar,
		Timeout:   30 * time.Second,
		// Redirects are answers to check (login's 303), not to follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func (rn *runner) url(path string, q url.Values) string {
	u := *rn.base
	u.Path = strings.TrimSuffix(rn.base.Path, "/") + path
	u.RawQuery = q.Encode()
	return u.String()
}
