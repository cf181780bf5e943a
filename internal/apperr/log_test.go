package apperr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Each answer is logged once, at the level that says who must act: our
// failures as errors, refusals as info with their code, a client that went
// away as debug only.
func TestLogRequest(t *testing.T) {
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name   string
		ctx    context.Context
		err    error
		status int
		want   string
	}{
		{"failure", context.Background(), errors.New("disk full"), http.StatusInternalServerError,
			`level=ERROR msg="request failed" method=POST path=/plans err="disk full"`},
		{"refusal", context.Background(), New(Conflict, "error.account_last_admin"), http.StatusConflict,
			`level=INFO msg="request refused" method=POST path=/plans code=conflict`},
		{"client gone", gone, fmt.Errorf("read: %w", context.Canceled), http.StatusInternalServerError,
			`level=DEBUG msg="client gone"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			r := httptest.NewRequestWithContext(tt.ctx, http.MethodPost, "/plans", nil)
			e, status := LogRequest(log, r, tt.err)
			if status != tt.status || status != HTTPStatus(e.Code) {
				t.Errorf("status %d (code %s), want %d", status, e.Code, tt.status)
			}
			if out := buf.String(); !strings.Contains(out, tt.want) || strings.Count(out, "\n") != 1 {
				t.Errorf("log %q, want one line with %q", out, tt.want)
			}
		})
	}
}
