package chart

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/xuri/excelize/v2"
)

func exportData() Data {
	return Data{ID: "x", Category: "Cơ quan", Labels: []string{"Sở Tài chính", "=HYPERLINK(\"http://x\")", "0123"},
		Series: []Series{{Name: "Quá hạn", Values: []float64{1234, 2, 0}}, {Name: "Tỷ lệ", Values: []float64{87.5, 0, 100}}}}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, exportData()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Fatal("no byte order mark: Excel would garble the diacritics")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Cơ quan", "Quá hạn", "Tỷ lệ"}, {"Sở Tài chính", "1234", "87.5"},
		{`'=HYPERLINK("http://x")`, "2", "0"}, {"0123", "0", "100"}}
	if len(recs) != len(want) {
		t.Fatalf("%q", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, recs[i], want[i])
		}
	}
	d := exportData()
	d.Suffix = "%"
	buf.Reset()
	if err := WriteCSV(&buf, d); err != nil || !strings.Contains(buf.String(), "Tỷ lệ (%)") {
		t.Errorf("the header does not say the values are percentages: %s %v", buf.String(), err)
	}
}

func writeXLSX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	d := exportData()
	d.Decimals = 1
	if err := WriteXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteXLSX(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t)))
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(ExportSheet)
	if err != nil || len(rows) != 4 || rows[0][1] != "Quá hạn" || rows[1][0] != "Sở Tài chính" {
		t.Fatalf("rows %q, %v", rows, err)
	}
	for _, c := range []struct {
		cell, raw string
		number    bool
	}{
		{"B2", "1234", true},
		{"C2", "87.5", true},
		{"A4", "0123", false}, // a label that looks like a number keeps its zero
		{"A3", `=HYPERLINK("http://x")`, false},
	} {
		raw, _ := f.GetCellValue(ExportSheet, c.cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(ExportSheet, c.cell)
		formula, _ := f.GetCellFormula(ExportSheet, c.cell)
		if raw != c.raw || (typ == excelize.CellTypeUnset) != c.number || formula != "" {
			t.Errorf("%s: %q of type %v, formula %q; want %q, a number: %v", c.cell, raw, typ, formula, c.raw, c.number)
		}
	}
}

// LibreOffice opens the workbook and converts it, as a province's office
// suite would.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	got := apptest.LibreOffice(t, "bang.xlsx", writeXLSX(t), "csv:Text - txt - csv (StarCalc):44,34,76")
	plain := strings.NewReplacer(".", "", ",", "").Replace(string(got))
	for _, want := range []string{"Sở Tài chính", "Quá hạn", "1234", "875", "0123"} {
		if !strings.Contains(plain, want) {
			t.Errorf("LibreOffice's reading lacks %q:\n%s", want, got)
		}
	}
}
