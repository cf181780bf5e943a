package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"

	"github.com/hoptac/hoptac/internal/apptest"
)

// registerImportCodes give each role its own organisation to import, so
// an accepted confirm always changes what is stored.
var registerImportCodes = map[string]string{roleAdmin: "0800500001", roleCoordinator: "0800500002"}

// readRegisterImport uploads a one-row register as role and returns its
// pending import; a role that may not import gets an id nobody has.
func (e *env) readRegisterImport(role string) string {
	e.t.Helper()
	code, ok := registerImportCodes[role]
	if !ok {
		return "khong-co"
	}
	csv := fmt.Sprintf("Mã số HTX,Tên HTX,Mã xã,Năm\n%s,HTX ma trận %s,10507,2024\n", code, role)
	body, ct := apptest.MultipartBody(e.t, nil, "ds.csv", []byte(csv))
	resp, text := e.do(e.clients[role], http.MethodPost, "/register/import", body, ct, nil)
	m := regexp.MustCompile(`name="pending" value="([^"]*)"`).FindStringSubmatch(text)
	if resp.StatusCode != http.StatusOK || m == nil {
		e.t.Fatalf("reading a register as %s: %d, no pending import\n%.600s", role, resp.StatusCode, text)
	}
	return m[1]
}

// registerImportExpectations: the register's import is the coordinator's
// and the administrator's; the others are refused as on /register/new.
func (e *env) registerImportExpectations() map[string][]call {
	managers := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	posts := func(status int) byRole {
		return byRole{roleAnon: unauth, roleAdmin: status, roleCoordinator: status, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	}
	return map[string][]call{
		"GET /register/import": {{path: fixed("/register/import"), want: managers}},
		// Reading keeps only a pending import; the register is untouched.
		"POST /register/import": {{path: fixed("/register/import"), want: posts(ok),
			body: func(_ ids, role string) (io.Reader, string) {
				csv := "Mã số HTX,Tên HTX,Mã xã,Năm\n0800500009,HTX chỉ đọc " + role + ",10507,2024\n"
				return apptest.MultipartBody(e.t, nil, "ds.csv", []byte(csv))
			}}},
		"POST /register/import/confirm": {{path: fixed("/register/import/confirm"), want: posts(see), writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"pending": {e.readRegisterImport(role)}, "action": {"import"}})
			}}},
		// An id nobody has: not found for those who may import.
		"GET /register/import/result": {{path: fixed("/register/import/result?id=0"),
			want: byRole{roleAnon: see, roleAdmin: notFound, roleCoordinator: notFound, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}}},
	}
}
