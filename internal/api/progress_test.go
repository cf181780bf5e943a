package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/plan"
)

// TestProgressDoneWhenRule checks who may record progress through the API:
// an agency officer only on the tasks its agency leads or supports, a viewer
// never, and that only accepted changes reach the audit log.
func TestProgressDoneWhenRule(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	finance := e.users[financeEmail]
	if finance.AgencyID == nil {
		t.Fatal("the finance officer has no agency")
	}
	agencyID := *finance.AgencyID

	var mine page[plan.Task]
	e.get(fmt.Sprintf("/api/v1/tasks?plan=%d&agency=%d", e.planID, agencyID), e.token(financeEmail)).
		must(t, http.StatusOK).decode(t, &mine)
	var leads, supports *plan.Task
	for i := range mine.Items {
		task := &mine.Items[i]
		switch {
		case slices.Contains(task.LeadIDs(), agencyID) && leads == nil:
			leads = task
		case slices.Contains(task.SupportIDs(), agencyID) && supports == nil:
			supports = task
		case !hasAgency(*task, agencyID):
			t.Errorf("agency filter returned %s, which Sở Tài chính neither leads nor supports", task.Code)
		}
	}
	if leads == nil || supports == nil {
		t.Fatalf("Sở Tài chính tasks %v: want one it leads and one it supports", codes(mine.Items))
	}
	var other *plan.Task
	for _, task := range e.planTasks(t) {
		if !hasAgency(task, agencyID) {
			other = &task
			break
		}
	}
	if other == nil {
		t.Fatal("every task involves Sở Tài chính")
	}

	var baseline page[audit.Entry]
	e.get("/api/v1/audit?entity=progress&per_page=1", e.token(adminEmail)).must(t, http.StatusOK).decode(t, &baseline)

	body := `{"status":"in_progress","percent":60,"note":"  Đã hoàn thành dự thảo báo cáo.  ","evidence_url":"https://hoptac.example/bc.pdf"}`
	tests := []struct {
		name   string
		email  string
		task   *plan.Task
		status int
	}{
		{"officer on a task its agency leads", financeEmail, leads, http.StatusCreated},
		{"officer on a task its agency supports", financeEmail, supports, http.StatusCreated},
		{"officer on another agency's task", financeEmail, other, http.StatusForbidden},
		{"other agency's officer on a finance task", agricultureEmail, leads, http.StatusForbidden},
		{"viewer on a finance task", viewerEmail, leads, http.StatusForbidden},
		{"viewer on another task", viewerEmail, other, http.StatusForbidden},
	}
	accepted := map[int64]plan.Progress{} // by progress id
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/tasks/%d", tc.task.ID)
			var before taskJSON
			e.get(path, e.token(tc.email)).must(t, http.StatusOK).decode(t, &before)

			res := e.post(path+"/progress", e.token(tc.email), body)
			var after taskJSON
			e.get(path, e.token(tc.email)).must(t, http.StatusOK).decode(t, &after)
			if tc.status != http.StatusCreated {
				res.apiErr(t, tc.status, "forbidden")
				if len(after.Progress) != len(before.Progress) || after.Recorded != before.Recorded {
					t.Errorf("a refused report changed the task: %d → %d entries, %q → %q",
						len(before.Progress), len(after.Progress), before.Recorded, after.Recorded)
				}
				return
			}
			var p plan.Progress
			res.must(t, http.StatusCreated).decode(t, &p)
			u := e.users[tc.email]
			if p.ID == 0 || p.TaskID != tc.task.ID || p.Status != plan.StatusInProgress ||
				p.Percent == nil || *p.Percent != 60 || p.Note != "Đã hoàn thành dự thảo báo cáo." ||
				p.EvidenceURL != "https://hoptac.example/bc.pdf" || p.UserID == nil || *p.UserID != u.ID ||
				p.UserName != u.Name || !p.CreatedAt.Equal(fixedNow) || p.FileID != nil || p.FileName != "" {
				t.Errorf("stored entry = %+v", p)
			}
			accepted[p.ID] = p
			if len(after.Progress) != len(before.Progress)+1 || after.Progress[0].ID != p.ID {
				t.Fatalf("task history after the report: %d entries (was %d), newest %+v", len(after.Progress), len(before.Progress), after.Progress)
			}
			if after.Recorded != plan.StatusInProgress || after.Percent == nil || *after.Percent != 60 {
				t.Errorf("task after the report: recorded %q percent %v, want in_progress 60", after.Recorded, after.Percent)
			}
		})
	}
	if len(accepted) != 2 {
		t.Fatalf("%d reports accepted, want 2", len(accepted))
	}

	t.Run("audit shows accepted changes only", func(t *testing.T) {
		var l page[audit.Entry]
		e.get("/api/v1/audit?entity=progress&per_page=500", e.token(adminEmail)).must(t, http.StatusOK).decode(t, &l)
		if l.Total != baseline.Total+len(accepted) {
			t.Errorf("progress audit entries: %d, want %d before + %d accepted", l.Total, baseline.Total, len(accepted))
		}
		for id, p := range accepted {
			var one page[audit.Entry]
			e.get(fmt.Sprintf("/api/v1/audit?entity=progress&entity_id=%d", id), e.token(adminEmail)).
				must(t, http.StatusOK).decode(t, &one)
			if one.Total != 1 || len(one.Items) != 1 {
				t.Fatalf("audit for progress %d: %d entries, want 1", id, one.Total)
			}
			a := one.Items[0]
			if a.Entity != "progress" || a.EntityID != id || a.Action != "create" || a.UserID == nil ||
				*a.UserID != e.users[financeEmail].ID || a.UserName != financeEmail || !a.At.Equal(fixedNow) {
				t.Errorf("audit entry = %+v", a)
			}
			var before struct {
				Status  plan.Status `json:"status"`
				Percent *int        `json:"percent"`
				DoneOn  *string     `json:"done_on"`
			}
			if err := json.Unmarshal(a.Before, &before); err != nil || before.Status == "" {
				t.Errorf("audit before = %s (%v), want the task's previous status", a.Before, err)
			}
			var after plan.Progress
			if err := json.Unmarshal(a.After, &after); err != nil || after.ID != id || after.TaskID != p.TaskID ||
				after.Percent == nil || *after.Percent != 60 || after.Note != p.Note {
				t.Errorf("audit after = %s (%v), want the stored entry %+v", a.After, err, p)
			}
		}
		for _, a := range l.Items {
			if a.UserID != nil && *a.UserID != e.users[financeEmail].ID {
				t.Errorf("audit has a progress entry by user %d (%s), whose reports were refused", *a.UserID, a.UserName)
			}
			if _, ok := accepted[a.EntityID]; !ok && a.UserID != nil {
				t.Errorf("audit has progress %d that the API did not accept", a.EntityID)
			}
		}
	})
}

const msgControl = "Có ký tự điều khiển hoặc ký tự ẩn không được phép (như ký tự NUL hay ký tự đảo chiều văn bản); hãy xóa rồi nhập lại."

// TestProgressRefusedInput: what the boundary and the progress rules
// refuse through the API is answered 422 with the field named in
// Vietnamese (413 past the body limit), and leaves the task as it was.
func TestProgressRefusedInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.token(financeEmail)
	var task *plan.Task
	for _, tk := range e.planTasks(t) {
		if slices.Contains(tk.LeadIDs(), *e.users[financeEmail].AgencyID) {
			task = &tk
			break
		}
	}
	if task == nil {
		t.Fatal("no task led by Sở Tài chính")
	}
	path := fmt.Sprintf("/api/v1/tasks/%d", task.ID)
	url := func(n int) string { return "https://a.vn/" + strings.Repeat("a", n-len("https://a.vn/")) }
	tests := []struct {
		name, body string
		status     int
		field, msg string // for 422
	}{
		{"NUL in note", `{"note":"Xong\u0000 rồi"}`, 422, "note", msgControl},
		{"RLO in note", `{"note":"Xem \u202Efdp.exe"}`, 422, "note", msgControl},
		{"escape in note", `{"note":"\u001b[2J"}`, 422, "note", msgControl},
		{"noncharacter in note", `{"note":"x\uFFFF"}`, 422, "note", msgControl},
		{"LRM in URL", `{"evidence_url":"https://a.vn/\u200Ex"}`, 422, "evidence_url", msgControl},
		{"URL one over the limit", `{"evidence_url":"` + url(plan.MaxURLLen+1) + `"}`, 422, "evidence_url",
			"Đường dẫn minh chứng dài tối đa 2.048 ký tự."},
		{"URL just under the body limit", `{"evidence_url":"` + url(1<<20-100) + `"}`, 422, "evidence_url",
			"Đường dẫn minh chứng dài tối đa 2.048 ký tự."},
		{"URL of 1 MB", `{"evidence_url":"` + url(1<<20) + `"}`, 413, "", ""},
		{"note over the limit", `{"note":"` + strings.Repeat("ữ", plan.MaxNoteLen+1) + `"}`, 422, "note",
			"Kết quả thực hiện dài tối đa 10.000 ký tự."},
		{"done at 0%", `{"status":"done","percent":0,"note":"Xong"}`, 422, "percent",
			"Nhiệm vụ đã hoàn thành thì tỷ lệ phải là 100% (để trống sẽ tự ghi 100%)."},
		{"not started at 100%", `{"status":"not_started","percent":100}`, 422, "percent",
			"Nhiệm vụ chưa triển khai thì tỷ lệ phải là 0% (để trống sẽ tự ghi 0%)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after taskJSON
			e.get(path, officer).must(t, http.StatusOK).decode(t, &before)
			res := e.post(path+"/progress", officer, tc.body)
			if tc.status == 413 {
				res.apiErr(t, 413, "too_large")
			} else {
				ae := res.apiErr(t, 422, "validation")
				if got := ae.Error.Fields[tc.field]; got != tc.msg {
					t.Errorf("fields %q: want %q on %s", ae.Error.Fields, tc.msg, tc.field)
				}
			}
			e.get(path, officer).must(t, http.StatusOK).decode(t, &after)
			if after.ProgressTotal != before.ProgressTotal || after.Recorded != before.Recorded {
				t.Errorf("a refused entry changed the task: %d → %d entries, %q → %q",
					before.ProgressTotal, after.ProgressTotal, before.Recorded, after.Recorded)
			}
		})
	}
	t.Run("percent follows the status", func(t *testing.T) {
		for _, tc := range []struct {
			body string
			want int
		}{{`{"status":"not_started","note":"Chưa"}`, 0}, {`{"status":"done","note":"Xong\r\nhết"}`, 100}} {
			var p plan.Progress
			e.post(path+"/progress", officer, tc.body).must(t, http.StatusCreated).decode(t, &p)
			if p.Percent == nil || *p.Percent != tc.want {
				t.Errorf("%s: percent %v, want %d", tc.body, p.Percent, tc.want)
			}
			if strings.Contains(p.Note, "\r") {
				t.Errorf("note %q keeps a carriage return", p.Note)
			}
		}
	})
}
