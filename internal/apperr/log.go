package apperr

import (
	"log/slog"
	"net/http"
)

// LogRequest records why a request is answered with err, at the level it
// deserves, and returns err as an *Error with its HTTP status, for the web
// and the API alike. A client that went away is only debug; our failure is
// an error; a refusal (4xx) is info, with its code, so an administrator
// can follow refused attempts without them paging anyone.
func LogRequest(log *slog.Logger, r *http.Request, err error) (*Error, int) {
	ctx, e := r.Context(), As(err)
	status := HTTPStatus(e.Code)
	switch {
	case ClientGone(ctx, err):
		log.DebugContext(ctx, "client gone", "method", r.Method, "path", r.URL.Path, "err", err)
	case status >= 500:
		log.ErrorContext(ctx, "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	default:
		log.InfoContext(ctx, "request refused", "method", r.Method, "path", r.URL.Path, "code", e.Code, "err", err)
	}
	return e, status
}
