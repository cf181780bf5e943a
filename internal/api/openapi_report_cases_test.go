package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// reportCases are the report form's requests of TestResponsesMatchOpenAPI,
// in order: Sở Tài chính's 2026 report is opened, written, refused when
// wrong, sent, and returned by the coordinator.
func reportCases(t *testing.T, e *env) []specCase {
	ctx := context.Background()
	financeID := *e.users[financeEmail].AgencyID
	var s report.Submission
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(ctx, e.planID, "2026", financeID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	officer, other, viewer, coord := e.token(financeEmail), e.token(agricultureEmail), e.token(viewerEmail), e.token(coordinatorEmail)
	path := fmt.Sprintf("/api/v1/reports/%d", s.ID)
	open := func(plan int64, period string) string {
		return fmt.Sprintf(`{"plan_id":%d,"period":%q,"agency_id":%d}`, plan, period, financeID)
	}
	line := fmt.Sprintf(`{"narrative":"Đã triển khai","lines":[{"task_id":%d,"budget_spent":1234567,"budget_source":"local"}]}`, s.Lines[0].TaskID)
	negative := fmt.Sprintf(`{"lines":[{"task_id":%d,"budget_spent":-1}]}`, s.Lines[0].TaskID)
	return []specCase{
		{"open report", request{Method: "POST", Path: "/api/v1/reports", Token: officer, Body: open(e.planID, "2026")}, 200, reqValid},
		{"open report malformed", request{Method: "POST", Path: "/api/v1/reports", Token: officer, Body: `{"plan_id":`}, 400, reqInvalid},
		{"open report bad period", request{Method: "POST", Path: "/api/v1/reports", Token: officer, Body: open(e.planID, "2026-W1")}, 422, reqValid},
		{"open report unknown plan", request{Method: "POST", Path: "/api/v1/reports", Token: officer, Body: open(999999, "2026")}, 404, reqValid},
		{"open report as viewer", request{Method: "POST", Path: "/api/v1/reports", Token: viewer, Body: open(e.planID, "2026")}, 403, reqValid},
		{"open report anonymous", request{Method: "POST", Path: "/api/v1/reports", Body: open(e.planID, "2026")}, 401, reqInvalid},
		{"report", request{Path: path, Token: officer}, 200, reqValid},
		{"report as leader", request{Path: path, Token: viewer}, 200, reqValid},
		{"report of another agency", request{Path: path, Token: other}, 403, reqValid},
		{"report unknown", request{Path: "/api/v1/reports/999999", Token: viewer}, 404, reqAny},
		{"report anonymous", request{Path: path}, 401, reqInvalid},
		{"put report", request{Method: "PUT", Path: path, Token: officer, Body: line}, 200, reqValid},
		{"put report negative amount", request{Method: "PUT", Path: path, Token: officer, Body: negative}, 422, reqInvalid},
		{"put report malformed", request{Method: "PUT", Path: path, Token: officer, Body: `{"lines":`}, 400, reqInvalid},
		{"put report as leader", request{Method: "PUT", Path: path, Token: viewer, Body: line}, 403, reqValid},
		{"put report unknown", request{Method: "PUT", Path: "/api/v1/reports/999999", Token: officer, Body: line}, 404, reqAny},
		{"put report anonymous", request{Method: "PUT", Path: path, Body: line}, 401, reqInvalid},
		{"return a draft", request{Method: "POST", Path: path + "/return", Token: coord, Body: `{"comment":"x"}`}, 409, reqValid},
		{"submit report", request{Method: "POST", Path: path + "/submit", Token: officer}, 200, reqValid},
		{"put sent report", request{Method: "PUT", Path: path, Token: officer, Body: line}, 409, reqValid},
		{"return without comment", request{Method: "POST", Path: path + "/return", Token: coord, Body: `{"comment":" "}`}, 422, reqValid},
		{"accept as officer", request{Method: "POST", Path: path + "/accept", Token: officer}, 403, reqValid},
		{"unknown step", request{Method: "POST", Path: path + "/delete", Token: coord}, 404, reqInvalid},
		{"return report", request{Method: "POST", Path: path + "/return", Token: coord, Body: `{"comment":"Thiếu số liệu giải ngân"}`}, 200, reqValid},
		{"step on unknown report", request{Method: "POST", Path: "/api/v1/reports/999999/submit", Token: officer}, 404, reqAny},
		{"step anonymous", request{Method: "POST", Path: path + "/submit"}, 401, reqInvalid},
	}
}
