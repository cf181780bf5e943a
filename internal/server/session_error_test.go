package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// failingCommits is a session store whose writes always fail, as when the
// database is locked past its timeout.
type failingCommits struct{}

func (failingCommits) Find(string) ([]byte, bool, error) { return nil, false, nil }
func (failingCommits) Commit(string, []byte, time.Time) error {
	return errors.New("database is locked")
}
func (failingCommits) Delete(string) error { return nil }

// A failed session commit happens inside the handler's first write; the
// user must get one clean error, not the error page followed by the
// handler's own body.
func TestSessionCommitFailureAnswersOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sm := e.srv.sessions // the error page reads its flash through this manager
	sm.Store = failingCommits{}
	const handlerBody = "handler body that must not follow the error"
	h := sealable(sm.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sm.Put(r.Context(), "flash", "x") // modified: scs commits before the first write
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(handlerBody))
	})))
	for _, path := range []string{"/plans", "/api/v1/plans"} {
		t.Run(path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequestWithContext(context.Background(), http.MethodGet, path, nil))
			body := rec.Body.String()
			if rec.Code != http.StatusInternalServerError {
				t.Errorf("status = %d, want 500", rec.Code)
			}
			if strings.Contains(body, handlerBody) {
				t.Errorf("the handler's body followed the error:\n%s", body)
			}
			if path == "/plans" && strings.Count(strings.ToLower(body), "<!doctype html>") != 1 {
				t.Errorf("want exactly one page, got:\n%s", body)
			}
			if path != "/plans" && !strings.HasPrefix(body, `{"error":`) {
				t.Errorf("want a JSON error, got:\n%s", body)
			}
		})
	}
}
