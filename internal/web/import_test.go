package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
)

var pendingField = regexp.MustCompile(`name="pending" value="([^"]*)"`)

// A coordinator uploads the Word file of a plan, sees every task beside its
// source line, fixes one task's lead agency and confirms; the plan is stored
// with the fix. Until then nothing is stored.
func TestImportReviewAndConfirm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	plansBefore := e.count("SELECT COUNT(*) FROM plans")

	resp, body := e.postMultipart(c, "/plans/import", nil, "002_b020f26e05120408.docx",
		seeds.Read(t, "002_b020f26e05120408.docx"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("read: %d\n%.500s", resp.StatusCode, body)
	}
	if n := strings.Count(body, `class="review-task"`); n != 18 {
		t.Errorf("review shows %d tasks, want 18", n)
	}
	if !strings.Contains(body, "Dòng ") || !strings.Contains(body, "Sở Lao động, Thương binh và Xã hội") {
		t.Error("review lacks source lines or the agencies read")
	}
	if e.count("SELECT COUNT(*) FROM plans") != plansBefore {
		t.Fatal("reading the document stored a plan")
	}
	m := pendingField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("review form carries no pending import")
	}
	if strings.Contains(body, `name="result"`) {
		t.Error("review form still carries the parse result for the browser to send back")
	}
	pending := html.UnescapeString(m[1])

	// Without a title (seed 002 has no number either) the plan cannot be
	// stored: the review comes back with the message beside the title.
	resp, body = e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}, "doc.title": {""}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, "title"), "không được để trống") {
		t.Fatalf("confirm without title: %d, title error %q", resp.StatusCode, fieldError(body, "title"))
	}
	if e.count("SELECT COUNT(*) FROM plans") != plansBefore {
		t.Fatal("a refused confirm stored a plan")
	}

	resp, body = e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending},
		"doc.title": {"Kế hoạch hành động thực hiện Kế hoạch 204-KH/TU"}, "t0.0.lead": {"Sở Khoa học và Công nghệ"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.500s", resp.StatusCode, body)
	}
	page := text(e.page(c, resp.Header.Get("Location")))
	if !strings.Contains(page, "Kế hoạch hành động thực hiện Kế hoạch 204-KH/TU") || !strings.Contains(page, "18 nhiệm vụ") {
		t.Errorf("imported plan page: %.400s", page)
	}
	lead := e.count(`SELECT COUNT(*) FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
		JOIN agencies a ON a.id = ta.agency_id WHERE t.code = 'I.1' AND a.name = 'Sở Khoa học và Công nghệ'
		AND t.plan_id = (SELECT MAX(id) FROM plans)`)
	if lead != 1 {
		t.Error("the corrected lead agency of I.1 was not stored")
	}
}

func TestImportRefusesJunkAndOtherRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	resp, body := e.postMultipart(e.login(coordinatorEmail), "/plans/import", nil, "plan.txt", []byte("\x00\x01\x02\x03\x04junk\x00\x00"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, "file"), "nhị phân") {
		t.Errorf("binary upload: %d, file error %q", resp.StatusCode, fieldError(body, "file"))
	}
	resp, _ = e.postMultipart(e.login(financeEmail), "/plans/import", nil, "plan.txt", []byte("KẾ HOẠCH"))
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("agency officer reading a plan: %d, want 403", resp.StatusCode)
	}
}
