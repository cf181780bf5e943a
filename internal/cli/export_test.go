package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/xuri/excelize/v2"
)

// demoDSN is a migrated database holding the demo's register and accounts.
func demoDSN(t *testing.T) string {
	t.Helper()
	dsn := storetest.DSN(t)
	db, _ := demoDB(t, dsn)
	db.Close()
	return dsn
}

func TestExportRegister(t *testing.T) {
	dsn := demoDSN(t)
	dir := t.TempDir()
	env := map[string]string{"HOPTAC_DB": dsn, "HOPTAC_LANG": "vi"}
	csvFile := filepath.Join(dir, "htx.csv")
	code, out, errOut := run(t, "", env, "export", "register", "--form", "htx", "--year", "2025", "--out", csvFile)
	if code != 0 || !strings.Contains(out, "Đã xuất") {
		t.Fatalf("export csv: %d %s %s", code, out, errOut)
	}
	data, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Error("the csv has no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(recs[0], "|")
	for _, r := range recs[1:] {
		all += "\n" + strings.Join(r, "|")
	}
	// The filter is the page's: HTX only, with the 2025 figures' columns.
	if !strings.Contains(all, "Hợp tác xã Nông nghiệp Sen Quê") || strings.Contains(all, "Tổ hợp tác") || !strings.Contains(recs[0][12], "Năm") {
		t.Errorf("the htx export:\n%s", all)
	}
	if !strings.Contains(out, csvFile) {
		t.Errorf("the output does not name the file: %s", out)
	}
	xlsxFile := filepath.Join(dir, "all.xlsx")
	if code, _, errOut := run(t, "", env, "export", "register", "--out", xlsxFile); code != 0 {
		t.Fatalf("export xlsx by extension: %d %s", code, errOut)
	}
	f, err := excelize.OpenFile(xlsxFile)
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer func() { _ = f.Close() }()
	if rows, err := f.GetRows("Register"); err != nil || len(rows) != 7 {
		t.Errorf("the whole demo register: %d rows, %v", len(rows), err)
	}
	for _, bad := range [][]string{
		{"export", "register", "--form", "qtdnd", "--out", filepath.Join(dir, "bad.csv")},
		{"export", "register", "--format", "ods", "--out", filepath.Join(dir, "bad.ods")},
		{"export", "register"},
		{"export", "plans", "--out", filepath.Join(dir, "bad.csv")},
	} {
		code, _, errOut := run(t, "", env, bad...)
		if code != 1 || errOut == "" {
			t.Errorf("%v: code %d, stderr %q", bad, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.csv")); err == nil {
		t.Error("a refused export left a file")
	}
	if _, _, errOut := run(t, "", env, "export", "register", "--form", "qtdnd", "--out", filepath.Join(dir, "x.csv")); !strings.Contains(errOut, "Tham số form") {
		t.Errorf("a bad filter is not named: %q", errOut)
	}
}
