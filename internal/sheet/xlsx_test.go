package sheet

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An .xlsx as excelize writes it: numbers stay numbers, dates serials.
func TestXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"DANH SÁCH HỢP TÁC XÃ NĂM 2024"},
		{},
		{"Mã số HTX", "Tên HTX", "Số thành viên", "Vốn điều lệ (triệu đồng)", "Ngày thành lập"},
		{2800123456, "HTX Nông nghiệp Tân Hòa", 12, 1.5, 43905},
		{"0101234567", "HTX Dịch vụ Mỹ An", 7, 250, "01/07/2021"},
		{"Tổng cộng", "", 19, 251.5},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rd := open(t, "ds.xlsx", buf.Bytes())
	if rd.Format() != XLSX || rd.Source() != Machine || rd.Header().Row != 3 {
		t.Fatalf("format %s header %+v", rd.Format(), rd.Header())
	}
	got := all(t, rd)
	if len(got) != 2 || got[0].N != 4 {
		t.Fatalf("rows %+v", got)
	}
	code, _, _ := rd.Cell(got[0], "code")
	capital, _, unit := rd.Cell(got[0], "capital")
	if code != "2800123456" || capital != "1.5" || unit != 1_000_000 {
		t.Errorf("code %q capital %q unit %d", code, capital, unit)
	}
	if m, err := ParseMoney(capital, rd.Source(), unit); err != nil || m != 1_500_000 {
		t.Errorf("capital %d, %v", m, err)
	}
	if c := rd.Counts(); c[SkipTitle] != 1 || c[SkipBlank] != 1 || c[SkipTotals] != 1 {
		t.Errorf("skipped %+v", c)
	}
}
