package browsertest

import (
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store/storetest"
)

// The coordinator imports a register, with and without JavaScript: the file's name
// column has a header the catalogue does not know, so the preview says
// the name is missing; mapping the column in its select and applying it
// shows the rows; importing lands on the result, which names the audit
// batch.
func TestRegisterImportWalk(t *testing.T) {
	app, b := NewApp(t), NewBrowser(t)
	storetest.ImportReformUnits(t, app.DB)
	t.Run("without JavaScript", func(t *testing.T) { registerImportWalk(t, app, b, "0800600", WithoutJavaScript()) })
	t.Run("with JavaScript", func(t *testing.T) { registerImportWalk(t, app, b, "0800610") })
}

// registerImportWalk imports two organisations whose codes start with
// prefix (7 digits).
func registerImportWalk(t *testing.T, app *App, b *Browser, prefix string, opts ...Option) {
	file := WriteFile(t, "danh-sach-htx.csv", []byte("DANH SÁCH HỢP TÁC XÃ NĂM 2024\n"+
		"Mã số HTX;Danh xưng;Mã xã;Số thành viên\n"+
		prefix+"001;HTX Nông nghiệp Sen Hồng;10507;12\n"+
		prefix+"002;HTX Dịch vụ Bình Minh;10507;9\n"+
		"Tổng cộng;;;21\n"))
	s := b.NewSession(t, app.URL, opts...)
	s.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	s.Visit("/register")
	s.Click(`a[href="/register/import"]`)
	s.Expect(422)
	p := s.FillAndSubmit(`form[action="/register/import"]`, map[string]string{"file": file, "year": "2024"})
	if p.Status != 422 || !strings.Contains(s.Text("#problem"), "Tệp thiếu cột bắt buộc: Tên tổ chức") {
		s.Fatalf("preview of a file without a known name column: HTTP %d, problem %q", p.Status, s.Text("#problem"))
	}
	s.Fill(`form[action="/register/import/confirm"]`, map[string]string{"col.1": "name"})
	p = s.Click(`button[value="preview"]`)
	if p.Status != 200 || s.Has("#problem") {
		s.Fatalf("preview with the name mapped: HTTP %d, problem %q", p.Status, s.Text("#problem"))
	}
	s.MustContain("#sample", "HTX Nông nghiệp Sen Hồng")
	s.MustContain("#counts", "2 dòng dữ liệu: 2 dòng hợp lệ, 0 dòng có lỗi.")
	p = s.Click(`button[value="import"]`)
	if !strings.HasPrefix(p.Path(), "/register/import/result?id=") || s.Text("#created") != "2" {
		s.Fatalf("import led to %s (HTTP %d), created %q", p.Path(), p.Status, s.Text("#created"))
	}
	// The audit log is the administrator's: the coordinator is told the
	// batch's number, and offered no link that would answer 403.
	s.MustContain("#audit-batch", "thành một lô, số")
	if s.Has(`a[href^="/audit"]`) {
		s.Fatalf("the coordinator is offered a link to the audit log")
	}
}
