package sheet

import "testing"

func TestSqueeze(t *testing.T) {
	tests := map[string]string{
		"Mã số HTX":                 "ma so htx",
		"MÃ SỐ  HTX":                "ma so htx",
		"Mã số\nHTX":                "ma so htx",
		"Vốn điều lệ (triệu đồng)":  "von dieu le",
		"Xã/phường":                 "xa phuong",
		"Tên HTX, tổ hợp tác":       "ten htx to hop tac",
		"Số  TT.":                   "so tt",
		"Ngày thành lập [dd/mm/yy]": "ngay thanh lap",
		"Thu nhập (đ/người/năm)":    "thu nhap",
	}
	for in, want := range tests {
		if got := Squeeze(in); got != want {
			t.Errorf("Squeeze(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnitOf(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"Vốn điều lệ (triệu đồng)", 1_000_000, true},
		{"Doanh thu (nghìn đồng)", 1_000, true},
		{"Doanh thu (ngàn đồng)", 1_000, true},
		{"Tổng tài sản (tỷ đồng)", 1_000_000_000, true},
		{"Lợi nhuận (đồng)", 1, true},
		{"Lợi nhuận (VNĐ)", 1, true},
		{"Vốn điều lệ", 0, false},
	}
	for _, tt := range tests {
		got, ok := UnitOf(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("UnitOf(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if u, ok := tableUnit([]string{"", "Đơn vị tính: triệu đồng"}); !ok || u != 1_000_000 {
		t.Errorf("tableUnit = %d, %v", u, ok)
	}
	if _, ok := tableUnit([]string{"Danh sách hợp tác xã"}); ok {
		t.Error("a title line taken for a unit line")
	}
}

func TestRowKinds(t *testing.T) {
	if !isTotals([]string{"", "Tổng cộng", "", "12"}) || !isTotals([]string{"CỘNG", "5"}) || !isTotals([]string{"-", "Tổng cộng toàn tỉnh"}) {
		t.Error("a totals row not found")
	}
	if isTotals([]string{"1", "2800123456", "HTX Cộng Hòa"}) || isTotals([]string{"1", "2", "Tổng cộng"}) {
		t.Error("a data row taken for totals")
	}
	if !isNumbering([]string{"(1)", "(2)", "", "(3)"}) || !isNumbering([]string{"1", "2", "3", "4"}) {
		t.Error("a numbering row not found")
	}
	if isNumbering([]string{"1", "1", "2"}) || isNumbering([]string{"1", "2"}) || isNumbering([]string{"1", "2", "HTX"}) {
		t.Error("a data row taken for column numbers")
	}
	if !isBlank([]string{"", ""}) || isBlank([]string{"", "x"}) {
		t.Error("isBlank")
	}
}
