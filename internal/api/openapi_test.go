package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/plan"
)

// loadOpenAPI loads and validates openapi.json and builds a router over it.
func loadOpenAPI(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	data, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return doc, router
}

// basePath is the path of the document's server, "/api/v1".
func basePath(t *testing.T, doc *openapi3.T) string {
	t.Helper()
	if len(doc.Servers) != 1 {
		t.Fatalf("document has %d servers, want 1", len(doc.Servers))
	}
	return strings.TrimSuffix(doc.Servers[0].URL, "/")
}

// checkCredentials stands in for the security schemes: it accepts a request
// that carries the credential a scheme names, whether or not it is valid.
func checkCredentials(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	r := in.RequestValidationInput.Request
	switch in.SecuritySchemeName {
	case "bearerAuth":
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			return nil
		}
	case "cookieAuth":
		if _, err := r.Cookie("hoptac_session"); err == nil {
			return nil
		}
	}
	return errors.New("no credentials for " + in.SecuritySchemeName)
}

// specRequest rebuilds the request r as the validator sees it and finds its
// route in the document.
func specRequest(t *testing.T, router routers.Router, r request) *openapi3filter.RequestValidationInput {
	t.Helper()
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req := httptest.NewRequest(method, r.Path, body)
	if r.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s is not in the OpenAPI document: %v", method, r.Path, err)
	}
	return &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: checkCredentials}}
}

// validateResponse checks a real response against the document; a status
// the operation does not list is an error.
func validateResponse(t *testing.T, router routers.Router, res response) error {
	t.Helper()
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: specRequest(t, router, res.Req),
		Status:                 res.Status,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(res.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		// A file download: the document must say the answer is a file,
		// whose bytes no schema describes.
		r := in.RequestValidationInput.Route.Operation.Responses.Status(res.Status)
		if r == nil || r.Value.Content.Get("application/octet-stream") == nil {
			return fmt.Errorf("%s answered %d with %q, which the document does not give as a file", res.Req.Path, res.Status, ct)
		}
		in.Options.ExcludeResponseBody = true
	}
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// validateRequest checks a request against the document: parameters,
// body and that it carries credentials where the operation needs them.
func validateRequest(t *testing.T, router routers.Router, r request) error {
	t.Helper()
	return openapi3filter.ValidateRequest(context.Background(), specRequest(t, router, r))
}

func TestOpenAPIDocumentValid(t *testing.T) {
	t.Parallel()
	doc, _ := loadOpenAPI(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	for _, name := range []string{"bearerAuth", "cookieAuth"} {
		if doc.Components.SecuritySchemes[name] == nil {
			t.Errorf("security scheme %s is missing", name)
		}
	}
	// Response schemas are closed so that a field added to a Go type but
	// not to the document fails the response tests.
	for name, s := range doc.Components.Schemas {
		v := s.Value
		if !v.Type.Is("object") || name == "ProgressRequest" {
			continue
		}
		if v.AdditionalProperties.Has == nil || *v.AdditionalProperties.Has {
			t.Errorf("schema %s allows additional properties", name)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" || op.Summary == "" {
				t.Errorf("%s %s has no operationId or summary", method, path)
			}
			for code, r := range op.Responses.Map() {
				if code == "default" {
					t.Errorf("%s %s has a default response, which would accept any status", method, path)
				}
				if file := r.Value.Content.Get("application/octet-stream"); code[0] == '2' && file != nil &&
					file.Schema != nil && file.Schema.Value.Format == "binary" && len(r.Value.Content) == 1 {
					continue // a file download (an evidence file), its type the file's own
				}
				if ct := r.Value.Content.Get("application/json"); ct == nil || ct.Schema == nil {
					t.Errorf("%s %s %s has no JSON schema", method, path, code)
				} else if code[0] != '2' && ct.Schema.Ref != "#/components/schemas/Error" {
					t.Errorf("%s %s %s is not an Error response", method, path, code)
				}
			}
		}
	}
}

// apiRoutes returns "METHOD /path/{param}" for every /api/v1/ route the
// server mounts, with the /api/v1 prefix removed.
func apiRoutes(t *testing.T, e *env, base string) []string {
	t.Helper()
	var out []string
	for _, rt := range e.srv.Routes() {
		if !strings.Contains(rt.Pattern, base+"/") {
			continue
		}
		method, path, ok := strings.Cut(rt.Pattern, " ")
		if !ok || strings.HasPrefix(method, "/") {
			t.Errorf("API route %q has no method", rt.Pattern)
			continue
		}
		path = strings.TrimPrefix(path, base)
		path = strings.ReplaceAll(path, "...}", "}")
		path = strings.TrimSuffix(path, "{$}")
		out = append(out, method+" "+path)
	}
	return out
}

// TestOpenAPIDocumentsEveryRoute keeps the document and the route table in
// step, both ways.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	doc, _ := loadOpenAPI(t)
	e := newEnv(t)
	base := basePath(t, doc)
	if base != "/api/v1" {
		t.Fatalf("server URL %q, want /api/v1", base)
	}
	mounted := apiRoutes(t, e, base)
	if len(mounted) < 8 {
		t.Fatalf("found only %d API routes: %v", len(mounted), mounted)
	}
	for _, rt := range mounted {
		method, path, _ := strings.Cut(rt, " ")
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("route %s %s%s is not documented in openapi.json", method, base, path)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !slices.Contains(mounted, method+" "+path) {
				t.Errorf("openapi.json documents %s %s%s, which no route serves", method, base, path)
			}
		}
	}
}

// Whether the document accepts a request the server answered.
const (
	reqAny     = iota // the document cannot tell (e.g. a 404 for an unknown id)
	reqValid          // the request is valid per the document
	reqInvalid        // the document also rejects it
)

// TestResponsesMatchOpenAPI sends real requests to every route, succeeding
// and failing, and validates each response against the document.
// specCase is one request of TestResponsesMatchOpenAPI.
type specCase struct {
	name   string
	req    request
	status int
	spec   int // reqAny, reqValid or reqInvalid: what the document says of the request
}

func TestResponsesMatchOpenAPI(t *testing.T) {
	t.Parallel()
	doc, router := loadOpenAPI(t)
	e := newEnv(t)
	admin, officer, viewer := e.token(adminEmail), e.token(financeEmail), e.token(viewerEmail)
	financeID := *e.users[financeEmail].AgencyID

	var mine page[plan.Task]
	e.get(fmt.Sprintf("/api/v1/tasks?agency=%d", financeID), officer).must(t, http.StatusOK).decode(t, &mine)
	var led, quiet, other *plan.Task // led by finance; without progress; not finance's
	for _, task := range e.planTasks(t) {
		switch {
		case led == nil && slices.Contains(task.LeadIDs(), financeID):
			led = &task
		case other == nil && !hasAgency(task, financeID):
			other = &task
		}
		if quiet == nil && task.Recorded == plan.StatusNotStarted {
			quiet = &task
		}
	}
	if led == nil || quiet == nil || other == nil {
		t.Fatal("demo lacks the tasks this test needs")
	}
	ledProgress := fmt.Sprintf("/api/v1/tasks/%d/progress", led.ID)
	planPath := fmt.Sprintf("/api/v1/plans/%d", e.planID)
	spare, adminsTok := e.spareTokens(t)
	loadTestUnits(t, e.db)
	q := url.QueryEscape
	coordinator, coopTok := e.token(coordinatorEmail), e.token(apptest.CoopEmail)

	tests := []specCase{
		{"openapi anonymous", request{Path: "/api/v1/openapi.json"}, 200, reqValid},
		{"openapi bad token", request{Path: "/api/v1/openapi.json", Token: "nope"}, 401, reqValid},

		{"plans", request{Path: "/api/v1/plans", Token: viewer}, 200, reqValid},
		{"plans empty page", request{Path: "/api/v1/plans?page=2&per_page=1", Token: viewer}, 200, reqValid},
		{"plans anonymous", request{Path: "/api/v1/plans"}, 401, reqInvalid},
		{"plans bad token", request{Path: "/api/v1/plans", Token: "hpt_wrong"}, 401, reqAny},
		{"plans bad per_page", request{Path: "/api/v1/plans?per_page=0", Token: viewer}, 400, reqInvalid},

		{"plan", request{Path: planPath, Token: viewer}, 200, reqValid},
		{"plan unknown", request{Path: "/api/v1/plans/999999", Token: viewer}, 404, reqAny},
		{"plan id not a number", request{Path: "/api/v1/plans/abc", Token: viewer}, 404, reqInvalid},
		{"plan anonymous", request{Path: planPath}, 401, reqInvalid},

		{"tasks", request{Path: "/api/v1/tasks", Token: viewer}, 200, reqValid},
		{"tasks overdue", request{Path: fmt.Sprintf("/api/v1/tasks?plan=%d&status=overdue", e.planID), Token: viewer}, 200, reqValid},
		{"tasks q", request{Path: "/api/v1/tasks?q=" + q("so tai chinh"), Token: viewer}, 200, reqValid},
		{"tasks agency paged", request{Path: fmt.Sprintf("/api/v1/tasks?agency=%d&page=1&per_page=2", financeID), Token: viewer}, 200, reqValid},
		{"tasks none", request{Path: "/api/v1/tasks?plan=999999", Token: viewer}, 200, reqValid},
		{"tasks bad status", request{Path: "/api/v1/tasks?status=late", Token: viewer}, 400, reqInvalid},
		{"tasks per_page over 500", request{Path: "/api/v1/tasks?per_page=501", Token: viewer}, 400, reqInvalid},
		{"tasks bad agency", request{Path: "/api/v1/tasks?agency=abc", Token: viewer}, 400, reqInvalid},
		{"tasks anonymous", request{Path: "/api/v1/tasks"}, 401, reqInvalid},

		{"task with progress", request{Path: fmt.Sprintf("/api/v1/tasks/%d", led.ID), Token: viewer}, 200, reqValid},
		{"task without progress", request{Path: fmt.Sprintf("/api/v1/tasks/%d", quiet.ID), Token: viewer}, 200, reqValid},
		{"task unknown", request{Path: "/api/v1/tasks/999999", Token: viewer}, 404, reqAny},
		{"task anonymous", request{Path: fmt.Sprintf("/api/v1/tasks/%d", led.ID)}, 401, reqInvalid},

		{"history", request{Path: ledProgress, Token: viewer}, 200, reqValid},
		{"history page", request{Path: ledProgress + "?page=2&per_page=1", Token: viewer}, 200, reqValid},
		{"history bad page", request{Path: ledProgress + "?page=0", Token: viewer}, 400, reqInvalid},
		{"history unknown task", request{Path: "/api/v1/tasks/999999/progress", Token: viewer}, 404, reqAny},
		{"history anonymous", request{Path: ledProgress}, 401, reqInvalid},

		{"progress", request{Method: "POST", Path: ledProgress, Token: officer,
			Body: `{"status":"in_progress","percent":40,"note":"Đang triển khai.","evidence_url":"https://example.vn/a.pdf"}`}, 201, reqValid},
		{"progress done without percent", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"status":"done","note":"Xong."}`}, 201, reqValid},
		{"progress null percent", request{Method: "POST", Path: ledProgress, Token: admin, Body: `{"percent":null,"note":"Ghi chú."}`}, 201, reqValid},
		{"progress bad percent", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"percent":101}`}, 422, reqInvalid},
		{"progress computed status", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"status":"overdue","note":"x"}`}, 422, reqInvalid},
		{"progress says nothing", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{}`}, 422, reqAny},
		{"progress NUL in note", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"note":"a\u0000b"}`}, 422, reqAny},
		{"progress RLO in note", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"note":"a\u202Eb"}`}, 422, reqAny},
		{"progress URL too long", request{Method: "POST", Path: ledProgress, Token: officer,
			Body: `{"evidence_url":"https://a.vn/` + strings.Repeat("a", plan.MaxURLLen) + `"}`}, 422, reqInvalid},
		{"progress done at 0%", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"status":"done","percent":0}`}, 422, reqAny},
		{"progress not started at 100%", request{Method: "POST", Path: ledProgress, Token: officer,
			Body: `{"status":"not_started","percent":100}`}, 422, reqAny},
		{"progress malformed", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"note":`}, 400, reqInvalid},
		{"progress unknown field", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"note":"x","user_id":1}`}, 400, reqInvalid},
		{"progress too large", request{Method: "POST", Path: ledProgress, Token: officer,
			Body: `{"note":"` + strings.Repeat("x", 1<<20) + `"}`}, 413, reqInvalid},
		{"progress other agency's task", request{Method: "POST", Path: fmt.Sprintf("/api/v1/tasks/%d/progress", other.ID),
			Token: officer, Body: `{"note":"x"}`}, 403, reqValid},
		{"progress as viewer", request{Method: "POST", Path: ledProgress, Token: viewer, Body: `{"note":"x"}`}, 403, reqValid},
		{"progress cross-site", request{Method: "POST", Path: ledProgress, Token: officer, Body: `{"note":"x"}`,
			Header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403, reqAny},
		{"progress unknown task", request{Method: "POST", Path: "/api/v1/tasks/999999/progress", Token: officer, Body: `{"note":"x"}`}, 404, reqAny},
		{"progress anonymous", request{Method: "POST", Path: ledProgress, Body: `{"note":"x"}`}, 401, reqInvalid},

		{"reports", request{Path: fmt.Sprintf("/api/v1/reports?plan=%d&period=2026", e.planID), Token: viewer}, 200, reqValid},
		{"reports officer", request{Path: fmt.Sprintf("/api/v1/reports?plan=%d&period=2026", e.planID), Token: officer}, 200, reqValid},
		{"reports no schedule", request{Path: fmt.Sprintf("/api/v1/reports?plan=%d&period=2026-Q1", e.planID), Token: viewer}, 404, reqValid},
		{"reports unknown plan", request{Path: "/api/v1/reports?plan=999999&period=2026", Token: viewer}, 404, reqValid},
		{"reports bad period", request{Path: fmt.Sprintf("/api/v1/reports?plan=%d&period=2026-W1", e.planID), Token: viewer}, 400, reqInvalid},
		{"reports no plan", request{Path: "/api/v1/reports?period=2026", Token: viewer}, 400, reqInvalid},
		{"reports anonymous", request{Path: fmt.Sprintf("/api/v1/reports?plan=%d&period=2026", e.planID)}, 401, reqInvalid},
		{"reports cooperative", request{Path: fmt.Sprintf("/api/v1/reports?plan=%d&period=2026", e.planID), Token: coopTok}, 403, reqValid},

		{"agencies", request{Path: "/api/v1/agencies", Token: viewer}, 200, reqValid},
		{"agencies q", request{Path: "/api/v1/agencies?q=" + q("ubnd") + "&per_page=3", Token: viewer}, 200, reqValid},
		{"agencies bad page", request{Path: "/api/v1/agencies?page=0", Token: viewer}, 400, reqInvalid},
		{"agencies anonymous", request{Path: "/api/v1/agencies"}, 401, reqInvalid},

		{"audit", request{Path: "/api/v1/audit?per_page=500", Token: admin}, 200, reqValid},
		{"audit progress", request{Path: "/api/v1/audit?entity=progress&per_page=5", Token: admin}, 200, reqValid},
		{"audit one record", request{Path: fmt.Sprintf("/api/v1/audit?entity=plan&entity_id=%d", e.planID), Token: admin}, 200, reqValid},
		{"audit task rows of a plan import", request{Path: "/api/v1/audit?entity=task&per_page=5", Token: admin}, 200, reqValid},
		{"audit none", request{Path: "/api/v1/audit?entity=nothing", Token: admin}, 200, reqValid},
		{"audit as viewer", request{Path: "/api/v1/audit", Token: viewer}, 403, reqValid},
		{"audit bad entity_id", request{Path: "/api/v1/audit?entity_id=x", Token: admin}, 400, reqInvalid},
		{"audit anonymous", request{Path: "/api/v1/audit"}, 401, reqInvalid},

		{"tokens", request{Path: "/api/v1/tokens", Token: viewer}, 200, reqValid},
		{"tokens anonymous", request{Path: "/api/v1/tokens"}, 401, reqInvalid},
		{"revoke own token", request{Method: "POST", Path: fmt.Sprintf("/api/v1/tokens/%d/revoke", spare), Token: viewer}, 200, reqValid},
		{"revoke someone else's token", request{Method: "POST", Path: fmt.Sprintf("/api/v1/tokens/%d/revoke", adminsTok), Token: viewer}, 403, reqValid},
		{"revoke unknown token", request{Method: "POST", Path: "/api/v1/tokens/999999/revoke", Token: viewer}, 404, reqAny},
		{"revoke bad id", request{Method: "POST", Path: "/api/v1/tokens/abc/revoke", Token: viewer}, 404, reqInvalid},
		{"revoke anonymous", request{Method: "POST", Path: fmt.Sprintf("/api/v1/tokens/%d/revoke", spare)}, 401, reqInvalid},
	}
	tests = append(tests, unitCases(officer, viewer)...)
	tests = append(tests, registerCases(t, e, registerTokens{admin: admin, coordinator: coordinator, viewer: viewer, coop: coopTok})...)
	tests = append(tests, reportCases(t, e)...)
	tests = append(tests, proposalCases(t, e, led.ID, admin, coordinator, officer, viewer, coopTok)...)
	tests = append(tests, scheduleCases(t, e, registerTokens{admin: admin, coordinator: coordinator, viewer: viewer, coop: coopTok}, officer)...)
	tests = append(tests, duplicateCases(t, e, registerTokens{admin: admin, coordinator: coordinator, viewer: viewer, coop: coopTok})...)
	tests = append(tests, targetCases(t, e, viewer)...)
	tests = append(tests, indicatorCases(registerTokens{admin: admin, coordinator: coordinator, viewer: viewer, coop: coopTok})...)
	seen := map[string]bool{} // "METHOD /path STATUS" exercised
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(tc.req)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d; body: %.300s", res.Status, tc.status, res.Body)
			}
			if err := validateResponse(t, router, res); err != nil {
				t.Errorf("response does not match openapi.json: %v\nbody: %.500s", err, res.Body)
			}
			route := specRequest(t, router, tc.req).Route
			seen[fmt.Sprintf("%s %s %d", route.Method, route.Path, res.Status)] = true
			err := validateRequest(t, router, tc.req)
			switch {
			case tc.spec == reqValid && err != nil:
				t.Errorf("the document rejects a request the server accepts as well-formed: %v", err)
			case tc.spec == reqInvalid && err == nil:
				t.Errorf("the document accepts a request the server refuses with %d", res.Status)
			}
		})
	}

	// Every documented status but 500 is one the tests above produced, so
	// the document lists no status the API cannot answer.
	var missing []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code := range op.Responses.Map() {
				if code != "500" && !seen[method+" "+path+" "+code] {
					missing = append(missing, method+" "+path+" "+code)
				}
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("documented responses no test produced: %v", missing)
	}
}
