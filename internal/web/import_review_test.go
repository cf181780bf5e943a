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

// taskRowRE cuts the review table into task rows: id and HTML.
var taskRowRE = regexp.MustCompile(`(?s)<tr class="review-task" id="(task-\d+-\d+)">(.*?)</tr>`)

// The review of seed 002 is one table: a row per task with its code, its
// fields as inputs, and the source line it was read from beside them.
func TestImportReviewTable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	resp, body := e.postMultipart(c, "/plans/import", nil, "002_b020f26e05120408.docx", seeds.Read(t, "002_b020f26e05120408.docx"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("read: %d\n%.500s", resp.StatusCode, body)
	}
	rows := taskRowRE.FindAllStringSubmatch(body, -1)
	if len(rows) != 18 {
		t.Fatalf("review table has %d task rows, want 18", len(rows))
	}
	if n := strings.Count(body, `<tr class="group"`); n != 5 {
		t.Errorf("review table has %d group rows, want 5", n)
	}
	for _, r := range rows {
		row := html.UnescapeString(r[2])
		for _, field := range []string{"content", "lead", "support", "timeframe"} {
			if !regexp.MustCompile(`name="t\d+\.\d+\.` + field + `"`).MatchString(row) {
				t.Errorf("row %s has no %s field", r[1], field)
			}
		}
		src := regexp.MustCompile(`(?s)<td class="source">(.*?)</td>`).FindStringSubmatch(row)
		content := regexp.MustCompile(`(?s)\.content"[^>]*>([^<]*)</textarea>`).FindStringSubmatch(row)
		if src == nil || content == nil || !strings.Contains(src[1], "Dòng ") {
			t.Fatalf("row %s lacks its source line or content:\n%.600s", r[1], row)
		}
		if first := strings.Fields(content[1]); len(first) < 4 || !strings.Contains(tagless(src[1]), strings.Join(first[:4], " ")) {
			t.Errorf("row %s: source %.200q does not hold the content %.60q", r[1], tagless(src[1]), content[1])
		}
	}
	// II.4 is seed 002's fifth task row: its source names its own line.
	if !strings.Contains(html.UnescapeString(rows[5][2]), "Dòng 44") || !strings.Contains(rows[5][2], ">II.4") {
		t.Errorf("row II.4 does not show line 44:\n%.400s", rows[5][2])
	}
	if strings.Contains(body, `class="warnings checks"`) {
		t.Error("seed 002 is read without problems, yet the review lists some")
	}
}

func tagless(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " "))), " ")
}

// What the coordinator should look at is listed above the table, each
// line linking to its row: an agency nobody knows, a lead left empty, a
// timeframe not understood, and a group whose count differs from what
// the text declares. The list follows the edits sent back.
func TestImportReviewListsProblemsWithLinks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	pending, body := e.readPlan(c, smallPlan)
	if got := checkLink(body, "task-1-0"); !strings.Contains(got, "Nhiệm vụ II.1: không nhận ra cơ quan «Ban Thử Nghiệm Không Có»") {
		t.Errorf("unknown agency of II.1: check %q", got)
	}
	if !strings.Contains(body, `id="task-1-0"`) {
		t.Error("the link's row is not on the page")
	}
	// A refused confirm (an empty content) brings the review back with
	// the checks of the plan as edited: I.2 without lead nor a readable
	// timeframe, II.1's agency now known.
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}, "t0.0.content": {""},
		"t0.1.lead": {""}, "t0.1.timeframe": {"khi có kinh phí"}, "t1.0.lead": {"Sở Tài chính"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	if got := checkLink(body, "task-0-1"); !strings.Contains(got, "Nhiệm vụ I.2 chưa có đơn vị chủ trì") {
		t.Errorf("I.2 lead check = %q", got)
	}
	if !strings.Contains(body, `<a href="#task-0-1">Nhiệm vụ I.2: chưa hiểu thời gian thực hiện «khi có kinh phí»`) {
		t.Error("I.2's timeframe is not listed as not understood")
	}
	// The parser's own note on the unknown agency stays, as read from
	// the file, linked to the row of the line it names.
	notes := regexp.MustCompile(`(?s)<section class="warnings notes">.*?</section>`).FindString(body)
	if !strings.Contains(html.UnescapeString(notes), `<a href="#task-1-0">Không nhận ra cơ quan «Ban Thử Nghiệm Không Có»`) {
		t.Errorf("the parser's note does not link to II.1's row:\n%s", notes)
	}
	if checkLink(body, "task-1-0") != "" {
		t.Error("II.1's agency, corrected, is still listed")
	}
	if !strings.Contains(body, `<li data-field="t0.0.content"><a href="#t0.0.content">`) {
		t.Error("the refused content does not link to its field")
	}

	// A group declaring more tasks than its table row holds.
	declared := strings.Replace(smallPlan, "KẾ HOẠCH\n", "KẾ HOẠCH\nGồm 2 nội dung với 4 nhiệm vụ:\n- Nội dung về tuyên truyền: 03 nhiệm vụ.\n- Nội dung về hỗ trợ: 01 nhiệm vụ.\n", 1)
	_, body = e.readPlan(c, declared)
	if got := checkLink(body, "group-0"); !strings.Contains(got, "Nhóm I: văn bản ghi 3 nhiệm vụ nhưng bảng có 2") {
		t.Errorf("group count check = %q\n%s", got, tagless(body[strings.Index(body, "<main"):][:1500]))
	}
}

// checkLink is the text of the check linking to anchor, "" when none.
func checkLink(body, anchor string) string {
	checks := regexp.MustCompile(`(?s)<section class="warnings checks">.*?</section>`).FindString(body)
	m := regexp.MustCompile(`<a href="#` + regexp.QuoteMeta(anchor) + `">([^<]*)</a>`).FindStringSubmatch(checks)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}
