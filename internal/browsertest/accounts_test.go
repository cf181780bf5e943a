package browsertest

// The accounts walk: an administrator on a fresh demo chooses their own
// password, creates a coordinator and an agency officer; the officer logs
// in with the one-time password, must choose a new one, records progress
// and makes an API token; the administrator disables the officer, whose
// session and token stop working at once.

import (
	"net/http"
	"strings"
	"testing"
)

const (
	passwordForm = `form[action="/account/password"]`
	newOfficer   = "Hoàng Văn Nam"
	officerMail  = "canbo.taichinh@hoptac.local"
)

// choosePassword fills the password form with the one-time password and a
// chosen one, and expects to land on want.
func choosePassword(s *Session, oneTime, chosen, want string) {
	s.t.Helper()
	p := s.FillAndSubmit(passwordForm, map[string]string{"current": oneTime, "new": chosen, "confirm": chosen})
	if p.Path() != want {
		s.Fatalf("choosing a password led to %s, want %s", p.Path(), want)
	}
	s.MustContain(".flash", s.T("password.changed"))
}

// createAccount fills the new-account form and returns the one-time
// password the page shows once.
func createAccount(s *Session, email, name, role, agency string) string {
	s.t.Helper()
	s.Visit("/accounts")
	s.ClickLink(s.T("account.new"))
	s.FillAndSubmit(`form[action="/accounts"]`, map[string]string{"email": email, "name": name, "role": role, "agency": agency})
	s.MustContain("h1", s.T("account.created"))
	pw := s.Text("#one-time-password")
	if len(pw) < 12 {
		s.Fatalf("one-time password %q", pw)
	}
	return pw
}

func apiStatus(t *testing.T, base, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/plans", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestAccountsWalk(t *testing.T) {
	app, b := NewApp(t, WithOneTimePasswords()), NewBrowser(t)
	admin := b.NewSession(t, app.URL)

	// The demo's password is one-time: every page leads to the form.
	if p := admin.Login(AdminEmail, app.Password(AdminEmail)); p.Path() != "/account/password" {
		admin.Fatalf("the first login lands on %s, want the password form", p.Path())
	}
	admin.MustContain(".flash", admin.T("password.first"))
	if p := admin.Visit("/accounts"); p.Path() != "/account/password" {
		admin.Fatalf("with a one-time password /accounts shows %s", p.Path())
	}
	admin.Expect(http.StatusUnprocessableEntity)
	admin.FillAndSubmit(passwordForm, map[string]string{"current": app.Password(AdminEmail),
		"new": "mật khẩu quản trị rất dài", "confirm": "mật khẩu quản trị khác hẳn"})
	admin.MustContain("#confirm-error", admin.T("error.field.password_mismatch"))
	choosePassword(admin, app.Password(AdminEmail), "mật khẩu quản trị rất dài", "/plans")

	// The menu offers the accounts page to the administrator.
	admin.Click(`nav a[href="/accounts"]`)
	coordPW := createAccount(admin, "dieuphoi.moi@hoptac.local", "Võ Thị Hoa", "coordinator", finance)
	officerPW := createAccount(admin, officerMail, newOfficer, "agency", finance)
	admin.Visit("/accounts")
	admin.MustContain(Row(officerMail), admin.T("account.state_one_time"))
	admin.MustContain(Row("dieuphoi.moi@hoptac.local"), admin.T("role.coordinator"))

	// The new coordinator logs in, chooses a password, and sees the import
	// button but not the accounts menu.
	coord := b.NewSession(t, app.URL)
	coord.Login("dieuphoi.moi@hoptac.local", coordPW)
	choosePassword(coord, coordPW, "điều phối kế hoạch hợp tác xã", "/plans")
	if !coord.Has(`a[href="/plans/import"]`) || coord.Has(`nav a[href="/accounts"]`) {
		coord.Fatalf("a coordinator's menu and buttons: import %v, accounts %v", coord.Has(`a[href="/plans/import"]`), coord.Has(`nav a[href="/accounts"]`))
	}

	// The officer logs in with the one-time password and must choose one.
	off := b.NewSession(t, app.URL)
	if p := off.Login(officerMail, officerPW); p.Path() != "/account/password" {
		off.Fatalf("the officer's first login lands on %s", p.Path())
	}
	choosePassword(off, officerPW, "báo cáo tiến độ đúng hạn", "/my")
	path := openOverdueLeadTask(off)
	note := "Cán bộ mới cập nhật: đã hoàn thành khảo sát 15 hợp tác xã."
	p := off.FillAndSubmit(progress, map[string]string{"status": "in_progress", "percent": "30", "note": note})
	if p.Path() != path {
		off.Fatalf("saving progress led to %s, want %s", p.Path(), path)
	}
	off.MustContain(".flash", off.T("progress.saved"))
	for _, want := range []string{note, "30%", newOfficer} {
		off.MustContain("ol.history li:first-child", want)
	}

	// The officer makes an API token on their account page.
	off.Click(`a.who`)
	off.FillAndSubmit(`form[action="/account/tokens"]`, map[string]string{"name": "Đồng bộ báo cáo", "expires": "90d"})
	token := off.Text("#new-token")
	if !strings.HasPrefix(token, "hpt_") {
		off.Fatalf("new token %q", token)
	}
	off.MustContain("table.tokens", "Đồng bộ báo cáo")
	if st := apiStatus(t, app.URL, token); st != http.StatusOK {
		t.Fatalf("the new token answers %d", st)
	}

	// The administrator disables the officer.
	admin.Visit("/accounts")
	admin.Click(Row(officerMail) + `//a`)
	admin.MustContain("table.tokens", "Đồng bộ báo cáo")
	admin.Submit(`form[action$="/disable"]`)
	admin.MustContain(".flash", admin.T("account.disabled"))
	admin.MustContain(".account-state", admin.T("account.state_disabled"))

	// The officer's session and token stop at once.
	if p := off.Visit("/my"); !strings.HasPrefix(p.Path(), "/login") {
		off.Fatalf("after being disabled the officer still reaches %s", p.Path())
	}
	if st := apiStatus(t, app.URL, token); st != http.StatusUnauthorized {
		t.Fatalf("the disabled officer's token answers %d, want 401", st)
	}
	off.Visit("/login")
	off.Expect(http.StatusUnauthorized)
	off.FillAndSubmit(`form[action="/login"]`, map[string]string{"email": officerMail, "password": "báo cáo tiến độ đúng hạn"})
	off.MustContain("#password-error", off.T("error.login_failed"))

	// The history stays: the officer's progress is still on the task.
	admin.Visit(path)
	admin.MustContain("ol.history li:first-child", newOfficer)
}
