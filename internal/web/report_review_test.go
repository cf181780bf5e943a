package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
)

// TestReportReview: the coordinator returns a sent report only with a
// comment, accepts the resubmitted one, which locks it, and reopens it
// only with a reason; each step is in the history; the leader reads the
// report without the review, and may not take a step.
func TestReportReview(t *testing.T) {
	e := newEnv(t)
	officer, coord, viewer := e.login(financeEmail), e.login(coordinatorEmail), e.login(viewerEmail)
	path := e.openReport(officer)
	send := func() {
		t.Helper()
		fields := lineFields(e.submission(path))
		fields["action"] = "submit"
		if resp, body := e.reportForm(officer, path, fields, nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d\n%.500s", resp.StatusCode, body)
		}
	}
	review := func(c *http.Client, action, comment string, want int) string {
		t.Helper()
		resp, body := e.postForm(c, path+"/review", url.Values{"action": {action}, "comment": {comment}})
		if resp.StatusCode != want {
			t.Fatalf("%s: %d, want %d\n%.500s", action, resp.StatusCode, want, body)
		}
		return body
	}
	send()
	if body := e.page(viewer, path); strings.Contains(body, `id="report-review"`) || !strings.Contains(body, "Sở Tài chính") {
		t.Error("the leader sees the review, or not the report")
	}
	review(viewer, "accept", "", http.StatusForbidden)
	review(officer, "accept", "", http.StatusForbidden)
	if body := e.page(coord, path); !strings.Contains(body, `id="report-accept"`) || !strings.Contains(body, `id="report-return"`) {
		t.Error("the coordinator's page lacks the review buttons")
	}
	body := review(coord, "return", "  ", http.StatusUnprocessableEntity)
	if fieldError(body, "comment") != "Trường này không được để trống." {
		t.Errorf("returning without a comment: %q", fieldError(body, "comment"))
	}
	review(coord, "return", "Bổ sung số liệu giải ngân quý IV", http.StatusSeeOther)
	if s := e.submission(path); s.State != report.Returned {
		t.Fatalf("returned: %s", s.State)
	}
	if body := e.page(officer, path); !strings.Contains(body, "Bổ sung số liệu giải ngân quý IV") || !strings.Contains(body, `id="report-form"`) {
		t.Error("the officer does not see the comment, or cannot correct the returned report")
	}
	send()
	review(coord, "accept", "", http.StatusSeeOther)
	s := e.submission(path)
	if s.State != report.Accepted {
		t.Fatalf("accepted: %s", s.State)
	}
	if body := e.page(officer, path); strings.Contains(body, `id="report-form"`) || !strings.Contains(body, "không sửa được") {
		t.Error("an accepted report is not read only")
	}
	if resp, _ := e.reportForm(officer, path, lineFields(s), nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("saving an accepted report: %d", resp.StatusCode)
	}
	review(coord, "return", "x", http.StatusConflict)
	body = review(coord, "reopen", "", http.StatusUnprocessableEntity)
	if fieldError(body, "comment") == "" {
		t.Error("reopening without a reason names no field")
	}
	review(coord, "reopen", "Sai nguồn kinh phí", http.StatusSeeOther)
	review(coord, "delete", "", http.StatusBadRequest)
	s = e.submission(path)
	var steps []string
	for _, ev := range s.Events {
		steps = append(steps, string(ev.Action)+":"+ev.Comment)
	}
	if got := strings.Join(steps, ","); got != "open:,submit:,return:Bổ sung số liệu giải ngân quý IV,submit:,accept:,reopen:Sai nguồn kinh phí" {
		t.Errorf("history %s", got)
	}
	if s.State != report.Returned {
		t.Errorf("reopened to %s", s.State)
	}
	if body := e.page(viewer, path); !strings.Contains(body, "Sai nguồn kinh phí") {
		t.Error("the history on the page lacks the reason")
	}
}
