package browsertest

import (
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
)

// reviewHeightBefore is the height, in CSS pixels in the harness's
// 1280×900 window, of seed 002's review when it stacked every field of
// every task in one long form (measured on this harness before the
// review became a table).
const reviewHeightBefore = 10341

// Seed 002's review is a table a coordinator can scan: a row per task,
// the source text beside the fields, the page under a third of its old
// height. A row is edited in place and the edit is what is stored.
func TestImportReviewTable(t *testing.T) {
	docx := seeds.Path(t, "002_b020f26e05120408.docx")
	app, b := NewApp(t), NewBrowser(t)
	s := b.NewSession(t, app.URL)
	s.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	s.Visit("/plans/import")
	s.FillAndSubmit(`form[action="/plans/import"]`, map[string]string{"file": docx})
	height := Eval[float64](s, `document.documentElement.scrollHeight`)
	t.Logf("review of seed 002: %.0f px high (%.0f %% of the %d px before)", height, 100*height/reviewHeightBefore, reviewHeightBefore)
	if height >= reviewHeightBefore/3 {
		s.Fatalf("review is %.0f px high, want under a third of %d", height, reviewHeightBefore)
	}
	if n := s.Count("#tasks tr.review-task"); n != 18 {
		s.Fatalf("review table has %d task rows, want 18", n)
	}
	// Each row's source sits beside its fields, on the same row.
	beside := Eval[bool](s, `[...document.querySelectorAll("tr.review-task")].every(tr => {
	  const c = tr.querySelector("textarea[name$='.content']").getBoundingClientRect();
	  const src = tr.querySelector("td.source").getBoundingClientRect();
	  return src.left >= c.right && src.top < c.bottom && c.top < src.bottom })`)
	if !beside {
		s.Fatalf("a task's source text is not beside its fields")
	}
	if got := s.Text("#task-1-3 td.source"); !strings.Contains(got, "Dòng 44") || !strings.Contains(got, "Đánh giá tổng kết Đề án") {
		s.Fatalf("II.4's source cell reads %q", got)
	}
	p := s.FillAndSubmit(`form[action="/plans/import/confirm"]`, map[string]string{
		"t1.3.lead": "Sở Tài chính", "t1.3.timeframe": "Quý IV/2026"})
	if !strings.HasPrefix(p.Path(), "/plans/") || p.Path() == "/plans/import/confirm" {
		s.Fatalf("confirming led to %s (HTTP %d)", p.Path(), p.Status)
	}
	if got := storedTask(t, app, "II.4"); got != "Sở Tài chính|Quý IV/2026|2026-12-31" {
		s.Fatalf("II.4 stored as %q, want the lead and timeframe edited in place", got)
	}
}

// Without JavaScript the review is still one form: a refused confirm
// comes back with its problem linking to the field, the checks link to
// their rows, and a target's numbers are edited and stored.
func TestImportReviewWithoutJavaScript(t *testing.T) {
	app, b := NewApp(t), NewBrowser(t)
	s := b.NewSession(t, app.URL, WithoutJavaScript())
	s.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	s.Visit("/plans/import")
	// A file, since typing its tabs into the text box would move the focus.
	plan := WriteFile(t, "ke-hoach.txt", []byte(reviewPlan))
	s.FillAndSubmit(`form[action="/plans/import"]`, map[string]string{"file": plan})
	if got := s.Attr(`.checks a`, "href"); got != "#task-0-1" || !s.Has(`tr#task-0-1`) {
		s.Fatalf("the unknown agency's check links to %q", got)
	}
	s.Expect(422)
	p := s.FillAndSubmit(`form[action="/plans/import/confirm"]`, map[string]string{
		"t0.0.content": "", "target0.value": "hai mươi"})
	if p.Status != 422 || !s.Has(`.problems a[href="#t0.0.content"]`) || !s.Has(`.problems a[href="#target0.value"]`) ||
		!strings.Contains(s.Text("#target0-value-error"), "Chỉ tiêu 1: «hai mươi» không phải là số") {
		s.Fatalf("refused confirm: HTTP %d, problems %q", p.Status, s.Texts(".problems li"))
	}
	p = s.FillAndSubmit(`form[action="/plans/import/confirm"]`, map[string]string{
		"t0.0.content": "Phổ biến Luật Hợp tác xã năm 2023", "t0.1.lead": "Sở Nội vụ",
		"target0.comparator": "between", "target0.value": "20", "target0.value_max": "25", "target0.due": "2027-06-30"})
	if !strings.HasPrefix(p.Path(), "/plans/") || p.Path() == "/plans/import/confirm" {
		s.Fatalf("confirming led to %s (HTTP %d)", p.Path(), p.Status)
	}
	var cmp, due string
	var v, vmax float64
	err := app.DB.SQL().QueryRow(app.DB.Rebind(`SELECT comparator, value, value_max, due FROM targets
		WHERE plan_id = (SELECT MAX(id) FROM plans) AND ordinal = 1`)).Scan(&cmp, &v, &vmax, &due)
	if err != nil || cmp != "between" || v != 20 || vmax != 25 || !strings.HasPrefix(due, "2027-06-30") {
		s.Fatalf("target 1 stored as %s %v–%v due %s (%v)", cmp, v, vmax, due, err)
	}
	if got := storedTask(t, app, "I.2"); !strings.HasPrefix(got, "Sở Nội vụ|") {
		s.Fatalf("I.2 stored as %q", got)
	}
}

// reviewPlan is pasted on the import page: two targets with numbers, and
// a task led by an agency nobody knows.
const reviewPlan = "ỦY BAN NHÂN DÂN TỈNH THANH HÓA\nSố: 11/KH-UBND\nThanh Hóa, ngày 5 tháng 3 năm 2025\nKẾ HOẠCH\n" +
	"Phát triển hợp tác xã năm 2025\nI. MỤC TIÊU\n2. Mục tiêu cụ thể:\n" +
	"- Đến năm 2026, thành lập mới ít nhất 20 hợp tác xã.\n- Trên 50% cán bộ quản lý hợp tác xã được đào tạo.\n" +
	"II. NHIỆM VỤ\nSTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
	"I\tTuyên truyền\t\t\t\n1\tPhổ biến Luật Hợp tác xã\tSở Tài chính\tSở Tư pháp\tThường xuyên\n" +
	"2\tTập huấn cán bộ\tBan Thử Nghiệm Không Có\t\t2025-2026\n"

// storedTask is the newest plan's task code as stored: its lead
// agencies, timeframe text and due date.
func storedTask(t *testing.T, app *App, code string) string {
	t.Helper()
	var text, due string
	err := app.DB.SQL().QueryRow(app.DB.Rebind(`SELECT tf_text, COALESCE(tf_due, '') FROM tasks
		WHERE plan_id = (SELECT MAX(id) FROM plans) AND code = ?`), code).Scan(&text, &due)
	if err != nil {
		t.Fatalf("task %s: %v", code, err)
	}
	rows, err := app.DB.SQL().Query(app.DB.Rebind(`SELECT a.name FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id
		AND ta.role = 'lead' JOIN agencies a ON a.id = ta.agency_id WHERE t.plan_id = (SELECT MAX(id) FROM plans)
		AND t.code = ? ORDER BY a.name`), code)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var leads []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		leads = append(leads, n)
	}
	if len(due) > 10 {
		due = due[:10]
	}
	return strings.Join(leads, ", ") + "|" + text + "|" + due
}
