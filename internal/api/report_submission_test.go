package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReportThroughAPI: an officer opens its agency's 2025 report (due
// 15/12/2025, so sending it now is late), stores amounts in đồng; a line
// left without file_id keeps its evidence, null drops it, another file is
// refused; the sending is marked late; the coordinator returns it with a
// comment, and the history says so.
func TestReportThroughAPI(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	officer, coord := e.token(financeEmail), e.token(coordinatorEmail)
	financeID := *e.users[financeEmail].AgencyID
	var s report.Submission
	e.post("/api/v1/reports", officer, fmt.Sprintf(`{"plan_id":%d,"period":"2025","agency_id":%d}`, e.planID, financeID)).
		must(t, http.StatusOK).decode(t, &s)
	if s.State != report.Draft || s.AgencyID != financeID || s.Period != "2025" || len(s.Lines) == 0 {
		t.Fatalf("opened %+v", s)
	}
	var again report.Submission
	e.post("/api/v1/reports", officer, fmt.Sprintf(`{"plan_id":%d,"period":"2025","agency_id":%d}`, e.planID, financeID)).
		must(t, http.StatusOK).decode(t, &again)
	if again.ID != s.ID {
		t.Errorf("opening again gave report %d, not %d", again.ID, s.ID)
	}
	// Evidence attached through the form, and another agency's file.
	task := s.Lines[0].TaskID
	own := store.File{Name: "bien-ban.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 own")}
	foreign := store.File{Name: "khac.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 other")}
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.AttachReportFile(ctx, s.ID, task, &own); err != nil {
			return err
		}
		o, err := tx.OpenSubmission(ctx, e.planID, "2025", *e.users[agricultureEmail].AgencyID)
		if err != nil {
			return err
		}
		return tx.AttachReportFile(ctx, o.ID, o.Lines[0].TaskID, &foreign)
	})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/reports/%d", s.ID)
	put := func(body string) response {
		return e.do(request{Method: http.MethodPut, Path: path, Token: officer, Body: body})
	}
	put(fmt.Sprintf(`{"narrative":"Đã triển khai","lines":[{"task_id":%d,"budget_estimated":2000000000,"budget_spent":1234567,"budget_source":"state"}]}`, task)).
		must(t, http.StatusOK).decode(t, &s)
	l := s.Lines[0]
	if l.Estimated != 2_000_000_000 || l.Spent != 1_234_567 || l.Source != report.SourceState || l.FileID == nil || *l.FileID != own.ID {
		t.Errorf("stored line %+v: amounts, or the file kept when file_id is left out", l)
	}
	fe := put(fmt.Sprintf(`{"lines":[{"task_id":%d,"file_id":%d}]}`, task, foreign.ID)).apiErr(t, http.StatusUnprocessableEntity, "validation")
	if fe.Error.Fields["lines.1.file_id"] == "" {
		t.Errorf("another report's file: fields %v", fe.Error.Fields)
	}
	fe = put(fmt.Sprintf(`{"lines":[{"task_id":%d,"budget_spent":-5,"budget_source":"ngan-sach"}]}`, task)).apiErr(t, http.StatusUnprocessableEntity, "validation")
	if fe.Error.Fields["lines.1.budget_spent"] == "" || fe.Error.Fields["lines.1.budget_source"] == "" {
		t.Errorf("wrong amount and source: fields %v", fe.Error.Fields)
	}
	put(fmt.Sprintf(`{"narrative":"Đã triển khai","lines":[{"task_id":%d,"file_id":null}]}`, task)).must(t, http.StatusOK).decode(t, &s)
	if s.Lines[0].FileID != nil || s.Lines[0].Spent != 0 {
		t.Errorf("null file_id should drop the file, and the line is replaced: %+v", s.Lines[0])
	}

	e.post(path+"/submit", officer, "").must(t, http.StatusOK).decode(t, &s)
	if s.State != report.Submitted || !s.Late || s.FirstSentAt == nil {
		t.Errorf("sent after the due day: state %s, late %v", s.State, s.Late)
	}
	e.post(path+"/return", officer, `{"comment":"x"}`).apiErr(t, http.StatusForbidden, "forbidden")
	e.post(path+"/return", coord, `{"comment":"Thiếu số liệu giải ngân"}`).must(t, http.StatusOK).decode(t, &s)
	last := s.Events[len(s.Events)-1]
	if s.State != report.Returned || last.Action != report.Return || last.Comment != "Thiếu số liệu giải ngân" || last.UserName == "" {
		t.Errorf("returned: %s, last step %+v", s.State, last)
	}
}
