package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// With every read slot taken, a further read waits, while a write and a
// static file go straight through; a reader who gives up while waiting
// leaves without an answer and without taking a slot.
func TestAdmitReads(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan string, 10)
	h := admitReads(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- r.Method + " " + r.URL.Path
		if r.URL.Path == "/slow" {
			<-release
		}
	}), 1)
	serve := func(ctx context.Context, method, path string) chan int {
		done := make(chan int, 1)
		go func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, method, path, nil))
			done <- rec.Code
		}()
		return done
	}
	waitStart := func(want string) {
		t.Helper()
		select {
		case got := <-started:
			if got != want {
				t.Fatalf("started %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s did not start", want)
		}
	}
	slow := serve(context.Background(), http.MethodGet, "/slow")
	waitStart("GET /slow")

	queued := serve(context.Background(), http.MethodGet, "/plans")
	gaveUp, cancel := context.WithCancel(context.Background())
	abandoned := serve(gaveUp, http.MethodGet, "/my")

	serve(context.Background(), http.MethodPost, "/api/v1/tasks/1/progress")
	waitStart("POST /api/v1/tasks/1/progress")
	serve(context.Background(), http.MethodGet, "/static/style.css")
	waitStart("GET /static/style.css")

	cancel()
	select {
	case <-abandoned:
	case <-time.After(5 * time.Second):
		t.Fatal("a cancelled read still waits for a slot")
	}
	select {
	case got := <-started:
		t.Fatalf("%s ran while the only read slot was taken", got)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	<-slow
	waitStart("GET /plans")
	<-queued
}
