package registerimport

import (
	"strings"

	"github.com/hoptac/hoptac/internal/sheet"
)

// Codes of the register's lists. The labels provinces write map to them
// after sheet.Squeeze; the code itself is accepted too, so a file this
// package's own export wrote reads back.
const (
	FormTHT   = "tht"
	FormHTX   = "htx"
	FormLHHTX = "lhhtx"
)

var forms = labels(map[string][]string{
	FormTHT:   {"Tổ hợp tác", "THT"},
	FormHTX:   {"Hợp tác xã", "HTX", "Quỹ tín dụng nhân dân", "QTDND", "Quỹ TDND"},
	FormLHHTX: {"Liên hiệp hợp tác xã", "Liên hiệp HTX", "LHHTX", "LH HTX"},
})

// Sectors of the Law on Cooperatives 2023, as the register keeps them.
var sectors = labels(map[string][]string{
	"agriculture":  {"Nông nghiệp", "Nông, lâm, ngư nghiệp", "Nông lâm thủy sản", "Nông nghiệp, thủy sản", "Thủy sản", "Lâm nghiệp", "Chăn nuôi", "Trồng trọt", "Diêm nghiệp"},
	"industry":     {"Công nghiệp", "Tiểu thủ công nghiệp", "Công nghiệp, tiểu thủ công nghiệp", "Công nghiệp - tiểu thủ công nghiệp", "CN-TTCN", "TTCN", "Thủ công mỹ nghệ", "Làng nghề"},
	"construction": {"Xây dựng"},
	"trade":        {"Thương mại", "Dịch vụ", "Thương mại, dịch vụ", "Thương mại - dịch vụ", "TM-DV", "Dịch vụ tổng hợp"},
	"transport":    {"Vận tải", "Giao thông vận tải", "Vận tải hành khách", "Vận tải hàng hóa"},
	"credit":       {"Tín dụng", "Quỹ tín dụng nhân dân", "QTDND", "Tài chính, tín dụng"},
	"environment":  {"Môi trường", "Vệ sinh môi trường", "Thu gom rác"},
	"market":       {"Quản lý chợ", "Kinh doanh chợ", "Chợ", "Quản lý, khai thác chợ"},
	"water":        {"Nước sạch", "Cấp nước", "Nước sạch nông thôn", "Cung cấp nước sạch"},
	"other":        {"Khác", "Lĩnh vực khác", "Ngành khác"},
})

var statuses = labels(map[string][]string{
	"active":    {"Đang hoạt động", "Hoạt động", "Hoạt động bình thường"},
	"suspended": {"Tạm ngừng", "Tạm ngừng hoạt động", "Ngừng hoạt động", "Tạm ngưng hoạt động"},
	"dissolved": {"Giải thể", "Đã giải thể"},
	"merged":    {"Sáp nhập", "Đã sáp nhập", "Hợp nhất", "Sáp nhập, hợp nhất"},
	"bankrupt":  {"Phá sản"},
	"revoked":   {"Thu hồi", "Thu hồi giấy chứng nhận", "Bị thu hồi giấy chứng nhận", "Thu hồi GCN", "Thu hồi giấy chứng nhận đăng ký"},
})

var ratings = labels(map[string][]string{
	"good":    {"Tốt", "Loại tốt", "A"},
	"fair":    {"Khá", "Loại khá", "B"},
	"average": {"Trung bình", "Loại trung bình", "TB", "C"},
	"weak":    {"Yếu", "Yếu kém", "Kém", "Loại yếu", "D"},
})

// labels indexes label → code by squeezed label, the code included.
func labels(m map[string][]string) map[string]string {
	out := map[string]string{}
	for code, ls := range m {
		out[sheet.Squeeze(code)] = code
		for _, l := range ls {
			out[sheet.Squeeze(l)] = code
			out["="+l] = code // the label as written: found without squeezing
		}
	}
	return out
}

// lookup returns the code a label names; ok is false for an unknown one.
func lookup(m map[string]string, label string) (string, bool) {
	if c, ok := m["="+label]; ok {
		return c, true
	}
	c, ok := m[sheet.Squeeze(label)]
	return c, ok
}

// formFromName infers the legal form from a name that starts with it
// ("HTX Nông nghiệp Tân Hòa", "Tổ hợp tác …"), for files without a form
// column; "" when the name does not say.
func formFromName(name string) string {
	s := sheet.Squeeze(name) + " "
	for _, p := range []struct{ prefix, form string }{
		{"lien hiep hop tac xa ", FormLHHTX}, {"lien hiep htx ", FormLHHTX}, {"lhhtx ", FormLHHTX},
		{"to hop tac ", FormTHT}, {"tht ", FormTHT},
		{"hop tac xa ", FormHTX}, {"htx ", FormHTX}, {"quy tin dung nhan dan ", FormHTX}, {"qtdnd ", FormHTX},
	} {
		if strings.HasPrefix(s, p.prefix) {
			return p.form
		}
	}
	return ""
}

// isCreditFund reports a people's credit fund, an HTX of the credit sector.
func isCreditFund(s string) bool {
	q := sheet.Squeeze(s)
	return strings.HasPrefix(q, "quy tin dung nhan dan") || strings.HasPrefix(q, "qtdnd") || q == "quy tdnd"
}

// parseBool reads the marks provinces put in yes/no columns.
func parseBool(s string) (bool, bool) {
	switch sheet.Squeeze(s) {
	case "x", "co", "1", "dat", "yes", "true", "v":
		return true, true
	case "khong", "0", "no", "false", "chua", "k":
		return false, true
	}
	return false, false
}
