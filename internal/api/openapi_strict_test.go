package api_test

// The OpenAPI checks themselves: they refuse what the document does not allow.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestOpenAPIValidationIsStrict shows the response check catches drift: an
// undocumented status, a field the document lacks, a wrong type or format,
// a null where none is allowed.
func TestOpenAPIValidationIsStrict(t *testing.T) {
	t.Parallel()
	_, router := loadOpenAPI(t)
	tok := "hpt_x"
	plans := request{Path: "/api/v1/plans", Token: tok}
	task := request{Path: "/api/v1/tasks/1", Token: tok}
	const goodPlan = `{"id":1,"number":"563/KH-UBND","type":"KH","title":"t","issuer":"i","issued_on":"2024-08-20T00:00:00Z",` +
		`"signer":"s","summary":"","task_count":18,"created_at":"2026-11-24T03:00:00Z",` +
		`"place":"","field":"","signer_title":"","coordinator":""}`
	const goodTask = `{"id":1,"plan_id":1,"group_id":1,"group_code":"I","code":"I.1","ordinal":1,"content":"c",` +
		`"lead":[{"id":1,"name":"Sở Tài chính","collective":false,"successor":null}],"support":[],` +
		`"timeframe":{"kind":"ongoing","start":null,"due":null,"text":"Thường xuyên"},` +
		`"recorded_status":"in_progress","status":"in_progress","percent":null,"done_on":null,"due_soon":false,"progress_total":0,` +
		`"rev":0,"dropped":null,"revisions":[]}`
	jsonHeader := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	tests := []struct {
		name   string
		req    request
		status int
		body   string
		ok     bool
	}{
		{"good plan list", plans, 200, `{"items":[` + goodPlan + `],"total":1}`, true},
		{"good task", task, 200, goodTask, true},
		{"good error", plans, 401, `{"error":{"code":"unauthorized","message":"Vui lòng đăng nhập."}}`, true},
		{"undocumented status", plans, 418, `{"error":{"code":"internal","message":"x"}}`, false},
		{"undocumented 404 on a list", plans, 404, `{"error":{"code":"not_found","message":"x"}}`, false},
		{"unknown field", plans, 200, `{"items":[],"total":0,"next":null}`, false},
		{"unknown field in an item", plans, 200, `{"items":[` + strings.TrimSuffix(goodPlan, "}") + `,"groups":[]}],"total":1}`, false},
		{"missing field", plans, 200, `{"items":[]}`, false},
		{"date without time", plans, 200, `{"items":[` + strings.Replace(goodPlan, "2024-08-20T00:00:00Z", "2024-08-20", 1) + `],"total":1}`, false},
		{"null where not nullable", task, 200, strings.Replace(goodTask, `"due_soon":false`, `"due_soon":null`, 1), false},
		{"unknown status", task, 200, strings.Replace(goodTask, `"status":"in_progress"`, `"status":"late"`, 1), false},
		{"percent over 100", task, 200, strings.Replace(goodTask, `"percent":null`, `"percent":120`, 1), false},
		{"error without message", plans, 401, `{"error":{"code":"unauthorized"}}`, false},
		{"unknown error code", plans, 401, `{"error":{"code":"nope","message":"x"}}`, false},
		{"successor not an agency", task, 200, strings.Replace(goodTask, `"successor":null`, `"successor":"Sở Tài chính"`, 1), false},
		{"successor an agency", task, 200, strings.Replace(goodTask, `"successor":null`,
			`"successor":{"id":2,"name":"Sở Tài chính","collective":false,"successor":null}`, 1), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := response{Req: tc.req, Status: tc.status, Header: jsonHeader, Body: []byte(tc.body)}
			err := validateResponse(t, router, res)
			if tc.ok && err != nil {
				t.Errorf("valid response refused: %v", err)
			}
			if !tc.ok && err == nil {
				t.Error("invalid response accepted")
			}
		})
	}
}

// TestWrongMethodMatchesErrorSchema: a method a documented path does not
// serve answers 405 with Allow, in the document's Error envelope with a
// code it lists. (The document has no operation to hang a 405 on, so the
// body is checked against the schema directly.)
func TestWrongMethodMatchesErrorSchema(t *testing.T) {
	t.Parallel()
	doc, _ := loadOpenAPI(t)
	e := newEnv(t)
	viewer := e.token(viewerEmail)
	schema := doc.Components.Schemas["Error"].Value
	for _, tc := range []struct {
		method, path, allow string
	}{
		{http.MethodDelete, "/api/v1/plans", "GET, HEAD"},
		{http.MethodPut, fmt.Sprintf("/api/v1/tasks/%d/progress", e.planTasks(t)[0].ID), "GET, HEAD, POST"},
		{http.MethodPost, "/api/v1/openapi.json", "GET, HEAD"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			res := e.do(request{Method: tc.method, Path: tc.path, Token: viewer})
			if res.Status != http.StatusMethodNotAllowed || res.Header.Get("Allow") != tc.allow {
				t.Fatalf("status %d, Allow %q; want 405 and %q", res.Status, res.Header.Get("Allow"), tc.allow)
			}
			var body any
			if err := json.Unmarshal(res.Body, &body); err != nil {
				t.Fatalf("body %q: %v", res.Body, err)
			}
			if err := schema.VisitJSON(body); err != nil {
				t.Errorf("405 body does not match the Error schema: %v\n%s", err, res.Body)
			}
		})
	}
}
