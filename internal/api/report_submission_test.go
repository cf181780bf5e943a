package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
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
	put(wholeReport(t, s, func(l map[string]any) {
		if l["task_id"] == task {
			l["budget_estimated"], l["budget_spent"], l["budget_source"] = 2000000000, 1234567, "state"
			delete(l, "file_id")
		}
	})).must(t, http.StatusOK).decode(t, &s)
	l := s.Lines[0]
	if l.Estimated != 2_000_000_000 || l.Spent != 1_234_567 || l.Source != report.SourceState || l.FileID == nil || *l.FileID != own.ID {
		t.Errorf("stored line %+v: amounts, or the file kept when file_id is left out", l)
	}
	fe := put(wholeReport(t, s, func(l map[string]any) {
		if l["task_id"] == task {
			l["file_id"] = foreign.ID
		}
	})).apiErr(t, http.StatusUnprocessableEntity, "validation")
	if fe.Error.Fields["lines.1.file_id"] == "" {
		t.Errorf("another report's file: fields %v", fe.Error.Fields)
	}
	fe = put(wholeReport(t, s, func(l map[string]any) {
		if l["task_id"] == task {
			l["budget_spent"], l["budget_source"] = -5, "ngan-sach"
		}
	})).apiErr(t, http.StatusUnprocessableEntity, "validation")
	if fe.Error.Fields["lines.1.budget_spent"] == "" || fe.Error.Fields["lines.1.budget_source"] == "" {
		t.Errorf("wrong amount and source: fields %v", fe.Error.Fields)
	}
	put(wholeReport(t, s, func(l map[string]any) {
		if l["task_id"] == task {
			l["file_id"] = nil
		}
	})).must(t, http.StatusOK).decode(t, &s)
	if s.Lines[0].FileID != nil || s.Lines[0].Spent != 1_234_567 {
		t.Errorf("null file_id should drop the file and keep the line as sent: %+v", s.Lines[0])
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

// wholeReport is the body of a PUT that sends s back whole, as GET gives
// it, after edit has changed each line (a map of its JSON fields).
func wholeReport(t *testing.T, s report.Submission, edit func(line map[string]any)) string {
	t.Helper()
	lines := make([]map[string]any, len(s.Lines))
	for i, l := range s.Lines {
		lines[i] = map[string]any{"task_id": l.TaskID, "status": l.Status, "done": l.Done, "figures": l.Figures,
			"file_id": l.FileID, "budget_estimated": l.Estimated, "budget_allocated": l.Allocated,
			"budget_spent": l.Spent, "budget_source": string(l.Source)}
		if edit != nil {
			edit(lines[i])
		}
	}
	b, err := json.Marshal(map[string]any{"narrative": s.Narrative, "difficulties": s.Difficulties,
		"proposals": s.Proposals, "lines": lines})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPutReplacesTheWholeReport: PUT replaces the report, so a body that
// leaves out a text, a task's line or a field of a line is refused with
// each one named (the task by its code), and nothing is stored; a body
// sent back whole stores exactly what it says.
func TestPutReplacesTheWholeReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	officer := e.token(financeEmail)
	var s report.Submission
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(ctx, e.planID, "2026", *e.users[financeEmail].AgencyID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Lines) < 2 {
		t.Fatalf("Sở Tài chính's report has %d lines; the test needs two", len(s.Lines))
	}
	path := fmt.Sprintf("/api/v1/reports/%d", s.ID)
	put := func(body string) response {
		return e.do(request{Method: http.MethodPut, Path: path, Token: officer, Body: body})
	}
	first, second := s.Lines[0], s.Lines[1]
	var stored report.Submission
	put(wholeReport(t, s, func(l map[string]any) {
		l["budget_allocated"], l["budget_source"] = 500000, "local"
	})).must(t, http.StatusOK).decode(t, &stored)
	before := e.app.Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'report'")

	oneLine := func(body map[string]any) string {
		b, _ := json.Marshal(body)
		return string(b)
	}
	tests := []struct {
		name string
		body string
		want []string // fields named
	}{
		{"a task's line left out", oneLine(map[string]any{"narrative": "", "difficulties": "", "proposals": "",
			"lines": []any{map[string]any{"task_id": first.TaskID, "status": "", "done": "", "figures": "",
				"budget_estimated": 1, "budget_allocated": 0, "budget_spent": 0, "budget_source": ""}}}),
			[]string{"lines[" + second.TaskCode + "]"}},
		{"no lines at all", `{"narrative":"","difficulties":"","proposals":""}`, []string{"lines"}},
		{"an amount and a text left out", func() string {
			var m map[string]any
			_ = json.Unmarshal([]byte(wholeReport(t, stored, func(l map[string]any) {
				if l["task_id"] == second.TaskID {
					delete(l, "budget_spent")
				}
			})), &m)
			delete(m, "proposals")
			return oneLine(m)
		}(), []string{"lines.2.budget_spent", "proposals"}},
		{"a task twice", func() string {
			var m map[string]any
			_ = json.Unmarshal([]byte(wholeReport(t, stored, nil)), &m)
			lines := m["lines"].([]any)
			m["lines"] = append(lines, lines[0])
			return oneLine(m)
		}(), []string{fmt.Sprintf("lines.%d.task_id", len(stored.Lines)+1)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := put(tc.body).apiErr(t, http.StatusUnprocessableEntity, "validation")
			for _, f := range tc.want {
				if fe.Error.Fields[f] == "" {
					t.Errorf("field %s not named; fields %v", f, fe.Error.Fields)
				}
			}
			var now report.Submission
			e.get(path, officer).must(t, http.StatusOK).decode(t, &now)
			for i, l := range now.Lines {
				if l.Allocated != 500000 || l.Spent != stored.Lines[i].Spent || l.Source != report.SourceLocal {
					t.Errorf("a refused PUT changed line %d: %+v", i+1, l)
				}
			}
		})
	}
	if got := e.app.Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'report'"); got != before {
		t.Errorf("refused PUTs wrote %d audit entries", got-before)
	}
	if m := put(tests[0].body).Body; !strings.Contains(string(m), "PUT thay toàn bộ báo cáo") {
		t.Errorf("the missing line's message does not say PUT replaces the report: %s", m)
	}
}
