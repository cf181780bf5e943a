package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/api"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
)

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.token(financeEmail)
	var mine page[plan.Task]
	e.get(fmt.Sprintf("/api/v1/tasks?agency=%d", *e.users[financeEmail].AgencyID), officer).must(t, http.StatusOK).decode(t, &mine)
	if len(mine.Items) == 0 {
		t.Fatal("Sở Tài chính has no task")
	}
	progress := fmt.Sprintf("/api/v1/tasks/%d/progress", mine.Items[0].ID)
	huge := `{"note":"` + strings.Repeat("a", 1<<20) + `"}`
	var before taskJSON
	e.get(strings.TrimSuffix(progress, "/progress"), officer).must(t, http.StatusOK).decode(t, &before)

	type errCase struct {
		name   string
		req    request
		status int
		code   string
		field  string // a field the error must name
	}
	tests := []errCase{
		{"unknown API path", request{Path: "/api/v1/nope", Token: officer}, 404, "not_found", ""},
		{"unknown API path anonymous", request{Path: "/api/v1/nope"}, 404, "not_found", ""},
		{"unknown plan", request{Path: "/api/v1/plans/999999", Token: officer}, 404, "not_found", ""},
		{"non-numeric plan id", request{Path: "/api/v1/plans/abc", Token: officer}, 404, "not_found", ""},
		{"zero task id", request{Path: "/api/v1/tasks/0", Token: officer}, 404, "not_found", ""},
		{"unknown task", request{Path: "/api/v1/tasks/999999", Token: officer}, 404, "not_found", ""},
		{"progress on unknown task", request{Method: "POST", Path: "/api/v1/tasks/999999/progress", Token: officer, Body: `{"note":"x"}`}, 404, "not_found", ""},
		{"malformed JSON", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":`}, 400, "invalid", ""},
		{"not an object", request{Method: "POST", Path: progress, Token: officer, Body: `["note"]`}, 400, "invalid", ""},
		{"wrong field type", request{Method: "POST", Path: progress, Token: officer, Body: `{"percent":"50"}`}, 400, "invalid", ""},
		{"unknown field", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":"x","file_id":3}`}, 400, "invalid", ""},
		{"two JSON values", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":"x"} {"note":"y"}`}, 400, "invalid", ""},
		{"empty body", request{Method: "POST", Path: progress, Token: officer}, 400, "invalid", ""},
		{"body over 1 MiB", request{Method: "POST", Path: progress, Token: officer, Body: huge}, 413, "too_large", ""},
		{"percent over 100", request{Method: "POST", Path: progress, Token: officer, Body: `{"percent":101}`}, 422, "validation", "percent"},
		{"percent negative", request{Method: "POST", Path: progress, Token: officer, Body: `{"percent":-1,"note":"x"}`}, 422, "validation", "percent"},
		{"computed status", request{Method: "POST", Path: progress, Token: officer, Body: `{"status":"overdue","note":"x"}`}, 422, "validation", "status"},
		{"says nothing", request{Method: "POST", Path: progress, Token: officer, Body: `{}`}, 422, "validation", "note"},
		{"evidence not http", request{Method: "POST", Path: progress, Token: officer, Body: `{"evidence_url":"javascript:alert(1)"}`}, 422, "validation", "evidence_url"},
		{"cross-site write", request{Method: "POST", Path: progress, Token: officer, Body: `{"note":"x"}`,
			Header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403, "forbidden", ""},
		{"invalid bearer token", request{Path: "/api/v1/plans", Token: "hpt_not-a-real-token"}, 401, "unauthorized", ""},
		{"invalid bearer token on a public route", request{Path: "/api/v1/openapi.json", Token: "nope"}, 401, "unauthorized", ""},
		{"not a bearer token", request{Path: "/api/v1/plans", Header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}}, 401, "unauthorized", ""},
		{"audit as a coordinator", request{Path: "/api/v1/audit", Token: e.token(coordinatorEmail)}, 403, "forbidden", ""},
		{"audit as an agency officer", request{Path: "/api/v1/audit", Token: officer}, 403, "forbidden", ""},
	}
	for _, p := range []string{"/api/v1/plans", fmt.Sprintf("/api/v1/plans/%d", e.planID), "/api/v1/tasks",
		fmt.Sprintf("/api/v1/tasks/%d", mine.Items[0].ID), "/api/v1/agencies", "/api/v1/audit"} {
		tests = append(tests, errCase{"anonymous GET " + p, request{Path: p}, 401, "unauthorized", ""})
	}
	tests = append(tests, errCase{"anonymous POST progress", request{Method: "POST", Path: progress, Body: `{"note":"x"}`}, 401, "unauthorized", ""})

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			er := e.do(tc.req).apiErr(t, tc.status, tc.code)
			if tc.field != "" && er.Error.Fields[tc.field] == "" {
				t.Errorf("fields = %v, want a message for %s", er.Error.Fields, tc.field)
			}
			if tc.field == "" && er.Error.Fields != nil {
				t.Errorf("unexpected fields %v", er.Error.Fields)
			}
		})
	}

	t.Run("refused writes leave no trace", func(t *testing.T) {
		var task taskJSON
		e.get(strings.TrimSuffix(progress, "/progress"), officer).must(t, http.StatusOK).decode(t, &task)
		if len(task.Progress) != len(before.Progress) || task.Recorded != before.Recorded {
			t.Errorf("refused writes changed the task: %d → %d entries, %q → %q",
				len(before.Progress), len(task.Progress), before.Recorded, task.Recorded)
		}
	})
}

// TestSessionCookie checks that a browser session reaches the API too.
func TestSessionCookie(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	form := url.Values{"email": {financeEmail}, "password": {e.passwords[financeEmail]}, "next": {"/"}}
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie string
	for _, c := range res.Cookies() {
		if c.Name == "hoptac_session" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == "" {
		t.Fatalf("login: status %d, cookie %q", res.StatusCode, cookie)
	}
	var l page[plan.Task]
	e.do(request{Path: fmt.Sprintf("/api/v1/tasks?agency=%d", *e.users[financeEmail].AgencyID),
		Header: map[string]string{"Cookie": cookie}}).must(t, http.StatusOK).decode(t, &l)
	if len(l.Items) == 0 {
		t.Fatal("no task for Sở Tài chính")
	}
	var p plan.Progress
	e.do(request{Method: http.MethodPost, Path: fmt.Sprintf("/api/v1/tasks/%d/progress", l.Items[0].ID),
		Body: `{"status":"done"}`, Header: map[string]string{"Cookie": cookie, "Sec-Fetch-Site": "same-origin"}}).
		must(t, http.StatusCreated).decode(t, &p)
	if p.Status != plan.StatusDone || p.Percent == nil || *p.Percent != 100 || p.UserID == nil || *p.UserID != e.users[financeEmail].ID {
		t.Errorf("stored entry = %+v, want done 100%% by the finance officer", p)
	}
	e.do(request{Path: "/api/v1/audit", Header: map[string]string{"Cookie": cookie}}).apiErr(t, http.StatusForbidden, "forbidden")
}

// failingStore is an api.Store whose every read fails or panics with a
// message that must never reach a client.
type failingStore struct {
	api.Store
	panics bool
}

const secret = "pq: relation \"users\" password=hunter2"

func (s failingStore) Plans(context.Context, int, int) ([]plan.Plan, int, error) {
	if s.panics {
		panic(secret)
	}
	return nil, 0, fmt.Errorf("store: list plans: %w", errors.New(secret))
}

// TestInternalErrorsDoNotLeak checks that a failed store and a recovered
// panic answer a generic 500 JSON error, with the cause in the log only.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	t.Parallel()
	bundle, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	now := func() time.Time { return fixedNow }
	user := &auth.User{ID: 1, Email: adminEmail, Name: "Admin", Role: auth.RoleAdmin}

	tests := []struct {
		name string
		run  func(w http.ResponseWriter, r *http.Request)
	}{
		{"store error", api.New(failingStore{}, bundle, log, now).Plans},
		{"panic", func(w http.ResponseWriter, r *http.Request) {
			h := api.New(failingStore{panics: true}, bundle, log, now)
			defer func() {
				if v := recover(); v != nil {
					h.Panic(w, r, fmt.Errorf("panic: %v", v))
				}
			}()
			h.Plans(w, r)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logged.Reset()
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/api/v1/plans", nil)
			tc.run(rec, req.WithContext(auth.WithUser(req.Context(), user)))
			res := response{Req: request{Method: http.MethodGet, Path: "/api/v1/plans"}, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
			res.apiErr(t, http.StatusInternalServerError, "internal")
			if bytes.Contains(res.Body, []byte("hunter2")) || bytes.Contains(res.Body, []byte("pq:")) {
				t.Errorf("the cause leaked to the client: %s", res.Body)
			}
			if !strings.Contains(logged.String(), "hunter2") {
				t.Errorf("the cause was not logged: %q", logged.String())
			}
		})
	}
}

// TestOpenAPIServed checks the document is served as is, without a login.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"", e.token(viewerEmail)} {
		res := e.get("/api/v1/openapi.json", tok).must(t, http.StatusOK)
		if !bytes.Equal(res.Body, file) {
			t.Errorf("served document (%d bytes) differs from openapi.json (%d bytes)", len(res.Body), len(file))
		}
	}
}
