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
	if n := len(s.Texts(".review-task h3")); n != 18 {
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
