package registerexport

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/xuri/excelize/v2"
)

func writeXLSX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, source(3), store.OrganisationFilter{Year: 2025}, XLSX, tr(t)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t)))
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(sheetName)
	if err != nil || len(rows) != 4 || rows[1][1] != "Hợp tác xã Đồng Tâm 1" {
		t.Fatalf("rows %v, %v", rows, err)
	}
	for _, c := range []struct {
		cell string
		typ  excelize.CellType
		raw  string
	}{
		{"A3", excelize.CellTypeSharedString, "0800000001"}, // a code, with its leading zero, as text
		{"I2", excelize.CellTypeUnset, "2023"},              // numbers as numbers
		{"S2", excelize.CellTypeUnset, "1234567000"},
		{"T2", excelize.CellTypeUnset, "-5000000"},
	} {
		typ, err := f.GetCellType(sheetName, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue(sheetName, c.cell, excelize.Options{RawCellValue: true})
		if raw != c.raw || (typ != c.typ && !(c.typ == excelize.CellTypeSharedString && typ == excelize.CellTypeInlineString)) {
			t.Errorf("%s: %q of type %v, want %q of type %v", c.cell, raw, typ, c.raw, c.typ)
		}
	}
}

// LibreOffice opens the workbook and converts it: what a province's
// office suite does with the file.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	got := apptest.LibreOffice(t, "register.xlsx", writeXLSX(t), "csv:Text - txt - csv (StarCalc):44,34,76")
	for _, want := range []string{"Hợp tác xã Đồng Tâm 1", "0800000001", "1234567000"} {
		if !strings.Contains(strings.NewReplacer(".", "", ",", "").Replace(string(got)), want) {
			t.Errorf("LibreOffice's reading lacks %q:\n%s", want, got)
		}
	}
}
