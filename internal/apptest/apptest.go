// Package apptest starts hoptac for tests: a fresh database on the run's
// backend (see storetest) with the demo data, a fixed clock, the whole
// application behind httptest, and clients that log in through the real
// login form. Only tests import it.
//
// apptest does not import package server: server's own tests (package
// server, so that they can reach its middleware) use it too, and an import
// of server here would be a cycle for them. The caller passes the
// constructor instead:
//
//	app := apptest.Start(t, func(db *store.DB, c apptest.Config) (apptest.Server, error) {
//		return server.New(db, server.Config{Now: c.Now, Log: c.Log})
//	})
package apptest

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Now is the clock of every test unless it asks for another: 10:00 on 24
// November 2026 in Vietnam. The demo plan then has overdue tasks (II.1,
// III.2), a task done late (II.4) and tasks still on time.
var Now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// Demo accounts, as demo.Load creates them, one per role.
const (
	AdminEmail        = "admin@hoptac.local"
	CoordinatorEmail  = "dieuphoi@hoptac.local"   // Sở Tài chính, the coordinating department
	OfficerEmail      = "taichinh@hoptac.local"   // agency officer of Sở Tài chính
	OtherOfficerEmail = "nongnghiep@hoptac.local" // agency officer of Sở Nông nghiệp và Môi trường
	ViewerEmail       = "lanhdao@hoptac.local"    // provincial leader, read only
	CoopEmail         = demo.CoopEmail            // representative of HTX Nông nghiệp Sen Quê
)

// Roles a test can act as. RoleOther is an agency officer of another
// department than RoleAgency's.
const (
	RoleAnon        = "anonymous"
	RoleAdmin       = "admin"
	RoleCoordinator = "coordinator"
	RoleAgency      = "agency"
	RoleOther       = "other_agency"
	RoleViewer      = "viewer"
	RoleCoop        = "coop"
)

// Roles lists every role, the anonymous visitor first.
func Roles() []string {
	return []string{RoleAnon, RoleAdmin, RoleCoordinator, RoleAgency, RoleOther, RoleViewer, RoleCoop}
}

// RoleEmails maps each logged-in role to its demo account.
func RoleEmails() map[string]string {
	return map[string]string{
		RoleAdmin:       AdminEmail,
		RoleCoordinator: CoordinatorEmail,
		RoleAgency:      OfficerEmail,
		RoleOther:       OtherOfficerEmail,
		RoleViewer:      ViewerEmail,
		RoleCoop:        CoopEmail,
	}
}

// Config is what the application under test is built with.
type Config struct {
	Now func() time.Time
	Log *slog.Logger
}

// Server is the application: *server.Server.
type Server interface{ Handler() http.Handler }

// NewServer builds the application over db, as server.New does.
type NewServer func(db *store.DB, c Config) (Server, error)

// Option changes how Start sets up the application.
type Option func(*options)

type options struct {
	now     func() time.Time
	log     *slog.Logger
	oneTime bool
}

// WithClock runs the database and the server on now instead of Now, for
// tests that move time themselves (see Clock).
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithOneTimePasswords keeps the demo accounts' passwords one-time, as a
// fresh demo has them: the first login must choose a new one. Without it
// the accounts start as if that were done, so tests of other pages log in
// straight away.
func WithOneTimePasswords() Option { return func(o *options) { o.oneTime = true } }

// WithLog gives the server a logger; without it the server's log is
// discarded. See TestLog.
func WithLog(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// App is one running application with its data. Its helpers fail T.
type App struct {
	T         testing.TB
	DB        *store.DB
	Server    Server       // what NewServer returned
	Handler   http.Handler // the application, for requests made without the network
	TS        *httptest.Server
	URL       string // TS.URL
	PlanID    int64  // the demo plan
	Passwords map[string]string
	Now       func() time.Time
}

// Start starts the application for the test; it stops when the test ends.
func Start(t testing.TB, newServer NewServer, opts ...Option) *App {
	t.Helper()
	o := options{now: func() time.Time { return Now }, log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	db := storetest.Open(t)
	db.Now = o.now
	loaded, err := demo.Load(context.Background(), db)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	if !o.oneTime {
		storetest.SkipFirstLogin(t, db)
	}
	srv, err := newServer(db, Config{Now: o.now, Log: o.log})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	h := srv.Handler()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	a := &App{T: t, DB: db, Server: srv, Handler: h, TS: ts, URL: ts.URL, PlanID: loaded.PlanID,
		Passwords: map[string]string{}, Now: o.now}
	for _, acc := range loaded.Accounts {
		a.Passwords[acc.Email] = acc.Password
	}
	return a
}

// With returns the App bound to another test (a sub-test), so that its
// helpers fail that one.
func (a *App) With(t testing.TB) *App {
	c := *a
	c.T = t
	return &c
}

// Password returns the demo password of an account.
func (a *App) Password(email string) string {
	a.T.Helper()
	pw, ok := a.Passwords[email]
	if !ok {
		a.T.Fatalf("no demo account %q", email)
	}
	return pw
}

// Clock is a clock the test moves; safe for the server's goroutines.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time; pass it to WithClock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestLog is a logger that writes warnings and errors into the test log.
func TestLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log("server: " + strings.TrimSpace(string(p)))
	return len(p), nil
}
