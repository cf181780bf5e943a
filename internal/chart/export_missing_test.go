package chart

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A value a series marks missing is exported as an empty cell, in .csv
// and in .xlsx, so that a year with no figure never reads as a zero.
func TestExportMissingIsEmpty(t *testing.T) {
	d := Data{ID: "m", Title: "m", Category: "Năm", Labels: []string{"2018", "2019"},
		Series: []Series{{Name: "v", Values: []float64{7, 3}, Missing: []bool{false, true}}}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimPrefix(buf.String(), "\uFEFF"); !strings.Contains(got, "2018,7\r\n2019,\r\n") && !strings.Contains(got, "2018,7\n2019,\n") {
		t.Errorf("the csv reads %q", got)
	}
	buf.Reset()
	if err := WriteXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[1], "|") != "2018|7" || strings.Join(rows[2], "|") != "2019" {
		t.Errorf("the sheet reads %q", rows)
	}
}
