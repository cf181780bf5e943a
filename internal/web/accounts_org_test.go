package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
)

// The administrator links a cooperative representative's account to the
// organisation it files for, by registration code, and unlinks it; a code
// nobody has, or a link on another role's account, is refused beside the
// field and changes nothing.
func TestAccountOrganisation(t *testing.T) {
	e := newEnv(t)
	admin := e.login(adminEmail)
	coop := e.count(`SELECT id FROM users WHERE email = ?`, apptest.CoopEmail)
	path := "/accounts/" + strconv.Itoa(coop)
	linked := func() int {
		return e.count(`SELECT COALESCE(organisation_id, 0) FROM users WHERE id = ?`, coop)
	}
	form := e.page(admin, path)
	if !strings.Contains(form, `name="organisation" value="2900456781"`) || !strings.Contains(form, "Hợp tác xã Nông nghiệp Sen Quê") {
		t.Fatalf("the form does not show the demo representative's organisation")
	}
	save := func(id int, role, code string) (*http.Response, string) {
		return e.postForm(admin, "/accounts/"+strconv.Itoa(id), url.Values{"name": {"Đại diện HTX"}, "role": {role}, "organisation": {code}})
	}
	diemThinh := e.count(`SELECT id FROM organisations WHERE code = ?`, "2900318842")
	if resp, _ := save(coop, "coop", "2900318842"); resp.StatusCode != http.StatusSeeOther || linked() != diemThinh {
		t.Fatalf("relink: %d, organisation %d", resp.StatusCode, linked())
	}
	for _, c := range []struct {
		name, role, code, says string
	}{
		{"unknown code", "coop", "2999999999", "Không có tổ chức nào mang mã số đăng ký này"},
		{"not a representative", "viewer", "2900318842", "Chỉ tài khoản đại diện hợp tác xã"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := save(coop, c.role, c.code)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.says) ||
				!strings.Contains(body, `value="`+c.code+`"`) {
				t.Errorf("%d, want 422 saying %q and keeping the code", resp.StatusCode, c.says)
			}
			if linked() != diemThinh || e.count(`SELECT COUNT(*) FROM users WHERE id = ? AND role = 'coop'`, coop) != 1 {
				t.Error("a refused save changed the account")
			}
		})
	}
	if resp, _ := save(coop, "coop", ""); resp.StatusCode != http.StatusSeeOther || linked() != 0 {
		t.Errorf("unlink: %d, organisation %d", resp.StatusCode, linked())
	}
	// A new representative is linked as it is created.
	resp, _ := e.postForm(admin, "/accounts", url.Values{"email": {"htx2@hoptac.local"}, "name": {"Đại diện"}, "role": {"coop"},
		"organisation": {"2900318842"}})
	if resp.StatusCode != http.StatusOK || e.count(`SELECT COALESCE(organisation_id, 0) FROM users WHERE email = ?`, "htx2@hoptac.local") != diemThinh {
		t.Errorf("create linked: %d", resp.StatusCode)
	}
	users := e.count(`SELECT COUNT(*) FROM users`)
	resp, _ = e.postForm(admin, "/accounts", url.Values{"email": {"xem2@hoptac.local"}, "name": {"Xem"}, "role": {"viewer"},
		"organisation": {"2900318842"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || e.count(`SELECT COUNT(*) FROM users`) != users {
		t.Errorf("a viewer created with a link: %d", resp.StatusCode)
	}
}
