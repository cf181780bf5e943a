package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Three bad rows among a thousand: the preview names the three rows, the
// import writes nothing; "only the valid rows" writes the 997 others.
// The administrator imports here, and the result links to the batch.
func TestRegisterImportBadRows(t *testing.T) {
	e, _ := registerEnv(t)
	c := e.login(adminEmail)
	data := registerCSV(1000, map[int]string{
		10:  "123;HTX mã sai;HTX;Nông nghiệp;10507;9",
		500: "0800299999;;HTX;Nông nghiệp;10507;9",
		990: "0800299998;HTX xã lạ;HTX;Nông nghiệp;99999;9",
	})
	before := e.orgs()
	status, body, pending := e.readRegister(c, "ds.csv", data, "2024")
	if status != http.StatusOK || pending == "" {
		t.Fatalf("preview: %d\n%.2000s", status, body)
	}
	if !strings.Contains(body, "1000 dòng dữ liệu: 997 dòng hợp lệ, 3 dòng có lỗi.") {
		t.Errorf("counts:\n%.3000s", body)
	}
	errRows := regexp.MustCompile(`(?s)<table class="errors" id="row-errors">.*?</table>`).FindString(body)
	rowRe := regexp.MustCompile(`<tr><td>(\d+)</td><td>([^<]*)</td>`)
	var got []string
	for _, m := range rowRe.FindAllStringSubmatch(errRows, -1) {
		got = append(got, m[1]+" "+m[2])
	}
	// File rows: title 1, header 2, data from 3.
	if want := "13 Mã số HTX|503 Tên HTX|993 Mã xã"; strings.Join(got, "|") != want {
		t.Errorf("errors by row and column = %q, want %q", strings.Join(got, "|"), want)
	}
	m := mappingOf(body)
	resp, refused := e.confirmRegister(c, pending, m)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(refused, "Chưa ghi gì") {
		t.Errorf("confirm of a bad file: %d", resp.StatusCode)
	}
	if e.orgs() != before {
		t.Fatalf("a file with bad rows wrote %d organisations", e.orgs()-before)
	}
	resp, _ = e.confirmRegister(c, pending, m, "valid_only", "1")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid-only confirm: %d", resp.StatusCode)
	}
	if e.orgs() != before+997 {
		t.Errorf("valid only wrote %d organisations, want 997", e.orgs()-before)
	}
	if n := e.count("SELECT COUNT(*) FROM organisations WHERE code IN ('0800299999', '0800299998')"); n != 0 {
		t.Errorf("bad rows written: %d", n)
	}
	result := html.UnescapeString(e.page(c, resp.Header.Get("Location")))
	if !strings.Contains(result, `<dd id="created">997</dd>`) || !strings.Contains(result, `<dd id="skipped-rows">3</dd>`) ||
		!regexp.MustCompile(`href="/audit\?batch=\d+"`).MatchString(result) {
		t.Errorf("result page:\n%.1500s", result)
	}
}

// A column the catalogue does not know ("Danh xưng") leaves the name
// unmapped: the preview says what is missing; mapping it in the preview
// takes effect, in the preview and in the import.
func TestRegisterImportChangedMapping(t *testing.T) {
	e, c := registerEnv(t)
	data := []byte("Mã số HTX,Danh xưng,Ghi chú,Mã xã\n0800400001,HTX Sen Hồng,Tốt,10507\n0800400002,HTX Bình Minh,,10507\n")
	before := e.orgs()
	status, body, pending := e.readRegister(c, "ds.csv", data, "2024")
	if status != http.StatusUnprocessableEntity || pending == "" || !strings.Contains(body, "Tệp thiếu cột bắt buộc: Tên tổ chức") {
		t.Fatalf("preview of a file without a name column: %d\n%.2000s", status, body)
	}
	m := mappingOf(body)
	if m.Get("col.1") != "" || m.Get("col.0") != "code" {
		t.Fatalf("mapping = %v", m)
	}
	m.Set("col.1", "name")
	v := url.Values{"pending": {pending}, "action": {"preview"}}
	for k, vs := range m {
		v[k] = vs
	}
	resp, again := e.postForm(c, "/register/import/confirm", v)
	again = html.UnescapeString(again)
	if resp.StatusCode != http.StatusOK || !strings.Contains(again, "<td>HTX Sen Hồng</td>") || mappingOf(again).Get("col.1") != "name" {
		t.Fatalf("preview with the name mapped: %d\n%.2000s", resp.StatusCode, again)
	}
	if e.orgs() != before {
		t.Fatal("previewing wrote")
	}
	if resp, _ := e.confirmRegister(c, pending, m); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	if n := e.count("SELECT COUNT(*) FROM organisations WHERE name IN ('HTX Sen Hồng', 'HTX Bình Minh')"); n != 2 {
		t.Errorf("imported by the chosen mapping: %d of 2", n)
	}
}

// A mapping changed on its way back is checked on the server: nothing is
// written, and the message names the field and the columns.
func TestRegisterImportTamperedMapping(t *testing.T) {
	e, c := registerEnv(t)
	status, body, pending := e.readRegister(c, "ds.csv", registerCSV(3, nil), "2024")
	if status != http.StatusOK {
		t.Fatalf("preview: %d", status)
	}
	good := mappingOf(body)
	before := e.orgs()
	for _, tt := range []struct {
		name      string
		key, val  string
		wantError string
	}{
		{"field twice", "col.1", "code", "Trường «code» được gán cho hai cột: A và B."},
		{"unknown field", "col.2", "password_hash", "Không có trường «password_hash» để gán cột."},
		{"column past the file", "col.40", "revenue", "Không có cột số 41: tệp chỉ có 6 cột."},
		{"not a column", "col.x", "name", "Cách gán cột gửi lên không hợp lệ"},
		{"required left out", "col.0", "", "Tệp thiếu cột bắt buộc: Mã số HTX"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := url.Values{}
			for k, vs := range good {
				m[k] = vs
			}
			m.Set(tt.key, tt.val)
			resp, body := e.with(t).confirmRegister(c, pending, m)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.wantError) {
				t.Errorf("%d, want 422 with %q\n%.1500s", resp.StatusCode, tt.wantError, body)
			}
			if e.orgs() != before {
				t.Fatal("a tampered mapping wrote")
			}
		})
	}
	// Another user's pending import is nobody's to confirm.
	other := e.login(adminEmail)
	if resp, _ := e.confirmRegister(other, pending, good); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another user's confirm: %d", resp.StatusCode)
	}
}
