package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
)

// scheduleCases are the schedules' requests of TestResponsesMatchOpenAPI:
// the demo plan's yearly schedule read back, sent back unchanged with a
// new half-yearly one, and every refusal.
func scheduleCases(t *testing.T, e *env, tok registerTokens, officer string) []specCase {
	path := fmt.Sprintf("/api/v1/plans/%d/schedules", e.planID)
	var got struct {
		Schedules []report.Schedule `json:"schedules"`
	}
	e.get(path, tok.viewer).must(t, http.StatusOK).decode(t, &got)
	if len(got.Schedules) == 0 {
		t.Fatal("the demo plan has no schedule")
	}
	stored, err := json.Marshal(got.Schedules[0])
	if err != nil {
		t.Fatal(err)
	}
	yearly := string(stored)
	put := func(token, body string) request {
		return request{Method: "PUT", Path: path, Token: token, Body: body}
	}
	return []specCase{
		{"schedules", request{Path: path, Token: tok.viewer}, 200, reqValid},
		{"schedules officer", request{Path: path, Token: officer}, 200, reqValid},
		{"schedules cooperative", request{Path: path, Token: tok.coop}, 403, reqValid},
		{"schedules anonymous", request{Path: path}, 401, reqInvalid},
		{"schedules unknown plan", request{Path: "/api/v1/plans/999999/schedules", Token: tok.viewer}, 404, reqValid},
		{"put schedules", put(tok.coordinator, `{"schedules":[`+yearly+`,{"frequency":"half_yearly","include_support":true}]}`), 200, reqValid},
		{"put schedules drops one", put(tok.admin, `{"schedules":[{"frequency":"monthly"}]}`), 422, reqValid},
		{"put schedules bad cutoff", put(tok.admin, `{"schedules":[`+strings.Replace(yearly, `"cutoff":15`, `"cutoff":30`, 1)+`]}`), 422, reqInvalid},
		{"put schedules bad frequency", put(tok.admin, `{"schedules":[`+yearly+`,{"frequency":"weekly"}]}`), 422, reqInvalid},
		{"put schedules other plan's", put(tok.admin, `{"schedules":[`+yearly+`,{"id":999999,"frequency":"monthly"}]}`), 422, reqValid},
		{"put schedules unknown field", put(tok.admin, `{"schedules":[],"plan":1}`), 400, reqInvalid},
		{"put schedules malformed", put(tok.admin, `{"schedules":`), 400, reqInvalid},
		{"put schedules as viewer", put(tok.viewer, `{"schedules":[`+yearly+`]}`), 403, reqValid},
		{"put schedules as officer", put(officer, `{"schedules":[`+yearly+`]}`), 403, reqValid},
		{"put schedules anonymous", put("", `{"schedules":[`+yearly+`]}`), 401, reqInvalid},
		{"put schedules unknown plan", request{Method: "PUT", Path: "/api/v1/plans/999999/schedules", Token: tok.admin, Body: `{"schedules":[]}`}, 404, reqValid},
	}
}

// TestPutSchedulesAllOrNothing: a list with one bad schedule writes none,
// and names the item's field.
func TestPutSchedulesAllOrNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := fmt.Sprintf("/api/v1/plans/%d/schedules", e.planID)
	coordinator := e.token(coordinatorEmail)
	var before struct {
		Schedules []report.Schedule `json:"schedules"`
	}
	e.get(path, coordinator).must(t, http.StatusOK).decode(t, &before)
	y, _ := json.Marshal(before.Schedules[0])
	res := e.do(request{Method: "PUT", Path: path, Token: coordinator,
		Body: `{"schedules":[` + string(y) + `,{"frequency":"quarterly"},{"frequency":"monthly","cutoff":0}]}`})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "schedules.3.cutoff") {
		t.Fatalf("status %d, body %s", res.Status, res.Body)
	}
	var after struct {
		Schedules []report.Schedule `json:"schedules"`
	}
	e.get(path, coordinator).must(t, http.StatusOK).decode(t, &after)
	if len(after.Schedules) != len(before.Schedules) {
		t.Errorf("a refused list wrote %d schedules", len(after.Schedules)-len(before.Schedules))
	}
	// Changing the yearly schedule's due day shows in the tracking.
	before.Schedules[0].DueMD = "12-30"
	y, _ = json.Marshal(before.Schedules[0])
	res = e.do(request{Method: "PUT", Path: path, Token: coordinator, Body: `{"schedules":[` + string(y) + `]}`})
	if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `"due_md":"12-30"`) {
		t.Errorf("status %d, body %s", res.Status, res.Body)
	}
}
