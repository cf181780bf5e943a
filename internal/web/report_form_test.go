package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
)

// reportForm sends the report form as a browser does: fields, and files
// keyed by their field name.
func (e *env) reportForm(c *http.Client, path string, fields map[string]string, files map[string][]byte) (*http.Response, string) {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			e.t.Fatal(err)
		}
	}
	for k, data := range files {
		fw, err := w.CreateFormFile(k, "bien-ban.pdf")
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		e.t.Fatal(err)
	}
	return e.a().Do(c, http.MethodPost, path, io.Reader(&buf), w.FormDataContentType(), nil)
}

// openReport opens the finance department's 2026 report from the
// tracking page's button and returns its path.
func (e *env) openReport(c *http.Client) string {
	e.t.Helper()
	resp, body := e.postForm(c, pathf("/plans/%d/reports/open", e.planID),
		url.Values{"period": {"2026"}, "agency": {fmt.Sprint(e.financeID)}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/reports/\d+$`).MatchString(loc) {
		e.t.Fatalf("open report: %d to %q\n%.500s", resp.StatusCode, loc, body)
	}
	return loc
}

// submission reads the report behind a page path.
func (e *env) submission(path string) report.Submission {
	e.t.Helper()
	var id int64
	if _, err := fmt.Sscanf(path, "/reports/%d", &id); err != nil {
		e.t.Fatalf("report path %q: %v", path, err)
	}
	s, err := e.db.Submission(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// lineFields are the form's fields of every line of s, as stored.
func lineFields(s report.Submission) map[string]string {
	out := map[string]string{"narrative": s.Narrative, "difficulties": s.Difficulties, "proposals": s.Proposals}
	for i, l := range s.Lines {
		p := fmt.Sprintf("lines.%d.", i+1)
		out[p+"task_id"], out[p+"status"], out[p+"done"] = fmt.Sprint(l.TaskID), l.Status, l.Done
		out[p+"figures"], out[p+"budget_source"] = l.Figures, string(l.Source)
		out[p+"budget_estimated"], out[p+"budget_allocated"] = fmt.Sprint(l.Estimated), fmt.Sprint(l.Allocated)
		out[p+"budget_spent"] = fmt.Sprint(l.Spent)
	}
	return out
}

// TestReportForm: the officer's draft is prefilled from the progress it
// recorded in the period; amounts typed the Vietnamese way are stored as
// đồng and a wrong one is named with its task and field, nothing stored;
// evidence is served only to who may read the report; a sent report is
// read only; only its own agency (or the coordinator) writes it.
func TestReportForm(t *testing.T) {
	e := newEnv(t)
	officer, other := e.login(financeEmail), e.login(agricultureEmail)
	own := e.taskByCode("II.2") // led by Sở Tài chính
	resp, _ := e.postMultipart(officer, pathf("/tasks/%d/progress", own.ID),
		map[string]string{"status": "in_progress", "note": "Đã giải ngân 2 tỷ đồng cho 4 hợp tác xã"}, "", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("progress: %d", resp.StatusCode)
	}
	tracking := e.page(officer, pathf("/plans/%d/reports?period=2026", e.planID))
	if !strings.Contains(tracking, `action="/plans/`+fmt.Sprint(e.planID)+`/reports/open"`) {
		t.Error("the tracking page offers the officer no button to write its report")
	}
	if resp, _ := e.postForm(other, pathf("/plans/%d/reports/open", e.planID),
		url.Values{"period": {"2026"}, "agency": {fmt.Sprint(e.financeID)}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another agency's officer opened Sở Tài chính's report: %d", resp.StatusCode)
	}
	path := e.openReport(officer)
	s := e.submission(path)
	if !strings.Contains(e.page(officer, pathf("/plans/%d/reports?period=2026", e.planID)), `href="`+path+`"`) {
		t.Error("the tracking page does not link the opened report")
	}
	n := 0
	for i, l := range s.Lines {
		if l.TaskID == own.ID {
			n = i + 1
		}
	}
	if n == 0 || !strings.HasSuffix(s.Lines[n-1].Done, "\nĐã giải ngân 2 tỷ đồng cho 4 hợp tác xã") {
		t.Fatalf("II.2 not prefilled from its progress: %+v", s.Lines)
	}
	body := e.page(officer, path)
	if !strings.Contains(body, "Đã giải ngân 2 tỷ đồng cho 4 hợp tác xã</textarea>") || !strings.Contains(body, `id="report-save"`) {
		t.Error("the form does not show the prefilled draft")
	}
	p := fmt.Sprintf("lines.%d.", n)

	fields := lineFields(s)
	fields["narrative"] = "Hoàn thành cơ bản các nhiệm vụ"
	fields[p+"budget_estimated"], fields[p+"budget_spent"] = "2.000.000.000", "1,5"
	audits := e.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'report'")
	resp, body = e.reportForm(officer, path, fields, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad amount: %d", resp.StatusCode)
	}
	want := "Nhiệm vụ II.2 – Kinh phí đã giải ngân (đồng): Hãy nhập một số nguyên"
	if !strings.Contains(body, want) || !strings.Contains(body, "Hoàn thành cơ bản các nhiệm vụ</textarea>") ||
		!strings.Contains(body, `value="2.000.000.000"`) {
		t.Errorf("refused form lacks %q or what was typed:\n%s", want, body)
	}
	if e.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'report'") != audits {
		t.Error("a refused form changed the report")
	}

	fields[p+"budget_spent"], fields[p+"budget_allocated"], fields[p+"budget_source"] = "1.234.567", "1 500 000 000", "local"
	pdf := []byte("%PDF-1.4\n%bao cao ky 2026\n")
	resp, body = e.reportForm(officer, path, fields, map[string][]byte{p + "file": pdf})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.800s", resp.StatusCode, body)
	}
	s = e.submission(path)
	l := s.Lines[n-1]
	if l.Estimated != 2_000_000_000 || l.Allocated != 1_500_000_000 || l.Spent != 1_234_567 || l.Source != report.SourceLocal ||
		l.FileID == nil || s.Narrative != "Hoàn thành cơ bản các nhiệm vụ" || s.State != report.Draft {
		t.Fatalf("saved %+v, line %+v", s, l)
	}
	file := pathf("%s/files/%d", path, *l.FileID)
	if resp, got := e.get(officer, file); resp.StatusCode != http.StatusOK || got != string(pdf) ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("evidence as its officer: %d %q", resp.StatusCode, got)
	}
	for _, pth := range []string{path, file} {
		if resp, _ := e.get(other, pth); resp.StatusCode != http.StatusForbidden {
			t.Errorf("another agency's officer reads %s: %d", pth, resp.StatusCode)
		}
	}
	if resp, _ := e.reportForm(other, path, lineFields(s), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another agency's officer saved the report: %d", resp.StatusCode)
	}
	if resp, _ := e.reportForm(e.login(viewerEmail), path, lineFields(s), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the leader saved the report: %d", resp.StatusCode)
	}

	// Saving again without a file keeps the evidence; sending locks the form.
	fields = lineFields(s)
	fields["action"] = "submit"
	if resp, body := e.reportForm(officer, path, fields, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%.500s", resp.StatusCode, body)
	}
	s = e.submission(path)
	if s.State != report.Submitted || s.Lines[n-1].FileID == nil || s.Late {
		t.Errorf("after sending: %s, line %+v, late %v", s.State, s.Lines[n-1], s.Late)
	}
	body = e.page(officer, path)
	if strings.Contains(body, `id="report-form"`) || strings.Contains(body, `id="report-review"`) ||
		!strings.Contains(body, "1.234.567") || !strings.Contains(body, "Đã gửi báo cáo đến cơ quan đầu mối.") {
		t.Error("a sent report is not read only for its officer, or lacks its figures or the message")
	}
	if resp, _ := e.reportForm(officer, path, lineFields(s), nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("saving a sent report: %d", resp.StatusCode)
	}

	// 2025's report was due on 15/12/2025: it is still taken, marked late.
	resp, _ = e.postForm(officer, pathf("/plans/%d/reports/open", e.planID),
		url.Values{"period": {"2025"}, "agency": {fmt.Sprint(e.financeID)}})
	late := resp.Header.Get("Location")
	fields = lineFields(e.submission(late))
	fields["action"] = "submit"
	if resp, _ := e.reportForm(officer, late, fields, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("late submit: %d", resp.StatusCode)
	}
	if body := e.page(officer, late); !strings.Contains(body, "gửi sau hạn nộp nên được đánh dấu chậm hạn") ||
		!strings.Contains(body, `id="report-late"`) || !e.submission(late).Late {
		t.Error("a late report is not marked late")
	}
}
