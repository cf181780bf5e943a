package server

import (
	"net/http"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
)

// methodOf returns the method of a route pattern, "" for one that matches
// every method.
func methodOf(pattern string) string {
	m, _, found := strings.Cut(pattern, " ")
	if !found || strings.HasPrefix(m, "/") {
		return ""
	}
	return m
}

// unrouted answers what no route matched: 405 with Allow when the path is
// served under other methods (RFC 9110 §15.5.6), otherwise notFound. The
// catch-all patterns match every method, so the mux never gets to answer
// 405 itself.
func (s *Server) unrouted(notFound http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.fail(w, r, apperr.New(apperr.BadMethod, "error.method_not_allowed"))
			return
		}
		notFound(w, r)
	}
}

// allowed lists the methods whose routes match r's path, asking the mux
// itself so that the answer follows the route table.
func (s *Server) allowed(r *http.Request) []string {
	var out []string
	for _, m := range s.methods {
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := s.router.Handler(probe); methodOf(pattern) != "" {
			out = append(out, m)
		}
	}
	return out
}
