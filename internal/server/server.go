// Package server puts hoptac's HTTP parts together: the routes, the
// middleware every request passes through, and the listener.
package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/hoptac/hoptac/internal/api"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/portal"
	"github.com/hoptac/hoptac/internal/remind"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/web"
)

// Config is what the server needs from its caller.
type Config struct {
	Addr    string
	TLSCert string // with TLSKey: serve HTTPS and mark cookies Secure
	TLSKey  string
	Log     *slog.Logger
	Now     func() time.Time
	// NoCache renders every page afresh. The differential tests run one
	// server with its caches and one without on the same database and
	// compare every answer; the store's own cache is turned off on the
	// handle passed in (store.DB.DisableCache).
	NoCache bool
	// Mail, when set, drains the e-mail outbox while the server runs and
	// stops before Serve returns, so the database outlives it.
	Mail *mail.Worker
	// Urge, when set, queues the reporting cycle's due reminders on its
	// tick while the server runs; the dedupe keys let every server run one.
	Urge *remind.Job
	// Indicators, when set, gives the indicator values targets are
	// evaluated on (tests pass fixed series); see indicatorSource.
	Indicators indicator.Source
}

// Server is hoptac's HTTP server.
type Server struct {
	cfg      Config
	store    *store.DB
	sessions *scs.SessionManager
	web      *web.Handler
	portal   *portal.Handler
	api      *api.Handler
	log      *slog.Logger
	handler  http.Handler
	router   *http.ServeMux // the route table, without middleware
	methods  []string       // every method some route serves, sorted
	tls      *tls.Config    // with the certificate, when serving HTTPS

	// The targets page and endpoint, on the indicator source (issue 19).
	targets    *web.TargetPages
	targetsAPI *api.Targets
}

// New builds the server and its routes.
func New(db *store.DB, cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	bundle, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	sessions := scs.New()
	store := db.Sessions()
	// Each session row names its user (and the browser it began in), so a
	// user can list and end their sessions and disabling an account ends
	// them in the database, for every server sharing it.
	store.Owner = func(b []byte) (int64, string) {
		_, values, err := sessions.Codec.Decode(b)
		if err != nil {
			return 0, ""
		}
		id, _ := values[web.SessionUserKey].(int64)
		agent, _ := values[web.SessionAgentKey].(string)
		return id, agent
	}
	sessions.Store = store
	sessions.Lifetime = 12 * time.Hour
	sessions.IdleTimeout = 2 * time.Hour
	sessions.Cookie.Name = "hoptac_session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = cfg.TLSCert != ""
	wh, err := web.New(db, sessions, bundle, cfg.Log, cfg.Now)
	if err != nil {
		return nil, err
	}
	if cfg.NoCache {
		wh.DisableCache()
	}
	ph, err := portal.New(db, bundle, cfg.Log, cfg.Now, wh.AssetURL)
	if err != nil {
		return nil, err
	}
	if cfg.NoCache {
		ph.DisableCache()
	}
	s := &Server{cfg: cfg, store: db, sessions: sessions, web: wh, portal: ph, api: api.New(db, bundle, cfg.Log, cfg.Now), log: cfg.Log}
	src := indicatorSource(db, cfg)
	s.targets, s.targetsAPI = web.NewTargetPages(wh, src), api.NewTargets(s.api, db, src)
	ph.EvaluateTargets(src)
	sessions.ErrorFunc = s.sessionError
	if cfg.TLSCert != "" {
		// Read the certificate now, so a wrong path fails the start
		// instead of the first connection.
		cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("server: TLS certificate: %w", err)
		}
		s.tls = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	s.router = s.mux()
	s.handler = s.middleware(s.router)
	return s, nil
}

// indicatorSource is where the targets read indicator values from: the
// config's (tests give fixed series), else the register's computation.
func indicatorSource(db *store.DB, cfg Config) indicator.Source {
	if cfg.Indicators != nil {
		return cfg.Indicators
	}
	return indicator.NewRegister(db)
}

// Handler returns the whole application as one handler, for tests.
func (s *Server) Handler() http.Handler { return s.handler }

// Listen binds addr. A caller binds before it loads anything or tells
// anyone the address, so a busy port fails the start before it has done
// anything, and the address it announces already answers.
func Listen(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("server: listen on %s: %w", addr, err)
	}
	return ln, nil
}

// ListenAndServe binds the configured address and serves on it.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := Listen(ctx, s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln (HTTPS when the config has a certificate) until ctx
// ends, then shuts down gracefully so requests in flight finish and their
// writes commit. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Addr:              s.cfg.Addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	go s.sweepSessions(ctx)
	if s.cfg.Mail != nil {
		// The worker stops when Serve returns, whatever the reason, and
		// Serve waits for it: a send in flight is recorded (or left to its
		// lease) before the caller closes the database.
		mailCtx, stopMail := context.WithCancel(ctx)
		mailDone := make(chan struct{})
		go func() { defer close(mailDone); s.cfg.Mail.Run(mailCtx) }()
		defer func() { stopMail(); <-mailDone }()
	}
	if s.cfg.Urge != nil {
		urgeCtx, stopUrge := context.WithCancel(ctx)
		urgeDone := make(chan struct{})
		go func() { defer close(urgeDone); s.cfg.Urge.Run(urgeCtx) }()
		defer func() { stopUrge(); <-urgeDone }()
	}
	errc := make(chan error, 1)
	go func() {
		if s.tls != nil {
			srv.TLSConfig = s.tls.Clone()
			errc <- srv.ServeTLS(ln, "", "") // the certificate is in TLSConfig
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.store.DeleteExpired(ctx); err != nil {
				s.log.Warn("sweep sessions", "err", err)
			}
		}
	}
}
