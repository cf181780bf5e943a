package planimport

import (
	"reflect"
	"strings"
	"testing"
)

func TestFindNumbers(t *testing.T) {
	t.Parallel()
	in := "Kế hoạch 135/KH-UBND, Kết luận số 70- KL/TW, 05-CTr/TU, 3064/QĐ-UBND, Nghị định 105/2020/NĐ-CP, " +
		"Luật 17/2023/QH15, quý II/2018, 2018-2020, 30/12, b/c, X135/KH-UBND"
	var got []string
	for _, d := range findNumbers(in) {
		got = append(got, d.number+"="+d.typ)
	}
	want := []string{"135/KH-UBND=KH", "70-KL/TW=KL", "05-CTr/TU=CTr", "3064/QĐ-UBND=QĐ", "105/2020/NĐ-CP=NĐ", "17/2023/QH15="}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("numbers = %q", got)
	}
}

func TestCutIssuer(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"Bộ Chính trị về tiếp tục":                                                "Bộ Chính trị",
		"Ban Thường vụ Thành ủy Hải Phòng (Khóa VII) và":                          "Ban Thường vụ Thành ủy Hải Phòng",
		"Hội nghị lần thứ 5, Ban Chấp hành Trung ương Đảng 5 khóa IX về tiếp tục": "Hội nghị lần thứ 5, Ban Chấp hành Trung ương Đảng 5 khóa IX",
		"Bộ Chính trị, Kế hoạch số 204-KH/TU":                                     "Bộ Chính trị",
		"Ban Thường vụ Tỉnh uỷ.":                                                  "Ban Thường vụ Tỉnh uỷ",
		"BAN THƯỜNG VỤ THÀNH ỦY VỀ ĐẨY MẠNH":                                      "BAN THƯỜNG VỤ THÀNH ỦY",
		"Chính phủ; Ban hành kèm Quyết định số 306":                               "Chính phủ",
	}
	for in, want := range cases {
		if got := cutIssuer(in); got != want {
			t.Errorf("cutIssuer(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRefsMerge: the date and the cleanest issuer come from any mention;
// documents named only in the body are not implemented.
func TestRefsMerge(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"KẾ HOẠCH",
		"THỰC HIỆN NGHỊ QUYẾT SỐ 08-NQ/TU CỦA BAN THƯỜNG VỤ THÀNH ỦY HẢI PHÒNG (KHÓA VII)",
		"Thực hiện Nghị quyết số 08-NQ/TU ngày 21/5/2002 của Ban Thường vThành ủy Hải Phòng; Kết luận 56-KL/TW.",
		"I. MỤC ĐÍCH",
		"Theo Kết luận số 56-KL/TW ngày 21/02/2013 của Bộ Chính trị và Quyết định số 4752/QĐ-UBND ngày 29/12/2014.",
	}, "\n"))
	var got []string
	for _, d := range r.Implements {
		got = append(got, d.Number+"|"+deref(d.Issuer)+"|"+d.IssuedOn.String())
	}
	want := []string{"08-NQ/TU|Ban Thường vụ Thành ủy Hải Phòng|2002-05-21", "56-KL/TW|Bộ Chính trị|2013-02-21"} // oldest first
	if !reflect.DeepEqual(got, want) {
		t.Errorf("implements = %q", got)
	}
}
