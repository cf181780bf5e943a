package apperr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestHTTPStatus(t *testing.T) {
	for code, want := range map[Code]int{
		Invalid: http.StatusBadRequest, Unauthorized: http.StatusUnauthorized, Forbidden: http.StatusForbidden,
		NotFound: http.StatusNotFound, BadMethod: http.StatusMethodNotAllowed, Conflict: http.StatusConflict, Validation: http.StatusUnprocessableEntity,
		TooLarge: http.StatusRequestEntityTooLarge, RateLimited: http.StatusTooManyRequests,
		Internal: http.StatusInternalServerError, Code("unknown"): http.StatusInternalServerError,
	} {
		if got := HTTPStatus(code); got != want {
			t.Errorf("HTTPStatus(%s) = %d, want %d", code, got, want)
		}
	}
}

func TestAsKeepsCodeThroughWrapping(t *testing.T) {
	inner := New(NotFound, "error.task_not_found")
	wrapped := fmt.Errorf("store: task: %w", inner)
	if e := As(wrapped); e.Code != NotFound || e.Key != "error.task_not_found" {
		t.Errorf("As(wrapped) = %v", e)
	}
	plain := errors.New("disk full")
	if e := As(plain); e.Code != Internal || !errors.Is(e, plain) {
		t.Errorf("As(plain) = %v; want Internal wrapping the cause", e)
	}
}

func TestFieldErrorsKeepFirstMessage(t *testing.T) {
	f := FieldErrors{}
	if f.Err() != nil {
		t.Fatal("no fields: want nil")
	}
	f.Add("percent", "error.field.percent")
	f.Add("percent", "error.field.other")
	e := As(f.Err())
	if e.Code != Validation || e.Fields["percent"] != "error.field.percent" {
		t.Errorf("Err() = %v", e)
	}
}

func TestClientGone(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	live := context.Background()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"client left, query cancelled", cancelled, fmt.Errorf("store: list: %w", context.Canceled), true},
		{"client left, other failure", cancelled, errors.New("disk I/O error"), false},
		{"cancelled error but live request", live, context.Canceled, false},
		{"deadline is a server problem", cancelled, context.DeadlineExceeded, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ClientGone(tc.ctx, tc.err); got != tc.want {
				t.Errorf("ClientGone = %v, want %v", got, tc.want)
			}
		})
	}
}
