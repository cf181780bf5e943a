package web_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/xuri/excelize/v2"
)

// The register page offers its list, as filtered, for download; the
// download holds exactly what the page lists.
func TestRegisterExport(t *testing.T) {
	e := newEnv(t)
	c := e.login(viewerEmail)
	body := e.page(c, "/register?form=htx&year=2025")
	csvLink := `href="/register/export?form=htx&amp;format=csv&amp;year=2025"`
	if !strings.Contains(body, csvLink) || !strings.Contains(body, `href="/register/export?form=htx&amp;format=xlsx&amp;year=2025"`) {
		t.Fatalf("the download links do not carry the filter")
	}
	resp, got := e.get(c, "/register/export?form=htx&format=csv&year=2025")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("csv: %d %v", resp.StatusCode, resp.Header)
	}
	if !strings.HasPrefix(got, "\ufeff") {
		t.Fatal("the csv has no byte order mark")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(got, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs[1:] {
		names = append(names, r[1])
	}
	all := strings.Join(names, "; ")
	if !strings.Contains(all, "Hợp tác xã Nông nghiệp Sen Quê") || strings.Contains(all, "Tổ hợp tác") || strings.Contains(all, "Liên hiệp") {
		t.Errorf("the htx list: %s", all)
	}
	resp, got = e.get(c, "/register/export?format=xlsx&q=dien+thinh")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: %d %v", resp.StatusCode, resp.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(got)))
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer func() { _ = f.Close() }()
	if rows, err := f.GetRows("Register"); err != nil || len(rows) != 2 || rows[1][1] != "Quỹ tín dụng nhân dân Diễn Thịnh" {
		t.Errorf("the searched workbook: %v %v", rows, err)
	}
	for _, bad := range []string{"/register/export?format=ods", "/register/export?form=qtdnd&format=csv"} {
		resp, body := e.get(c, bad)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Disposition") != "" || !strings.Contains(body, "Tham số") {
			t.Errorf("%s: %d %v", bad, resp.StatusCode, resp.Header)
		}
	}
	// A coop representative reads the register too, and so downloads it.
	if resp, _ := e.get(e.login(apptest.CoopEmail), "/register/export"); resp.StatusCode != http.StatusOK {
		t.Errorf("coop: %d", resp.StatusCode)
	}
}
