package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/url"
	"strings"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// reportIDs are the agencies' reports the report routes of the matrix act
// on. Each accepted step needs a report in the state it starts from, so
// the administrator and the coordinator each get their own.
type reportIDs struct {
	draft    int64 // Sở Tài chính's 2025 draft, with an evidence file on its first line
	file     int64
	fileTask int64                 // the task of the draft's line that holds file
	saveForm url.Values            // the draft's form as its page sends it
	putLines []map[string]any      // the draft's lines whole, as PUT /api/v1/reports/{id} replaces them
	review   map[string]int64      // role -> a sent report to accept on the page
	steps    map[string]roleReport // API action -> role -> report
	open     map[string]int64      // role -> an agency whose 2026 report it opens on the page
	openAPI  map[string][2]int64   // role -> agency and year of the report it opens through the API
}

type roleReport map[string]int64

// reportIDs makes the reports: Sở Tài chính's 2025 draft and 2024 draft
// (its officer sends that one through the API), and for each reviewing
// role one report of another agency per step, in the state the step
// starts from.
func (e *env) reportIDs(x *ids) {
	t, ctx := e.t, context.Background()
	st, err := e.db.ReportStatus(ctx, e.planID, "2025")
	if err != nil {
		t.Fatalf("report status: %v", err)
	}
	var others []int64 // 2025's expected agencies but the two officers'
	for _, r := range st.Rows {
		if r.AgencyID != e.financeID && r.AgencyID != e.agricultureID {
			others = append(others, r.AgencyID)
		}
	}
	if len(others) < 10 {
		t.Fatalf("the demo's 2025 expects %d other agencies, the matrix needs 10", len(others))
	}
	r := reportIDs{review: map[string]int64{}, steps: map[string]roleReport{}, open: map[string]int64{}, openAPI: map[string][2]int64{}}
	err = e.db.Update(ctx, func(tx *store.Tx) error {
		open := func(period string, agency int64, acts ...report.Action) (report.Submission, error) {
			s, err := tx.OpenSubmission(ctx, e.planID, period, agency)
			for _, a := range acts {
				if err == nil {
					s, err = tx.ActOnSubmission(ctx, s.ID, a, "")
				}
			}
			return s, err
		}
		d, err := open("2025", e.financeID)
		if err != nil {
			return err
		}
		f := store.File{Name: "minh-chung.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4\n%bao cao\n")}
		if err := tx.AttachReportFile(ctx, d.ID, d.Lines[0].TaskID, &f); err != nil {
			return err
		}
		r.draft, r.file, r.fileTask = d.ID, f.ID, d.Lines[0].TaskID
		r.saveForm = url.Values{"narrative": {"Đánh giá chung từ ma trận quyền"}}
		for i, l := range d.Lines {
			p := fmt.Sprintf("lines.%d.", i+1)
			r.saveForm.Set(p+"task_id", fmt.Sprint(l.TaskID))
			r.saveForm.Set(p+"budget_spent", "1.234.567")
			r.putLines = append(r.putLines, map[string]any{"task_id": l.TaskID, "status": "", "done": l.Done,
				"figures": "", "budget_estimated": 0, "budget_allocated": 0, "budget_spent": 1234567, "budget_source": ""})
		}
		f24, err := open("2024", e.financeID)
		if err != nil {
			return err
		}
		r.steps["submit"] = roleReport{roleAgency: f24.ID}
		for _, step := range []string{"accept", "return", "reopen"} {
			r.steps[step] = roleReport{}
		}
		next := others
		for _, role := range []string{roleAdmin, roleCoordinator} {
			take := func(acts ...report.Action) (int64, error) {
				s, err := open("2025", next[0], acts...)
				next = next[1:]
				return s.ID, err
			}
			var err error
			if r.review[role], err = take(report.Submit); err != nil {
				return err
			}
			if r.steps["submit"][role], err = take(); err != nil {
				return err
			}
			if r.steps["accept"][role], err = take(report.Submit); err != nil {
				return err
			}
			if r.steps["return"][role], err = take(report.Submit); err != nil {
				return err
			}
			if r.steps["reopen"][role], err = take(report.Submit, report.Accept); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reports for the matrix: %v", err)
	}
	// Opening: the reviewers open other agencies' reports; every officer
	// tries Sở Tài chính's.
	r.open[roleAdmin], r.open[roleCoordinator] = others[0], others[1]
	r.openAPI[roleAdmin], r.openAPI[roleCoordinator] = [2]int64{others[0], 2024}, [2]int64{others[1], 2024}
	for _, role := range []string{roleAnon, roleAgency, roleOther, roleViewer, roleCoop} {
		r.open[role], r.openAPI[role] = e.financeID, [2]int64{e.financeID, 2027}
	}
	x.reports = r
}

// reportExpectations are the matrix rows of the report form, the review
// and their API.
func (e *env) reportExpectations() map[string][]call {
	// Who reads a report: all but the other agency's officer and the
	// cooperative; who writes it: its officer and the reviewers; who
	// reviews: the coordinator and the administrator.
	readsPage := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: forbidden, roleViewer: ok, roleCoop: forbidden}
	readsAPI := byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: forbidden, roleViewer: ok, roleCoop: forbidden}
	writesPage := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: see, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	writesAPI := byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	reviews := func(status int) byRole {
		return byRole{roleAnon: unauth, roleAdmin: status, roleCoordinator: status, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	}
	rolePick := func(m map[string]int64, role string) int64 {
		if id, ok := m[role]; ok {
			return id
		}
		return m[roleAdmin]
	}
	draft := func(suffix string) func(ids) string {
		return func(x ids) string { return fmt.Sprintf("/reports/%d%s", x.reports.draft, suffix) }
	}
	jsonBody := func(v any) (io.Reader, string) {
		b, _ := json.Marshal(v)
		return strings.NewReader(string(b)), "application/json"
	}
	step := func(action string, comment string) call {
		return call{name: action, writes: true, want: map[bool]byRole{true: writesAPI, false: reviews(ok)}[action == "submit"],
			path: func(x ids) string {
				return fmt.Sprintf("/api/v1/reports/%d/%s", x.reports.steps[action][roleAdmin], action)
			},
			rolePath: func(x ids, role string) string {
				return fmt.Sprintf("/api/v1/reports/%d/%s", rolePick(x.reports.steps[action], role), action)
			},
			body: func(ids, string) (io.Reader, string) { return jsonBody(map[string]string{"comment": comment}) }}
	}
	return map[string][]call{
		"POST /plans/{id}/reports/open": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/reports/open", x.plan) },
			want: writesPage, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return form(url.Values{"period": {"2026"}, "agency": {fmt.Sprint(x.reports.open[role])}})
			}}},
		"GET /reports/{id}": {{path: draft(""), want: readsPage}},
		"POST /reports/{id}": {{path: draft(""), want: writesPage, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				v := url.Values{}
				for k, vs := range x.reports.saveForm {
					v[k] = vs
				}
				v.Set("proposals", "Đề xuất của "+role)
				return form(v)
			}}},
		"POST /reports/{id}/review": {{want: reviews(see), writes: true,
			path: func(x ids) string { return fmt.Sprintf("/reports/%d/review", x.reports.review[roleAdmin]) },
			rolePath: func(x ids, role string) string {
				return fmt.Sprintf("/reports/%d/review", rolePick(x.reports.review, role))
			},
			body: func(ids, string) (io.Reader, string) { return form(url.Values{"action": {"accept"}}) }}},
		"GET /reports/{id}/files/{file}": {{want: readsPage,
			path: func(x ids) string { return fmt.Sprintf("/reports/%d/files/%d", x.reports.draft, x.reports.file) }}},
		"POST /api/v1/reports": {{path: fixed("/api/v1/reports"), want: writesAPI, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				a := x.reports.openAPI[role]
				return jsonBody(map[string]any{"plan_id": x.plan, "period": fmt.Sprint(a[1]), "agency_id": a[0]})
			}}},
		"GET /api/v1/reports/{id}": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/reports/%d", x.reports.draft) }, want: readsAPI}},
		"PUT /api/v1/reports/{id}": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/reports/%d", x.reports.draft) },
			want: writesAPI, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return jsonBody(map[string]any{"narrative": "Qua API: " + role, "difficulties": "", "proposals": "",
					"lines": x.reports.putLines})
			}}},
		"POST /api/v1/reports/{id}/lines/{task}/evidence": {{writes: true,
			want: byRole{roleAnon: unauth, roleAdmin: created, roleCoordinator: created, roleAgency: created, roleOther: forbidden,
				roleViewer: forbidden, roleCoop: forbidden},
			path: func(x ids) string {
				return fmt.Sprintf("/api/v1/reports/%d/lines/%d/evidence", x.reports.draft, x.reports.fileTask)
			},
			body: func(_ ids, role string) (io.Reader, string) {
				var buf strings.Builder
				w := multipart.NewWriter(&buf)
				fw, _ := w.CreateFormFile("file", "minh-chung-"+role+".pdf")
				_, _ = io.WriteString(fw, "%PDF-1.4\n%minh chung qua API cua "+role+"\n")
				_ = w.Close()
				return strings.NewReader(buf.String()), w.FormDataContentType()
			}}},
		"GET /api/v1/reports/{id}/lines/{task}/evidence": {{want: readsAPI,
			path: func(x ids) string {
				return fmt.Sprintf("/api/v1/reports/%d/lines/%d/evidence", x.reports.draft, x.reports.fileTask)
			}}},
		"POST /api/v1/reports/{id}/{action}": {step("submit", ""), step("accept", ""), step("return", "Thiếu số liệu"),
			step("reopen", "Sai nguồn kinh phí")},
	}
}
