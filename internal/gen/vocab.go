package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// agencySeed is one agency of the synthetic province. Names follow the
// provincial apparatus after the 2025 reorganisation; the four agencies
// that were merged away keep a successor link, as real data does.
type agencySeed struct {
	name, short, kind string
	aliases           []string
	collective        bool
	validFrom         string // "YYYY-MM-DD" or ""
	validTo           string // "YYYY-MM-DD" or "" (still exists)
	successor         string // name of the successor, or ""
	weight            int    // how often plans name it (1 = rarely)
}

func agencySeeds() []agencySeed {
	return []agencySeed{
		{name: "Sở Tài chính", short: "Sở TC", kind: "department", aliases: []string{"STC", "Sở Tài chính tỉnh"}, weight: 10},
		{name: "Sở Nông nghiệp và Môi trường", short: "Sở NN&MT", kind: "department", validFrom: "2025-03-01",
			aliases: []string{"Sở NNMT", "Sở Nông nghiệp - Môi trường"}, weight: 10},
		{name: "Sở Công Thương", short: "Sở CT", kind: "department", aliases: []string{"SCT"}, weight: 6},
		{name: "Sở Khoa học và Công nghệ", short: "Sở KH&CN", kind: "department", aliases: []string{"Sở KHCN", "Sở Khoa học - Công nghệ"}, weight: 5},
		{name: "Sở Nội vụ", short: "Sở NV", kind: "department", aliases: []string{"SNV"}, weight: 4},
		{name: "Sở Tư pháp", short: "Sở TP", kind: "department", aliases: []string{"STP"}, weight: 2},
		{name: "Sở Giáo dục và Đào tạo", short: "Sở GD&ĐT", kind: "department", aliases: []string{"Sở GDĐT"}, weight: 2},
		{name: "Sở Xây dựng", short: "Sở XD", kind: "department", aliases: []string{"SXD"}, weight: 2},
		{name: "Sở Y tế", short: "Sở YT", kind: "department", weight: 1},
		{name: "Sở Văn hóa, Thể thao và Du lịch", short: "Sở VH-TT&DL", kind: "department",
			aliases: []string{"Sở VHTTDL", "Sở Văn hóa - Thể thao - Du lịch"}, weight: 2},
		{name: "Sở Dân tộc và Tôn giáo", short: "Sở DT&TG", kind: "department", validFrom: "2025-03-01", weight: 2},
		{name: "Thanh tra tỉnh", short: "TTr tỉnh", kind: "other", weight: 1},
		{name: "Văn phòng UBND tỉnh", short: "VP UBND tỉnh", kind: "other", aliases: []string{"Văn phòng Ủy ban nhân dân tỉnh"}, weight: 2},
		{name: "Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh", short: "BQL KKT", kind: "other", weight: 1},
		{name: "Thuế tỉnh", short: "Thuế tỉnh", kind: "other", aliases: []string{"Cục Thuế tỉnh"}, weight: 2},
		{name: "Ngân hàng Nhà nước Khu vực", short: "NHNN Khu vực", kind: "bank",
			aliases: []string{"Ngân hàng Nhà nước chi nhánh tỉnh", "NHNN chi nhánh tỉnh"}, weight: 3},
		{name: "Ngân hàng Chính sách xã hội chi nhánh tỉnh", short: "NHCSXH tỉnh", kind: "bank", aliases: []string{"NHCSXH"}, weight: 2},
		{name: "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh", short: "Agribank tỉnh", kind: "bank",
			aliases: []string{"Agribank chi nhánh tỉnh"}, weight: 2},
		{name: "Liên minh Hợp tác xã tỉnh", short: "Liên minh HTX tỉnh", kind: "union",
			aliases: []string{"LMHTX tỉnh", "Liên minh HTX"}, weight: 9},
		{name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", short: "UBMTTQ tỉnh", kind: "front",
			aliases: []string{"Ủy ban MTTQ tỉnh", "Mặt trận Tổ quốc tỉnh"}, weight: 3},
		{name: "Hội Nông dân tỉnh", short: "Hội ND tỉnh", kind: "front", aliases: []string{"HND tỉnh"}, weight: 4},
		{name: "Hội Liên hiệp Phụ nữ tỉnh", short: "Hội LHPN tỉnh", kind: "front", aliases: []string{"Hội Phụ nữ tỉnh"}, weight: 3},
		{name: "Tỉnh đoàn", short: "Tỉnh đoàn", kind: "front", aliases: []string{"Đoàn Thanh niên tỉnh"}, weight: 2},
		{name: "Báo và Phát thanh, Truyền hình tỉnh", short: "Báo và PT-TH tỉnh", kind: "media", validFrom: "2025-07-01",
			aliases: []string{"Báo và Đài PT-TH tỉnh"}, weight: 3},
		// Merged away in 2025; their duties passed to the successor.
		{name: "Sở Kế hoạch và Đầu tư", short: "Sở KH&ĐT", kind: "department", validTo: "2025-02-28",
			successor: "Sở Tài chính", aliases: []string{"Sở KHĐT", "Sở Kế hoạch - Đầu tư"}, weight: 10},
		{name: "Sở Nông nghiệp và Phát triển nông thôn", short: "Sở NN&PTNT", kind: "department", validTo: "2025-02-28",
			successor: "Sở Nông nghiệp và Môi trường", aliases: []string{"Sở NNPTNT", "Sở Nông nghiệp và PTNT"}, weight: 8},
		{name: "Sở Tài nguyên và Môi trường", short: "Sở TN&MT", kind: "department", validTo: "2025-02-28",
			successor: "Sở Nông nghiệp và Môi trường", aliases: []string{"Sở TNMT"}, weight: 3},
		{name: "Sở Thông tin và Truyền thông", short: "Sở TT&TT", kind: "department", validTo: "2025-02-28",
			successor: "Sở Khoa học và Công nghệ", aliases: []string{"Sở TTTT"}, weight: 3},
		{name: "Sở Lao động, Thương binh và Xã hội", short: "Sở LĐ-TB&XH", kind: "department", validTo: "2025-02-28",
			successor: "Sở Nội vụ", aliases: []string{"Sở LĐTBXH"}, weight: 2},
		{name: "Báo tỉnh", short: "Báo tỉnh", kind: "media", validTo: "2025-06-30",
			successor: "Báo và Phát thanh, Truyền hình tỉnh", weight: 2},
		// Collective designations: one name that stands for many agencies.
		{name: "UBND các xã, phường", short: "UBND cấp xã", kind: "collective", collective: true,
			aliases: []string{"Ủy ban nhân dân các xã, phường", "UBND các xã, phường, đặc khu"}, weight: 8},
		{name: "UBND các huyện, thị xã, thành phố", short: "UBND cấp huyện", kind: "collective", collective: true,
			validTo: "2025-06-30", successor: "UBND các xã, phường",
			aliases: []string{"Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND các huyện, TX, TP"}, weight: 8},
		{name: "Các sở, ban, ngành, đơn vị có liên quan", short: "Các sở, ngành liên quan", kind: "collective", collective: true,
			aliases: []string{"Các sở, ngành, đơn vị liên quan", "Các sở, ban, ngành liên quan"}, weight: 8},
		{name: "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội các cấp", short: "MTTQ và các đoàn thể", kind: "collective",
			collective: true, aliases: []string{"Mặt trận Tổ quốc các cấp"}, weight: 4},
	}
}

// Plan documents: what they implement and what they are about.
var (
	planTypes = []struct{ code, word, suffix string }{
		{"KH", "Kế hoạch", "KH-UBND"}, {"KH", "Kế hoạch", "KH-UBND"}, {"KH", "Kế hoạch", "KH-UBND"},
		{"QĐ", "Quyết định ban hành Chương trình hành động", "QĐ-UBND"}, {"CTr", "Chương trình", "CTr-UBND"},
	}
	planBases = []string{
		"Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương",
		"Luật Hợp tác xã năm 2023",
		"Chiến lược phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021 - 2030",
		"Kết luận số 70-KL/TW của Bộ Chính trị",
		"Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ hợp tác xã",
		"Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
		"Chỉ thị của Thủ tướng Chính phủ về tăng cường phát triển kinh tế tập thể",
	}
	planTopics = []string{
		"tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể",
		"phát triển hợp tác xã nông nghiệp gắn với chuỗi giá trị",
		"hỗ trợ hợp tác xã ứng dụng công nghệ cao và chuyển đổi số",
		"củng cố, kiện toàn các hợp tác xã hoạt động yếu kém",
		"phát triển kinh tế tập thể trong lĩnh vực thương mại, dịch vụ",
		"nâng cao năng lực đội ngũ cán bộ quản lý hợp tác xã",
	}
	signers = []string{"Chủ tịch Nguyễn Văn Hải", "Phó Chủ tịch Trần Thị Hồng", "Phó Chủ tịch Lê Minh Đức",
		"Phó Chủ tịch Phạm Quốc Tuấn", "Chủ tịch Hoàng Thị Thu"}
	groupTitles = []string{
		"Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã",
		"Hoàn thiện cơ chế, chính sách hỗ trợ hợp tác xã",
		"Phát triển hợp tác xã nông nghiệp gắn với chuỗi giá trị",
		"Nâng cao năng lực quản trị và nguồn nhân lực của hợp tác xã",
		"Hỗ trợ tiếp cận vốn, đất đai và khoa học công nghệ",
		"Phát triển kinh tế tập thể trong các lĩnh vực phi nông nghiệp",
		"Nâng cao hiệu lực, hiệu quả quản lý nhà nước về kinh tế tập thể",
		"Tổ chức thực hiện, kiểm tra, giám sát và báo cáo",
	}
	romans = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}
)

// Task texts are composed: a verb, an object, a qualifier and sometimes a
// second sentence, so that thousands of tasks read differently and a search
// finds some of them, not all.
var (
	taskVerbs = []string{
		"Tuyên truyền, phổ biến", "Rà soát, đánh giá", "Xây dựng và triển khai", "Hướng dẫn thực hiện",
		"Hỗ trợ", "Tổ chức", "Đẩy mạnh", "Nghiên cứu, đề xuất", "Kiện toàn", "Bồi dưỡng, tập huấn về",
		"Triển khai", "Tham mưu ban hành", "Kiểm tra, giám sát", "Nhân rộng", "Phát triển",
		"Củng cố, nâng cao chất lượng", "Ưu tiên bố trí nguồn lực cho", "Lồng ghép", "Thí điểm", "Tổng kết, đánh giá",
	}
	taskObjects = []string{
		"chính sách hỗ trợ hợp tác xã", "mô hình hợp tác xã kiểu mới", "tổ hợp tác và hợp tác xã nông nghiệp",
		"nguồn vốn tín dụng ưu đãi cho hợp tác xã", "chuỗi liên kết sản xuất gắn với tiêu thụ sản phẩm",
		"đội ngũ cán bộ quản lý hợp tác xã", "sản phẩm OCOP của hợp tác xã", "ứng dụng công nghệ số trong hợp tác xã",
		"Luật Hợp tác xã năm 2023 và các văn bản hướng dẫn", "Nghị quyết số 20-NQ/TW",
		"Quỹ hỗ trợ phát triển hợp tác xã", "hạ tầng phục vụ sản xuất của hợp tác xã",
		"việc đăng ký, tổ chức lại hợp tác xã", "hợp tác xã hoạt động yếu kém, ngừng hoạt động",
		"liên hiệp hợp tác xã", "nhãn hiệu tập thể, chỉ dẫn địa lý", "mặt bằng sản xuất, kinh doanh cho hợp tác xã",
		"xúc tiến thương mại, kết nối thị trường cho hợp tác xã", "hợp tác xã du lịch cộng đồng",
		"hợp tác xã nuôi trồng, khai thác thủy sản", "bảo hiểm xã hội cho thành viên hợp tác xã",
		"cơ sở dữ liệu về kinh tế tập thể", "kinh tế tập thể trong lĩnh vực phi nông nghiệp",
		"đưa cán bộ trẻ có trình độ về làm việc tại hợp tác xã", "dịch vụ tư vấn, hỗ trợ hợp tác xã",
		"hợp tác xã quỹ tín dụng nhân dân",
	}
	taskQualifiers = []string{
		"trên địa bàn tỉnh", "tại các xã, phường", "theo quy định của pháp luật", "gắn với xây dựng nông thôn mới",
		"ở vùng đồng bào dân tộc thiểu số và miền núi", "phù hợp với điều kiện của từng địa phương",
		"bảo đảm công khai, minh bạch", "theo hướng bền vững", "gắn với chuyển đổi số",
		"cho thành viên và người lao động", "trong lĩnh vực nông nghiệp", "ở các vùng sản xuất hàng hóa tập trung",
	}
	taskFollowUps = []string{
		"Phấn đấu đến năm %[1]d có ít nhất %[2]d hợp tác xã đạt loại tốt.",
		"Định kỳ 6 tháng, hằng năm báo cáo kết quả về Sở Tài chính để tổng hợp.",
		"Chú trọng hỗ trợ hợp tác xã có phụ nữ, thanh niên làm giám đốc.",
		"Kinh phí thực hiện từ ngân sách nhà nước và các nguồn hợp pháp khác.",
		"Ưu tiên các hợp tác xã có sản phẩm chủ lực của địa phương.",
		"Mỗi năm tổ chức ít nhất %[3]d lớp tập huấn cho cán bộ hợp tác xã.",
		"Kết quả thực hiện là một tiêu chí đánh giá thi đua hằng năm.",
		"Đến năm %[1]d, %[2]d%% hợp tác xã áp dụng kế toán điện tử.",
	}
	freeTimeframes = []string{
		"Sau khi có hướng dẫn của Trung ương", "Theo tiến độ của dự án", "Hằng năm, trước kỳ họp HĐND tỉnh",
		"Khi có chủ trương của UBND tỉnh", "Năm 2026 và các năm tiếp theo", "Theo kế hoạch của Bộ",
	}
	noteClauses = []string{
		"đã tổ chức %[1]d hội nghị tập huấn cho %[2]d cán bộ hợp tác xã",
		"đã hỗ trợ %[1]d hợp tác xã tiếp cận vốn vay, dư nợ %[3]d tỷ đồng",
		"đã ban hành văn bản hướng dẫn gửi UBND các xã, phường",
		"đang rà soát, tổng hợp số liệu từ các địa phương",
		"đã thẩm định %[2]d hồ sơ đề nghị hỗ trợ",
		"đã đăng %[2]d tin, bài trên báo và cổng thông tin điện tử",
		"đã thành lập mới %[1]d hợp tác xã, %[3]d tổ hợp tác",
		"đang chờ hướng dẫn của bộ, ngành Trung ương",
		"đã giải ngân %[4]d%% kế hoạch vốn được giao",
		"đã kiểm tra %[1]d hợp tác xã, kiến nghị xử lý %[3]d trường hợp",
		"đã xây dựng dự thảo, lấy ý kiến các sở, ngành",
		"đã hỗ trợ %[1]d hợp tác xã tham gia hội chợ, xúc tiến thương mại",
	}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// fill formats a template with indexed verbs; a template without any is
// returned as it is (fmt would append the unused arguments).
func fill(tmpl string, args ...any) string {
	if !strings.Contains(tmpl, "%[") {
		return tmpl
	}
	return fmt.Sprintf(tmpl, args...)
}

// taskContent composes one task's text.
func taskContent(r *rand.Rand, year int) string {
	var b strings.Builder
	b.WriteString(pick(r, taskVerbs))
	b.WriteByte(' ')
	b.WriteString(pick(r, taskObjects))
	b.WriteByte(' ')
	b.WriteString(pick(r, taskQualifiers))
	b.WriteByte('.')
	if r.IntN(2) == 0 {
		b.WriteByte(' ')
		b.WriteString(fill(pick(r, taskFollowUps), year+2+r.IntN(4), 5+r.IntN(60), 2+r.IntN(6)))
	}
	return b.String()
}

// timeframeText writes a timeframe the way plans do, in one of every kind.
func timeframeText(r *rand.Rand, year int) string {
	y := year + r.IntN(3)
	near := year + r.IntN(2) // quarters and days are set close to the plan
	quarters := []string{"I", "II", "III", "IV"}
	switch n := r.IntN(100); {
	case n < 28:
		return pick(r, []string{"Thường xuyên", "Thường xuyên", "thường xuyên"})
	case n < 42:
		return pick(r, []string{fmt.Sprint(y), "Năm " + fmt.Sprint(y)})
	case n < 56:
		y2 := y + 1 + r.IntN(3)
		return fmt.Sprintf(pick(r, []string{"%d-%d", "%d – %d", "giai đoạn %d - %d"}), year, y2)
	case n < 70:
		return fmt.Sprintf(pick(r, []string{"Quý %s/%d", "Quý %s năm %d"}), pick(r, quarters), near)
	case n < 90:
		switch r.IntN(4) {
		case 0:
			return "trước ngày 30/12" // the plan's own year
		case 1:
			return fmt.Sprintf("Tháng %d/%d", 1+r.IntN(12), near)
		default:
			d := pick(r, []string{"30/6", "31/12", "15/9", "31/3", "30/11"})
			return fmt.Sprintf("%s/%d", d, near)
		}
	default:
		return pick(r, freeTimeframes)
	}
}

// progressNote writes what an agency reports.
func progressNote(r *rand.Rand, quarter, year int, done bool) string {
	args := []any{1 + r.IntN(40), 10 + r.IntN(300), 1 + r.IntN(25), 10 + r.IntN(90)}
	s := fill(pick(r, noteClauses), args...)
	if r.IntN(3) == 0 {
		s += "; " + fill(pick(r, noteClauses), args...)
	}
	prefix := fmt.Sprintf("Quý %s/%d: ", romans[quarter-1], year)
	if done {
		return prefix + "hoàn thành nhiệm vụ, " + s + "."
	}
	return prefix + s + "."
}
