package planimport

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// targetString summarises a target for comparison.
func targetString(tg Target) string {
	s := ""
	if tg.Comparator != nil {
		s += *tg.Comparator + " "
	}
	if tg.Value != nil {
		s += fmt.Sprint(*tg.Value)
	}
	if tg.ValueMax != nil {
		s += fmt.Sprint("..", *tg.ValueMax)
	}
	if tg.Unit != nil {
		s += " " + *tg.Unit
	}
	if tg.Due != nil {
		s += " @" + tg.Due.String()
	}
	if tg.Parent != nil {
		s += fmt.Sprint(" ^", *tg.Parent)
	}
	return strings.TrimSpace(s)
}

func TestTargets(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"Hà Nội, ngày 1 tháng 2 năm 2021",
		"II. MỤC TIÊU",
		"1. Mục tiêu tổng quát",
		"Nâng cao hiệu quả 100% hoạt động.",
		"2. Mục tiêu cụ thể",
		"- Năm 2021: ít nhất 30 hợp tác xã được thành lập mới.",
		"- Đến hết quý III/2022, không quá 5% hợp tác xã yếu kém, trong đó dưới 2% ngừng hoạt động.",
		"- Phấn đấu đến năm 2025:",
		"+ Thu nhập bình quân từ 60 đến 80 triệu đồng/người/năm.",
		"+ 1.200 thành viên mới; 50% trở lên hợp tác xã có lãi.",
		"+ Tỷ trọng 3,5% GRDP tỉnh vào năm 2024.",
		"- Thành lập 15 tổ hợp tác.",
		"3. Nhiệm vụ",
		"- Có 99 việc khác.",
	}, "\n"))
	var got []string
	for _, tg := range r.Targets {
		got = append(got, targetString(tg))
	}
	want := []string{
		">= 30 hợp tác xã @2021-12-31",
		"<= 5 % @2022-09-30",
		"< 2 % @2022-09-30 ^1",
		"between 60..80 triệu đồng @2025-12-31",
		"1200 thành viên @2025-12-31",
		">= 50 % @2025-12-31",
		"3.5 % @2024-12-31",
		"15 tổ hợp tác",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets =\n%q\nwant\n%q", got, want)
	}
}

func TestFindQuantity(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, want string
	}{
		{"Trên 50% cán bộ", "> 50 %"},
		{"1,0 - 1,2% GRDP", "between 1..1.2 %"},
		{"theo Luật Hợp tác xã 2012", ""},
		{"giai đoạn 2018-2020", ""},
		{"trước ngày 30/12 có 40 người", "40 người"},
		{"Kết luận 56-KL/TW", ""},
		{"tối đa 7 lớp", "<= 7 lớp"},
		{"10 hợp tác xã điển hình", "10 hợp tác xã"},
	}
	for _, c := range cases {
		got := ""
		if q, ok := findQuantity(c.in); ok {
			tg := Target{Value: &q.value, ValueMax: q.valueMax, Unit: strPtr(q.unit), Comparator: strPtr(q.comparator)}
			got = targetString(tg)
		}
		if got != c.want {
			t.Errorf("findQuantity(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitClauses(t *testing.T) {
	t.Parallel()
	got := splitClauses("Trên 50% cán bộ (a; b, c) được đào tạo, trong đó 70% có bằng, 100% người lao động, kỹ thuật")
	want := []clause{{"Trên 50% cán bộ (a; b, c) được đào tạo", false}, {"70% có bằng", true}, {"100% người lao động, kỹ thuật", false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
}
