package sheet

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/apptest"
)

// variedWorkbook holds every kind of cell a register file brings: shared
// and inline strings, numbers stored as numbers (a code that became one,
// a float, a money figure), a date as a serial, booleans, formulas with
// and without a cached value, rich text, escapes, XML's special
// characters, leading spaces, missing cells and missing rows, and a
// second sheet that must not be read.
func variedWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "DANH SÁCH HỢP TÁC XÃ NĂM 2024")
	for i, h := range []string{"Mã số HTX", "Tên HTX", "Số thành viên", "Vốn điều lệ (triệu đồng)", "Ngày thành lập", "Điển hình"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(cell, h)
	}
	set("A4", 2800123456)
	set("B4", "HTX Nông nghiệp Tân Hòa & <Mỹ An>")
	set("C4", 12)
	set("D4", 1.5)
	set("E4", time.Date(2020, 3, 15, 0, 0, 0, 0, time.UTC))
	set("F4", true)
	set("A5", "0101234567")
	if err := f.SetCellDefault(sh, "B5", "  HTX Dịch vụ (chuỗi nội tuyến)"); err != nil {
		t.Fatal(err)
	}
	set("D5", 2.8001e9)
	set("E5", "01/07/2021")
	set("F5", false)
	set("H5", "cột xa, ô giữa bỏ trống")
	// Row 6 is missing; row 9 comes after two more missing rows.
	set("A7", "dòng\r\nhai dòng _x000D_ và _x005F_x0041_ và \u0001")
	if err := f.SetCellFormula(sh, "C7", "SUM(C4:C5)"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula(sh, "D7", "D4*2"); err != nil {
		t.Fatal(err)
	}
	set("D7", 3)
	if err := f.SetCellRichText(sh, "B7", []excelize.RichTextRun{
		{Text: "HTX "}, {Text: "đậm", Font: &excelize.Font{Bold: true}}, {Text: " Thủy"},
	}); err != nil {
		t.Fatal(err)
	}
	set("A10", -12.25)
	set("C10", 123456789012345)
	set("A11", "Tổng cộng")
	set("C11", 19)
	other, _ := f.NewSheet("Khác")
	_ = other
	if err := f.SetCellValue("Khác", "A1", "không đọc"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The sheet reader returns what excelize's iterator returned, for a
// workbook excelize wrote.
func TestXLSXRowsMatchExcelize(t *testing.T) {
	data := variedWorkbook(t)
	diffRows(t, data)
	got, err := ownRows(t, data)
	if err != nil {
		t.Fatal(err)
	}
	// What the comparison rests on, spelled out: numbers stay in machine
	// form, a date is a serial, gaps are empty, rich text is joined.
	want := map[[2]int]string{
		{3, 0}: "2800123456", {3, 3}: "1.5", {3, 4}: "43905", {3, 5}: "1",
		{4, 1}: "  HTX Dịch vụ (chuỗi nội tuyến)", {4, 3}: "2800100000", {4, 6}: "", {4, 7}: "cột xa, ô giữa bỏ trống",
		{6, 1}: "HTX đậm Thủy", {6, 2}: "", {6, 3}: "3",
		{9, 2}: "123456789012345",
	}
	for at, w := range want {
		if at[1] >= len(got[at[0]]) || got[at[0]][at[1]] != w {
			t.Errorf("row %d cell %d: rows %q, want %q", at[0]+1, at[1], got[at[0]], w)
		}
	}
	if len(got[5]) != 0 || len(got[7]) != 0 {
		t.Errorf("missing rows read as %q and %q", got[5], got[7])
	}
}

// A workbook saved by LibreOffice (shared strings for all text, styled
// empty cells, its own relationships) reads as excelize read it.
func TestXLSXRowsLibreOffice(t *testing.T) {
	data := apptest.LibreOffice(t, "register.xlsx", variedWorkbook(t), "xlsx:Calc MS Excel 2007 XML")
	diffRows(t, data)
	rd := open(t, "lo.xlsx", data)
	rows := all(t, rd)
	if len(rows) == 0 || rd.Header().Row != 3 {
		t.Fatalf("header %+v, %d rows", rd.Header(), len(rows))
	}
	if code, _, _ := rd.Cell(rows[0], "code"); code != "2800123456" {
		t.Errorf("code %q", code)
	}
	if name, _, _ := rd.Cell(rows[0], "name"); !strings.Contains(name, "Tân Hòa & <Mỹ An>") {
		t.Errorf("name %q", name)
	}
}

func TestRefColumn(t *testing.T) {
	for _, tt := range []struct {
		ref string
		col int
		ok  bool
	}{
		{"A1", 1, true}, {"z9", 26, true}, {"AA10", 27, true}, {"XFD1048576", 16384, true},
		{"XFE1", 0, false}, {"A0", 0, false}, {"A1048577", 0, false}, {"A", 0, false}, {"1", 0, false},
		{"A+1", 0, false}, {"A-1", 0, false}, {"", 0, false}, {"AAAAAAAAAAAAAAAAAAAAA1", 0, false},
	} {
		col, err := refColumn(tt.ref)
		if (err == nil) != tt.ok || col != tt.col {
			t.Errorf("refColumn(%q) = %d, %v", tt.ref, col, err)
		}
	}
}

func TestUnescapeBstr(t *testing.T) {
	for in, want := range map[string]string{
		"a_x000D_b": "a\rb", "_x005F_x0041_": "_x0041_", "_x0041__x0042_": "AB", "_xD800_": "",
		"_x12G4_": "_x12G4_", "_x004": "_x004", "no escape": "no escape", "_x+041_": "_x+041_",
	} {
		if got := unescapeBstr(in); got != want {
			t.Errorf("unescapeBstr(%q) = %q, want %q", in, got, want)
		}
	}
}

// A string item reads as its text and its runs' text joined; phonetic
// runs (furigana) are left out and escapes decoded.
func TestStringItem(t *testing.T) {
	for in, want := range map[string]string{
		`<si><t>HTX Tân Hòa</t></si>`: "HTX Tân Hòa",
		`<si><r><rPr><b/></rPr><t>HTX </t></r><r><t xml:space="preserve">Mỹ An </t></r></si>`: "HTX Mỹ An ",
		`<si><t>a</t><rPh sb="0" eb="1"><t>ア</t></rPh><phoneticPr fontId="1"/></si>`:          "a",
		`<si><t>dòng_x000D_hai &amp; &lt;ba&gt;</t></si>`:                                     "dòng\rhai & <ba>",
	} {
		d := xml.NewDecoder(strings.NewReader(in))
		if _, err := d.Token(); err != nil { // <si>
			t.Fatal(err)
		}
		got, err := stringItem(d)
		if err != nil || got != want {
			t.Errorf("stringItem(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	d := xml.NewDecoder(strings.NewReader(`<si><t>cut`))
	_, _ = d.Token()
	if _, err := stringItem(d); err == nil {
		t.Error("a cut string item read without an error")
	}
}
