package demo

import "github.com/hoptac/hoptac/internal/plan"

// planExtras is what the demo plan's document says besides its task table:
// the documents it carries out, its targets and its reporting duty. The
// numbers are invented for the demonstration.
func planExtras() (implements []plan.DocRef, targets []plan.Target, reporting []plan.Duty, coordinator string) {
	f := func(v float64) *float64 { return &v }
	i := func(v int) *int { return &v }
	implements = []plan.DocRef{
		{Number: "20-NQ/TW", Type: "NQ", Issuer: "Ban Chấp hành Trung ương", IssuedOn: date("2022-06-16")},
		{Number: "318-KH/TU", Type: "KH", Issuer: "Ban Thường vụ Tỉnh ủy Nghệ An", IssuedOn: date("2024-06-12")},
	}
	targets = []plan.Target{
		{Text: "Đến năm 2026, toàn tỉnh có ít nhất 1.100 hợp tác xã đang hoạt động", Measure: "hợp tác xã đang hoạt động",
			Comparator: plan.CmpAtLeast, Value: f(1100), Unit: "hợp tác xã", Due: date("2026-12-31")},
		{Text: "Trên 60% hợp tác xã hoạt động có hiệu quả, xếp loại khá trở lên", Measure: "hợp tác xã xếp loại khá trở lên",
			Comparator: plan.CmpGreater, Value: f(60), Unit: "%", Due: date("2026-12-31")},
		{Text: "trong đó ít nhất 25 hợp tác xã điển hình tiên tiến", Measure: "hợp tác xã điển hình tiên tiến",
			Comparator: plan.CmpAtLeast, Value: f(25), Unit: "hợp tác xã", Due: date("2026-12-31"), Parent: i(1)},
		{Text: "Thu nhập bình quân của người lao động trong hợp tác xã tăng 6 - 8% mỗi năm", Measure: "tăng thu nhập bình quân",
			Comparator: plan.CmpBetween, Value: f(6), ValueMax: f(8), Unit: "%"},
	}
	reporting = []plan.Duty{{Frequency: "yearly", Due: "12-15", Recipient: "Chủ tịch UBND tỉnh", Via: "Sở Tài chính"}}
	return implements, targets, reporting, "Sở Tài chính"
}
