// Package api serves the JSON API under /api/v1, described by the OpenAPI
// document it serves at /api/v1/openapi.json.
package api

import (
	_ "embed"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
)

//go:embed openapi.json
var openAPIDoc []byte

// Handler serves the API. Its methods are mounted by routes.go.
type Handler struct {
	store Store
	i18n  *i18n.Bundle
	log   *slog.Logger
	now   func() time.Time
}

// New returns the API handler.
func New(s Store, bundle *i18n.Bundle, log *slog.Logger, now func() time.Time) *Handler {
	return &Handler{store: s, i18n: bundle, log: log, now: now}
}

// list is the envelope of every list response.
type list[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// writeList answers a page of a list; an empty page is an empty array,
// never null, as openapi.json promises.
func writeList[T any](w http.ResponseWriter, items []T, total int) {
	if items == nil {
		items = []T{}
	}
	writeJSON(w, http.StatusOK, list[T]{Items: items, Total: total})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	// The status is sent; a client gone mid-body has nobody to tell, and
	// every body's shape is checked against openapi.json in the tests.
	_ = json.NewEncoder(w).Encode(v)
}

type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// Error writes a domain error as JSON, translated into the request's
// language; the cause goes to the log only.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	e, status := apperr.LogRequest(h.log, r, err)
	l := h.i18n.For(i18n.PickAPI(r))
	var body errorBody
	body.Error.Code = string(e.Code)
	body.Error.Message = l.T(e.Key)
	if len(e.Fields) > 0 {
		body.Error.Fields = map[string]string{}
		for f, k := range e.Fields {
			body.Error.Fields[f] = l.T(k)
		}
	}
	writeJSON(w, status, body)
}

// NotFound answers unknown API paths.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) {
	h.Error(w, r, apperr.New(apperr.NotFound, "error.page_not_found"))
}

// Panic answers after a recovered panic.
func (h *Handler) Panic(w http.ResponseWriter, r *http.Request, err error) {
	h.Error(w, r, apperr.Wrap(apperr.Internal, "error.internal", err))
}

// OpenAPI serves the API description.
func (h *Handler) OpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}

func requireUser(r *http.Request) (*auth.User, error) {
	u := auth.UserFrom(r.Context())
	if !auth.CanRead(u) {
		return nil, apperr.New(apperr.Unauthorized, "error.login_required")
	}
	return u, nil
}

// readerAndID starts every …/{id} handler: the caller must be logged in and
// {id} must be a record number. It answers the error itself.
func (h *Handler) readerAndID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	if _, err := requireUser(r); err != nil {
		h.Error(w, r, err)
		return 0, false
	}
	id, err := pathID(r)
	if err != nil {
		h.Error(w, r, err)
		return 0, false
	}
	return id, true
}

// readerAndPage starts every list: the caller must be logged in and the
// paging parameters valid. It answers the error itself.
func (h *Handler) readerAndPage(w http.ResponseWriter, r *http.Request) (page, perPage int, ok bool) {
	_, err := requireUser(r)
	if err == nil {
		if page, perPage, err = paging(r); err == nil {
			return page, perPage, true
		}
	}
	h.Error(w, r, err)
	return 0, 0, false
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "error.page_not_found")
	}
	return id, nil
}

// paging reads page and per_page; bad values are a 400, not a guess.
func paging(r *http.Request) (page, perPage int, err error) {
	q := r.URL.Query()
	page, perPage = 1, 50
	if s := q.Get("page"); s != "" {
		if page, err = strconv.Atoi(s); err != nil || page < 1 {
			return 0, 0, apperr.New(apperr.Invalid, "error.param.page")
		}
	}
	if s := q.Get("per_page"); s != "" {
		if perPage, err = strconv.Atoi(s); err != nil || perPage < 1 || perPage > 500 {
			return 0, 0, apperr.New(apperr.Invalid, "error.param.per_page")
		}
	}
	return page, perPage, nil
}

// int64Param reads an optional numeric filter.
func int64Param(r *http.Request, name string) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, apperr.New(apperr.Invalid, "error.param."+name)
	}
	return n, nil
}
