package server

import (
	"context"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/web"
)

// middleware wraps every request, outermost first: recover from panics,
// log, set security headers, queue reads past a bound, cap bodies, load
// the session, refuse cross-site writes, find who is asking, and record
// the reader's language in the context (language.go). Static
// files skip the session and what follows it: they are the same for
// everyone, and a session would rewrite its cookie and row on each one
// and add its own Cache-Control beside theirs.
func (s *Server) middleware(mux http.Handler) http.Handler {
	h := readerLanguage(mux)
	h = s.authenticate(h)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, apperr.New(apperr.Forbidden, "error.cross_origin"))
	}))
	// The refusal page needs the session (for its flash), so the check runs
	// inside LoadAndSave; it still runs before anyone is authenticated.
	h = csrf.Handler(h)
	h = s.sessions.LoadAndSave(h)
	h = sealable(h)
	h = assetsApart(mux, h)
	h = limitBody(h)
	h = admitReads(h, 0)
	h = securityHeaders(h)
	h = s.logRequests(h)
	return s.recoverPanics(h)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// isAsset reports a read of a static file.
func isAsset(r *http.Request) bool {
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) && strings.HasPrefix(r.URL.Path, "/static/")
}

// assetsApart sends reads of static files straight to the routes and
// everything else through the session chain.
func assetsApart(routes, withSession http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAsset(r) {
			routes.ServeHTTP(w, r)
			return
		}
		withSession.ServeHTTP(w, r)
	})
}

// fail sends an error as JSON to API clients and as a page to browsers.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.api.Error(w, r, err)
		return
	}
	s.web.Error(w, r, err)
}

// recoverPanics turns a panic into a 500 and a log line; the process keeps
// serving other requests.
func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err := fmt.Errorf("panic: %v", v)
				s.log.ErrorContext(r.Context(), "panic", "method", r.Method, "path", r.URL.Path, "err", err, "stack", string(debug.Stack()))
				if isAPI(r) {
					s.api.Panic(w, r, err)
				} else {
					s.web.Panic(w, r, err)
				}
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// sealWriter lets the session manager's error handler answer once and for
// all: scs reports a failed session commit from inside the handler's first
// WriteHeader or Write, then goes on writing the handler's own response.
// Once sealed, those later writes are dropped, so the client gets one clean
// error instead of two bodies run together.
type sealWriter struct {
	http.ResponseWriter
	sealed bool
}

func (w *sealWriter) WriteHeader(code int) {
	if !w.sealed {
		w.ResponseWriter.WriteHeader(code)
	}
}

func (w *sealWriter) Write(b []byte) (int, error) {
	if w.sealed {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *sealWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func sealable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&sealWriter{ResponseWriter: w}, r)
	})
}

// sessionError answers a failed session load or commit and seals the
// response against what the handler writes afterwards.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	s.fail(w, r, err)
	if sw, ok := w.(*sealWriter); ok {
		sw.sealed = true
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		s.log.DebugContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	})
}

// hsts tells browsers that reached hoptac over TLS to use nothing else for
// a year, so a later plain-HTTP link cannot expose a session cookie.
const hsts = "max-age=31536000"

// securityHeaders keeps pages from being framed, running foreign scripts or
// lingering in a shared computer's cache.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		if r.TLS != nil {
			// Only over TLS: browsers ignore the header on plain HTTP, and
			// sending it there would claim HTTPS works where none is set up.
			hd.Set("Strict-Transport-Security", hsts)
		}
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		// Offices share computers: after logout, Back must not show the last
		// user's pages from the cache. Static files replace this with their
		// own caching (web/static.go), so each answer has one Cache-Control.
		hd.Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// maxFormBody caps every request body: uploads up to 10 MB plus the form's
// other fields; JSON handlers apply their own smaller cap.
const maxFormBody = 11 << 20

func limitBody(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		}
		h.ServeHTTP(w, r)
	})
}

// authenticate finds the user from a bearer token or the session and puts
// it in the request's context. A bad token is refused outright rather than
// treated as anonymous, so a script learns its token is wrong.
func (s *Server) authenticate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if hdr := r.Header.Get("Authorization"); hdr != "" {
			// The scheme name is case-insensitive (RFC 9110 §11.1):
			// "bearer" and "BEARER" are the same scheme.
			scheme, token, ok := strings.Cut(strings.TrimSpace(hdr), " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				s.fail(w, r, apperr.New(apperr.Unauthorized, "error.bad_token"))
				return
			}
			u, err := s.store.UserByToken(ctx, strings.TrimSpace(token))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			ctx = context.WithValue(auth.WithUser(ctx, &u), viaTokenKey{}, true)
			h.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if id := s.sessions.GetInt64(ctx, web.SessionUserKey); id != 0 {
			u, err := s.store.User(ctx, id)
			if err == nil && !u.Disabled {
				ctx = auth.WithUser(ctx, &u)
			} else if apperr.CodeOf(err) != apperr.NotFound && err != nil {
				s.fail(w, r, err)
				return
			}
		}
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// viaTokenKey marks a request authenticated by an API token.
type viaTokenKey struct{}

// requireLogin refuses anonymous requests to routes that need an account.
// On a LoggedIn route, a browser whose user still holds a one-time
// password is sent to choose their own first (a GET), or refused; an API
// token is not held back, since its owner made it with a password of
// their own.
func (s *Server) requireLogin(h http.HandlerFunc, access Access) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := auth.UserFrom(r.Context())
		if !auth.CanRead(u) {
			s.fail(w, r, apperr.New(apperr.Unauthorized, "error.login_required"))
			return
		}
		if access == LoggedIn && auth.MustChangePassword(u) && r.Context().Value(viaTokenKey{}) == nil {
			if r.Method == http.MethodGet && !isAPI(r) {
				http.Redirect(w, r, web.PasswordPath, http.StatusSeeOther)
				return
			}
			s.fail(w, r, apperr.New(apperr.Forbidden, "error.password_change_required"))
			return
		}
		h(w, r)
	}
}
