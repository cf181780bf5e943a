package web_test

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/zipbound/zipboundtest"
)

// registerEnv is the page env with the reform's units (commune 10507)
// and the coordinator logged in.
func registerEnv(t *testing.T) (*env, *http.Client) {
	t.Helper()
	e := newEnv(t)
	storetest.ImportReformUnits(t, e.db)
	return e, e.login(coordinatorEmail)
}

var pendingRe = regexp.MustCompile(`name="pending" value="([0-9a-f]+)"`)

// readRegister uploads a file and returns the preview's status, body and
// pending import.
func (e *env) readRegister(c *http.Client, name string, data []byte, year string) (int, string, string) {
	e.t.Helper()
	resp, body := e.postMultipart(c, "/register/import", map[string]string{"year": year}, name, data)
	m := pendingRe.FindStringSubmatch(body)
	if m == nil {
		return resp.StatusCode, html.UnescapeString(body), ""
	}
	return resp.StatusCode, html.UnescapeString(body), m[1]
}

// mappingOf is the preview's mapping as its selects send it back.
func mappingOf(body string) url.Values {
	v := url.Values{}
	sel := regexp.MustCompile(`(?s)<select name="(col\.\d+)"[^>]*>(.*?)</select>`)
	opt := regexp.MustCompile(`<option value="([^"]*)" selected>`)
	for _, m := range sel.FindAllStringSubmatch(body, -1) {
		val := ""
		if o := opt.FindStringSubmatch(m[2]); o != nil {
			val = o[1]
		}
		v.Set(m[1], val)
	}
	return v
}

func (e *env) confirmRegister(c *http.Client, pending string, mapping url.Values, extra ...string) (*http.Response, string) {
	e.t.Helper()
	v := url.Values{"pending": {pending}, "action": {"import"}}
	for k, vs := range mapping {
		v[k] = vs
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	resp, body := e.postForm(c, "/register/import/confirm", v)
	return resp, html.UnescapeString(body)
}

func (e *env) orgs() int { return e.count("SELECT COUNT(*) FROM organisations") }

// registerCSV is n good rows of commune 10507 in 2024, codes from
// 0800200000, under a title row and over a totals row.
func registerCSV(n int, bad map[int]string) []byte {
	var b strings.Builder
	b.WriteString("DANH SÁCH HỢP TÁC XÃ NĂM 2024;;;;;\n")
	b.WriteString("Mã số HTX;Tên HTX;Loại hình;Ngành nghề;Mã xã;Số thành viên\n")
	for i := range n {
		row := fmt.Sprintf("08002%05d;HTX Nông nghiệp số %d;HTX;Nông nghiệp;10507;%d\n", i, i, 7+i%20)
		if r, ok := bad[i]; ok {
			row = r + "\n"
		}
		b.WriteString(row)
	}
	b.WriteString("Tổng cộng;;;;;\n")
	return []byte(b.String())
}

// An .xlsx made by excelize, with title rows and a totals row, previews
// its mapping, counts and first rows, and imports in one audit batch.
func TestRegisterImportXLSX(t *testing.T) {
	e, c := registerEnv(t)
	f := excelize.NewFile()
	rows := [][]any{
		{"UBND TỈNH HẢI DƯƠNG"}, {"DANH SÁCH HỢP TÁC XÃ"}, {},
		{"Mã số HTX", "Tên HTX", "Loại hình", "Mã xã", "Năm", "Số thành viên", "Doanh thu (triệu đồng)"},
		{"0800300001", "HTX Nông nghiệp Cẩm Thượng", "HTX", "10507", 2024, 12, 1500},
		{"0800300002", "HTX Dịch vụ Thành Đông", "Hợp tác xã", "10507", 2024, 9, 2.5},
		{"Tổng cộng", "", "", "", "", 21, 1502.5},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	before := e.orgs()
	status, body, pending := e.readRegister(c, "dang-ky.xlsx", buf.Bytes(), "")
	if status != http.StatusOK || pending == "" {
		t.Fatalf("preview: %d\n%.2000s", status, body)
	}
	for _, want := range []string{"2 dòng dữ liệu: 2 dòng hợp lệ, 0 dòng có lỗi.", "Đã bỏ qua: 2 dòng tiêu đề, 1 dòng trống, 1 dòng tổng cộng",
		"HTX Nông nghiệp Cẩm Thượng", "1.500.000.000", "2.500.000"} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	m := mappingOf(body)
	if m.Get("col.0") != "code" || m.Get("col.1") != "name" || m.Get("col.6") != "revenue" {
		t.Errorf("mapping shown = %v", m)
	}
	if e.orgs() != before {
		t.Fatal("the preview wrote organisations")
	}
	resp, _ := e.confirmRegister(c, pending, m)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	result := html.UnescapeString(e.page(c, loc))
	// The audit log is the administrator's: the coordinator reads the
	// batch's number, without a link that would answer 403.
	if !strings.Contains(result, `<dd id="created">2</dd>`) || !regexp.MustCompile(`ghi vào nhật ký thành một lô, số \d+\.`).MatchString(result) ||
		strings.Contains(result, `href="/audit?batch=`) {
		t.Errorf("result page:\n%.1500s", result)
	}
	if e.orgs() != before+2 {
		t.Errorf("organisations %d, want %d", e.orgs(), before+2)
	}
	// A second click finds the import done, and does not import again.
	if resp, _ := e.confirmRegister(c, pending, m); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != loc {
		t.Errorf("second confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// Files that are not a register get a Vietnamese message on the form and
// keep nothing: too large, a zip bomb, no spreadsheet, no file.
func TestRegisterImportBadFiles(t *testing.T) {
	e, c := registerEnv(t)
	bomb := zipboundtest.Zip(t, map[string]string{"[Content_Types].xml": "<Types/>"},
		zipboundtest.Bomb{Name: "xl/worksheets/sheet1.xml", Prefix: "<worksheet>", Fill: ' ', MiB: 1024, Declared: 900 << 10})
	for _, tt := range []struct {
		name, file string
		data       []byte
		year       string
		want       string
	}{
		{"zip bomb", "bom.xlsx", bomb, "", "vượt quá giới hạn an toàn"},
		{"picture", "anh.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "", "không phải"},
		{"no file", "", nil, "", "Chưa chọn tệp để nhập."},
		{"bad year", "ds.csv", registerCSV(1, nil), "20x4", "Năm số liệu không hợp lệ"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := e.count("SELECT COUNT(*) FROM pending_imports")
			status, body, _ := e.with(t).readRegister(c, tt.file, tt.data, tt.year)
			if status < 400 || status >= 500 || !strings.Contains(body, tt.want) || !strings.Contains(body, `id="file-error"`) {
				t.Errorf("%d, want a 4xx form naming %q\n%.1500s", status, tt.want, body)
			}
			if e.count("SELECT COUNT(*) FROM pending_imports") != before {
				t.Error("a refused file was kept")
			}
		})
	}
}

// A 100 MB upload is cut off at the server's bound, streamed, and
// answered with the form and a Vietnamese message; nothing is kept.
func TestRegisterImportHundredMegabytes(t *testing.T) {
	e, c := registerEnv(t)
	const boundary = "ranh-gioi"
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.csv\"\r\nContent-Type: text/csv\r\n\r\n"
	tail := "\r\n--" + boundary + "--\r\n"
	body := io.MultiReader(strings.NewReader(head), io.LimitReader(repeatReader("0800123456;HTX;10507\n"), 100<<20), strings.NewReader(tail))
	before := e.count("SELECT COUNT(*) FROM pending_imports")
	resp, text := e.a().Do(c, http.MethodPost, "/register/import", body, "multipart/form-data; boundary="+boundary, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(text, "Tệp tải lên quá lớn (tối đa 10 MB).") || !strings.Contains(text, `id="file-error"`) {
		t.Errorf("100 MB: %d\n%.1500s", resp.StatusCode, text)
	}
	if e.count("SELECT COUNT(*) FROM pending_imports") != before {
		t.Error("a file too large was kept")
	}
}

// repeatReader repeats s for ever, without holding more than s.
type repeatReader string

func (r repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], r)
	}
	return n, nil
}

// Only those who manage the register import; the plan import's confirm
// does not take a register file for a plan.
func TestRegisterImportAccess(t *testing.T) {
	e, c := registerEnv(t)
	for _, email := range []string{viewerEmail, financeEmail} {
		if resp, _ := e.get(e.login(email), "/register/import"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d", email, resp.StatusCode)
		}
	}
	if b := e.page(c, "/register"); !strings.Contains(b, `href="/register/import"`) {
		t.Error("the register page does not offer the import")
	}
	_, _, pending := e.readRegister(c, "ds.csv", registerCSV(2, nil), "2024")
	plans := e.count("SELECT COUNT(*) FROM plans")
	resp, _ := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {pending}, "doc.title": {"Kế hoạch giả"}})
	if resp.StatusCode != http.StatusNotFound || e.count("SELECT COUNT(*) FROM plans") != plans {
		t.Errorf("the plan confirm took a register file: %d", resp.StatusCode)
	}
}
