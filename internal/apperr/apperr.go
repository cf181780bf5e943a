// Package apperr defines the errors that the domain reports to users. An
// error carries a code that decides the HTTP status and a message key that the
// web and API layers translate; internal details stay in the wrapped error and
// go only to the log.
package apperr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
)

// Code classifies an error by what the caller can do about it.
type Code string

const (
	Invalid      Code = "invalid"            // malformed request (400)
	Unauthorized Code = "unauthorized"       // not logged in (401)
	Forbidden    Code = "forbidden"          // logged in, not allowed (403)
	NotFound     Code = "not_found"          // no such record (404)
	BadMethod    Code = "method_not_allowed" // the path exists, not with this method (405)
	Conflict     Code = "conflict"           // clashes with stored data (409)
	Validation   Code = "validation"         // well-formed but a field is wrong (422)
	TooLarge     Code = "too_large"          // body or upload over the limit (413)
	RateLimited  Code = "rate_limited"       // too many attempts (429)
	Internal     Code = "internal"           // our fault (500)
)

// Error is a user-facing error. Key and Fields hold translation keys, never
// display text, so the same error reads in Vietnamese or English.
type Error struct {
	Code   Code
	Key    string            // message key, e.g. "error.not_found"
	Fields map[string]string // field name -> message key, for forms
	Err    error             // the cause, logged but never shown
}

func (e *Error) Error() string {
	msg := string(e.Code) + ": " + e.Key
	if len(e.Fields) > 0 {
		names := make([]string, 0, len(e.Fields))
		for f := range e.Fields {
			names = append(names, f)
		}
		sort.Strings(names)
		msg += fmt.Sprintf(" %v", names)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a message key.
func New(code Code, key string) *Error { return &Error{Code: code, Key: key} }

// Wrap attaches a code and message key to a cause.
func Wrap(code Code, key string, err error) *Error { return &Error{Code: code, Key: key, Err: err} }

// FieldErrors collects per-field validation messages while a form or
// request is checked, so every wrong field is reported at once.
type FieldErrors map[string]string

// Add records the first message for a field.
func (f FieldErrors) Add(field, key string) {
	if _, ok := f[field]; !ok {
		f[field] = key
	}
}

// Err returns a Validation error if any field failed, or nil.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Validation, Key: "error.validation", Fields: map[string]string(f)}
}

// As returns the *Error in err's chain, or an Internal error wrapping err.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Key: "error.internal", Err: err}
}

// CodeOf returns the code of err, Internal for errors that are not *Error.
func CodeOf(err error) Code { return As(err).Code }

// HTTPStatus is the one place where codes become HTTP statuses.
func HTTPStatus(code Code) int {
	switch code {
	case Invalid:
		return http.StatusBadRequest
	case Unauthorized:
		return http.StatusUnauthorized
	case Forbidden:
		return http.StatusForbidden
	case NotFound:
		return http.StatusNotFound
	case BadMethod:
		return http.StatusMethodNotAllowed
	case Conflict:
		return http.StatusConflict
	case Validation:
		return http.StatusUnprocessableEntity
	case TooLarge:
		return http.StatusRequestEntityTooLarge
	case RateLimited:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// ClientGone reports whether err only says that the client went away before
// the answer was ready. That is not a server failure, so it is not logged as
// one.
func ClientGone(ctx context.Context, err error) bool {
	return ctx.Err() != nil && errors.Is(err, context.Canceled)
}
