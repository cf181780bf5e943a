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
	first := s.Lines[0].TaskID
	line := wholeReport(t, s, func(l map[string]any) {
		if l["task_id"] == first {
			l["budget_spent"], l["budget_source"] = 1234567, "local"
		}
	})
	negative := wholeReport(t, s, func(l map[string]any) { l["budget_spent"] = -1 })
	noField := wholeReport(t, s, func(l map[string]any) { delete(l, "budget_allocated") })
	noLine := fmt.Sprintf(`{"narrative":"","difficulties":"","proposals":"","lines":[{"task_id":%d,"status":"","done":"",`+
		`"figures":"","budget_estimated":0,"budget_allocated":0,"budget_spent":0,"budget_source":""}]}`, first)
	evidence := fmt.Sprintf("%s/lines/%d/evidence", path, first)
	pdf, pdfHeader := evidenceBody(t, "bien-ban.pdf", []byte("%PDF-1.4\n%minh chung\n"))
	exe, exeHeader := evidenceBody(t, "bien-ban.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"))
	big, bigHeader := evidenceBody(t, "lon.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 10<<20)...))
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
		{"put report without a field", request{Method: "PUT", Path: path, Token: officer, Body: noField}, 422, reqInvalid},
		{"put report without a task's line", request{Method: "PUT", Path: path, Token: officer, Body: noLine}, 422, reqValid},
		{"put report malformed", request{Method: "PUT", Path: path, Token: officer, Body: `{"lines":`}, 400, reqInvalid},
		{"put report as leader", request{Method: "PUT", Path: path, Token: viewer, Body: line}, 403, reqValid},
		{"put report unknown", request{Method: "PUT", Path: "/api/v1/reports/999999", Token: officer, Body: line}, 404, reqAny},
		{"put report anonymous", request{Method: "PUT", Path: path, Body: line}, 401, reqInvalid},
		{"upload evidence", request{Method: "POST", Path: evidence, Token: officer, Body: pdf, Header: pdfHeader}, 201, reqValid},
		{"upload evidence not a file type", request{Method: "POST", Path: evidence, Token: officer, Body: exe, Header: exeHeader}, 422, reqValid},
		{"upload evidence as another agency", request{Method: "POST", Path: evidence, Token: other, Body: pdf, Header: pdfHeader}, 403, reqValid},
		{"upload evidence anonymous", request{Method: "POST", Path: evidence, Body: pdf, Header: pdfHeader}, 401, reqInvalid},
		{"upload evidence not multipart", request{Method: "POST", Path: evidence, Token: officer, Body: `{"file":"x"}`}, 400, reqInvalid},
		{"upload evidence to no line", request{Method: "POST", Path: fmt.Sprintf("%s/lines/999999/evidence", path), Token: officer,
			Body: pdf, Header: pdfHeader}, 404, reqValid},
		{"upload evidence too large", request{Method: "POST", Path: evidence, Token: officer, Body: big, Header: bigHeader}, 413, reqValid},
		{"evidence anonymous", request{Path: evidence}, 401, reqInvalid},
		{"evidence", request{Path: evidence, Token: viewer}, 200, reqValid},
		{"evidence of another agency", request{Path: evidence, Token: other}, 403, reqValid},
		{"evidence of no line", request{Path: fmt.Sprintf("%s/lines/999999/evidence", path), Token: officer}, 404, reqValid},
		{"return a draft", request{Method: "POST", Path: path + "/return", Token: coord, Body: `{"comment":"x"}`}, 409, reqValid},
		{"submit report", request{Method: "POST", Path: path + "/submit", Token: officer}, 200, reqValid},
		{"upload evidence to a sent report", request{Method: "POST", Path: evidence, Token: officer, Body: pdf, Header: pdfHeader}, 409, reqValid},
		{"put sent report", request{Method: "PUT", Path: path, Token: officer, Body: line}, 409, reqValid},
		{"return without comment", request{Method: "POST", Path: path + "/return", Token: coord, Body: `{"comment":" "}`}, 422, reqValid},
		{"accept as officer", request{Method: "POST", Path: path + "/accept", Token: officer}, 403, reqValid},
		{"unknown step", request{Method: "POST", Path: path + "/delete", Token: coord}, 404, reqInvalid},
		{"return report", request{Method: "POST", Path: path + "/return", Token: coord, Body: `{"comment":"Thiếu số liệu giải ngân"}`}, 200, reqValid},
		{"step on unknown report", request{Method: "POST", Path: "/api/v1/reports/999999/submit", Token: officer}, 404, reqAny},
		{"step anonymous", request{Method: "POST", Path: path + "/submit"}, 401, reqInvalid},
	}
}
