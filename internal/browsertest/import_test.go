package browsertest

import (
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
)

// The coordinator imports a plan from its Word file: upload, review beside
// the source, correct one task's lead agency, confirm, and land on the new
// plan. Every page passes the usual checks (labels, console, lang).
func TestImportWalk(t *testing.T) {
	docx := seeds.Path(t, "002_b020f26e05120408.docx")
	app, b := NewApp(t), NewBrowser(t)
	s := b.NewSession(t, app.URL)
	s.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	s.Visit("/plans/import")
	p := s.FillAndSubmit(`form[action="/plans/import"]`, map[string]string{"file": docx})
	if p.Status != 200 || !s.Has(`form[action="/plans/import/confirm"]`) {
		s.Fatalf("reading the plan answered %d at %s, no review form", p.Status, p.Path())
	}
	if n := s.Count("tr.review-task"); n != 18 {
		s.Fatalf("review lists %d tasks, want 18", n)
	}
	p = s.FillAndSubmit(`form[action="/plans/import/confirm"]`, map[string]string{
		"doc.title": "Kế hoạch hành động thực hiện Kế hoạch 204-KH/TU (nhập thử)",
		"t0.0.lead": "Sở Khoa học và Công nghệ",
	})
	if !strings.HasPrefix(p.Path(), "/plans/") || p.Path() == "/plans/import/confirm" {
		s.Fatalf("confirming led to %s (HTTP %d)", p.Path(), p.Status)
	}
	if got := s.Text("p.count"); !strings.Contains(got, "18") {
		s.Fatalf("imported plan shows %q, want 18 tasks", got)
	}
	if body := strings.Join(s.Texts("table.tasks tbody tr"), "\n"); !strings.Contains(body, "Sở Khoa học và Công nghệ") {
		s.Fatalf("the corrected lead agency is not on the plan page")
	}
}

// dupPlan is a small plan with a number, an issuer and a date, pasted on
// the import page.
const dupPlan = "ỦY BAN NHÂN DÂN TỈNH THANH HÓA\nSố: 12/KH-UBND\nThanh Hóa, ngày 5 tháng 3 năm 2025\nKẾ HOẠCH\n" +
	"Thử nhập kế hoạch hai lần\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n" +
	"1. Phổ biến Luật Hợp tác xã đến cán bộ, hội viên.\n2. Tập huấn cán bộ quản lý hợp tác xã."

// The same plan imported twice: the second review warns and links to the
// stored plan; confirming without the explicit choice, and with a task
// emptied, comes back with both messages beside their fields; with the
// content restored and the box ticked, a second plan is stored.
func TestImportDuplicateWalk(t *testing.T) {
	app, b := NewApp(t), NewBrowser(t)
	s := b.NewSession(t, app.URL)
	s.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	s.Visit("/plans/import")
	s.FillAndSubmit(`form[action="/plans/import"]`, map[string]string{"text": dupPlan})
	if s.Has(".duplicate") {
		s.Fatalf("a first import is warned as a duplicate")
	}
	p := s.Submit(`form[action="/plans/import/confirm"]`)
	first := p.Path()
	if !strings.HasPrefix(first, "/plans/") || first == "/plans/import/confirm" {
		s.Fatalf("first confirm led to %s (HTTP %d)", first, p.Status)
	}

	s.Visit("/plans/import")
	s.FillAndSubmit(`form[action="/plans/import"]`, map[string]string{"text": dupPlan})
	if !s.Has(`.duplicate a[href="`+first+`"]`) || !s.Has(`input[name="duplicate_ok"]`) {
		s.Fatalf("the second review does not link to %s or offer the choice", first)
	}
	s.Expect(422)
	p = s.FillAndSubmit(`form[action="/plans/import/confirm"]`, map[string]string{"t0.0.content": ""})
	if p.Status != 422 || !strings.Contains(s.Text("#duplicate-error"), "Vẫn lưu thành một kế hoạch riêng") ||
		!strings.Contains(s.Text("#t0-0-content-error"), "không được để trống") {
		s.Fatalf("refused confirm: HTTP %d, duplicate error %q, content error %q", p.Status,
			s.Text("#duplicate-error"), s.Text("#t0-0-content-error"))
	}
	p = s.FillAndSubmit(`form[action="/plans/import/confirm"]`, map[string]string{
		"t0.0.content": "Phổ biến Luật Hợp tác xã đến cán bộ, hội viên.", "duplicate_ok": "1"})
	if !strings.HasPrefix(p.Path(), "/plans/") || p.Path() == first || p.Path() == "/plans/import/confirm" {
		s.Fatalf("confirm with the choice led to %s (HTTP %d)", p.Path(), p.Status)
	}
}
