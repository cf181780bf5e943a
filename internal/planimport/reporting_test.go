package planimport

import (
	"fmt"
	"reflect"
	"testing"
)

func dutyString(d Duty) string {
	return fmt.Sprintf("%s|%s|%s|%s", d.Frequency, deref(d.Due), deref(d.Recipient), deref(d.Via))
}

func TestReporting(t *testing.T) {
	t.Parallel()
	r := parseText(t, "Các sở định kỳ hàng năm (trước ngày 30/12) báo cáo Chủ tịch UBND tỉnh qua Sở Kế hoạch và Đầu tư để theo dõi, tổng hợp.\n"+
		"Định kỳ 6 tháng, hằng năm báo cáo UBND tỉnh (qua Sở Tài chính) trước ngày 15 tháng 6.\n"+
		"Báo cáo đột xuất khi có yêu cầu gửi về Văn phòng UBND tỉnh.\n"+
		"Định kỳ tổng hợp báo cáo UBND tỉnh.\n"+
		"Báo cáo kết quả thực hiện hàng năm về tình hình phát triển cho Ban Thường vụ Tỉnh ủy.\n"+
		"Hàng năm, các sở báo cáo Chủ tịch UBND tỉnh qua Sở Kế hoạch và Đầu tư để theo dõi (trước ngày 30/12).\n")
	var got []string
	for _, d := range r.Reporting {
		got = append(got, dutyString(d))
	}
	want := []string{
		"yearly|12-30|Chủ tịch UBND tỉnh|Sở Kế hoạch và Đầu tư",
		"half_yearly|06-15|UBND tỉnh|Sở Tài chính",
		"yearly|06-15|UBND tỉnh|Sở Tài chính",
		"ad_hoc||Văn phòng UBND tỉnh|",
		"yearly||Ban Thường vụ Tỉnh ủy|",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("duties =\n%q\nwant\n%q", got, want)
	}
}

func TestCoordinator(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"3. Giao Sở Kế hoạch và Đầu tư là cơ quan đầu mối thường xuyên tổng hợp.":                          "Sở Kế hoạch và Đầu tư",
		"Sở Tài chính là cơ quan thường trực, theo dõi việc thực hiện.":                                    "Sở Tài chính",
		"1. Giao Sở Kế hoạch và Đầu tư: Căn cứ nội dung Kế hoạch tổ chức triển khai và đôn đốc, kiểm tra.": "Sở Kế hoạch và Đầu tư",
		"Giao Sở Lao động, Thương binh và Xã hội làm cơ quan đầu mối.":                                     "Sở Lao động, Thương binh và Xã hội",
		"2. Giao Sở Tài chính chủ trì phối hợp với các sở lập dự toán kinh phí.":                           "",
	}
	for in, want := range cases {
		r := parseText(t, in)
		if got := deref(r.Coordinator); got != want {
			t.Errorf("%q: coordinator %q, want %q", in, got, want)
		}
	}
}
