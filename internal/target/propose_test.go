package target

import (
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"
)

func TestPropose(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Xây dựng 10 HỢP TÁC XÃ ĐIỂN HÌNH TIÊN TIẾN", indicator.Exemplary},
		{"xay dung hop tac xa dien hinh tien tien", indicator.Exemplary},
		{"đóng góp 1,0-1,2% GRDP", indicator.GRDPShare},
		{"chuyển đổi theo Luật Hợp tác xã năm 2012", indicator.ShareLaw2012},
		{"chuyển đổi mô hình sản xuất", ""},
		{"các hợp tác xã khác hoạt động tốt", ""}, // "khác" is not "khá"
		{"70% hợp tác xã hoạt động tốt, khá", indicator.ShareGoodFair},
		{"tham gia chuỗi giá trị", indicator.ShareValueChain},
		{"tăng thu nhập bình quân của người lao động", indicator.AvgIncome},
		{"thường xuyên được đào tạo lại", indicator.ShareManagersTrained},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			got, ok := Propose(c.text)
			if got != c.want || ok != (c.want != "") {
				t.Errorf("Propose = %q %v, want %q", got, ok, c.want)
			}
		})
	}
	for _, k := range keywords {
		if !Known(k.id) {
			t.Errorf("keyword table names unknown indicator %q", k.id)
		}
	}
}
