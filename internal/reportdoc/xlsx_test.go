package reportdoc

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/i18n"
)

// openXLSX writes r as .xlsx and opens it again with excelize.
func openXLSX(t *testing.T, r Report) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// raw is a cell's stored value, not its formatted text.
func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestXLSXSheetsAndCells(t *testing.T) {
	f := openXLSX(t, small(t))
	if got, want := f.GetSheetList(), []string{"Nhiệm vụ", "Chỉ tiêu", "Kinh phí", "Tỷ lệ báo cáo"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	tests := []struct{ sheet, cell, want string }{
		{"Nhiệm vụ", "A1", "Nhóm nhiệm vụ"},
		{"Nhiệm vụ", "F1", "Nội dung báo cáo"},
		{"Nhiệm vụ", "A2", "1. Tuyên truyền, nâng cao nhận thức"},
		{"Nhiệm vụ", "B2", "1.1"},
		{"Nhiệm vụ", "C2", "Đào tạo nghề cho cán bộ hợp tác xã"}, // NFD input, NFC out
		{"Nhiệm vụ", "D2", "Đang thực hiện"},
		{"Nhiệm vụ", "E2", "Sở Nông nghiệp và Môi trường"},
		{"Nhiệm vụ", "F2", "Đã mở 3 lớp <học> & tập huấn.\nCòn 1 lớp."},
		{"Nhiệm vụ", "C3", "Hỗ trợ thành lập mới hợp tác xã"}, // a task without report keeps its row
		{"Nhiệm vụ", "E3", ""},
		{"Chỉ tiêu", "B1", "Chỉ tiêu"},
		{"Chỉ tiêu", "A2", "1"},
		{"Chỉ tiêu", "B2", "Trên 50% cán bộ quản lý HTX được đào tạo"},
		{"Chỉ tiêu", "D2", "42,5%"},
		{"Kinh phí", "D1", "Dự toán (đồng)"},
		{"Kinh phí", "B2", "1.1. Đào tạo"},
		{"Kinh phí", "C2", "Ngân sách địa phương"},
		{"Kinh phí", "D2", "1234567"},
		{"Kinh phí", "F2", "987654"},
		{"Kinh phí", "B4", "Tổng cộng"},
		{"Kinh phí", "D4", "3234567"},
		{"Kinh phí", "E4", "1000000"},
		{"Tỷ lệ báo cáo", "A2", "Số báo cáo phải nộp"},
		{"Tỷ lệ báo cáo", "B2", "30"},
		{"Tỷ lệ báo cáo", "B3", "28"},
		{"Tỷ lệ báo cáo", "B4", "25"},
		{"Tỷ lệ báo cáo", "B5", "93.3"},
		{"Tỷ lệ báo cáo", "B6", "83.3"},
	}
	for _, tc := range tests {
		if got := raw(t, f, tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
}

// TestXLSXMoneyIsNumber: money cells are numbers with the "#,##0" format,
// so the figures sum in a spreadsheet and show thousands separators.
func TestXLSXMoneyIsNumber(t *testing.T) {
	f := openXLSX(t, small(t))
	for _, cell := range []string{"D2", "E2", "F2", "D3", "D4", "F4"} {
		typ, err := f.GetCellType("Kinh phí", cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("Kinh phí!%s has type %v, want a number", cell, typ)
		}
		id, err := f.GetCellStyle("Kinh phí", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.NumFmt != 3 && (st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0") {
			t.Errorf("Kinh phí!%s: number format %d %v, want #,##0", cell, st.NumFmt, st.CustomNumFmt)
		}
	}
	if got, err := f.GetCellValue("Kinh phí", "D2"); err != nil || got != "1,234,567" {
		t.Errorf("Kinh phí!D2 shows %q (%v), want grouped thousands", got, err)
	}
}

func TestXLSXEnglishAndEmpty(t *testing.T) {
	r := small(t)
	r.Labels = labels(t, i18n.English)
	r.Targets, r.Budget, r.Groups = nil, nil, nil
	f := openXLSX(t, r)
	if got := f.GetSheetList(); len(got) != 4 || got[0] != "Tasks" || got[2] != "Budget" {
		t.Fatalf("sheets = %q", got)
	}
	if got := raw(t, f, "Budget", "D1"); got != "Estimated (VND)" {
		t.Errorf("Budget!D1 = %q", got)
	}
	// No budget lines: no total row either.
	if got := raw(t, f, "Budget", "B2"); got != "" {
		t.Errorf("Budget!B2 = %q, want empty", got)
	}
}
