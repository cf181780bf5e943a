package demo

// This file holds the demo dataset: the agencies of tỉnh Nghệ An as they were
// in 2024 and after the reorganisation of 2025, and one provincial action plan
// on the collective economy with its tasks and the progress reported on them.
// The plan's number, the Party committee plan it implements, all figures and
// the signer are invented; Resolution 20-NQ/TW (2022) and the Law on
// Cooperatives 2023 it cites are real.

// agencySeed describes one agency or collective designation.
type agencySeed struct {
	Name       string   // full official name, e.g. "Sở Kế hoạch và Đầu tư"
	Short      string   // short name, e.g. "Sở KH&ĐT"
	Kind       string   // "department", "committee", "union", "front", "media", "bank", "other", "collective"
	Aliases    []string // other spellings seen in documents
	Collective bool     // a collective designation such as "UBND các huyện, thị xã, thành phố"
	ValidFrom  string   // "YYYY-MM-DD" or ""
	ValidTo    string   // "YYYY-MM-DD" or "" (still exists)
	Successor  string   // Name of the successor agency, or ""
}

// taskSeed is one numbered row of a plan's task table.
type taskSeed struct {
	Code      string   // "1", "2", … within the group; "" for a task with no number
	Content   string   // 1–3 sentences
	Lead      []string // agency Names
	Support   []string // agency Names
	Timeframe string   // as written in the plan
	Progress  []progressSeed
}

// progressSeed is one progress entry recorded by a lead agency.
type progressSeed struct {
	Status  string // "in_progress" or "done"
	Percent int    // 0..100, or -1 for none
	Note    string // what the agency did
	On      string // "YYYY-MM-DD"
}

// groupSeed is a Roman-numbered group of tasks.
type groupSeed struct {
	Code  string // "I", "II", …
	Title string
	Tasks []taskSeed
}

// planSeed is the plan document with its task table.
type planSeed struct {
	Number   string
	Type     string
	Title    string
	Issuer   string
	IssuedOn string
	Signer   string
	Summary  string
	Groups   []groupSeed
}

// actionPlan returns the demo plan: 5 groups, 18 tasks (2/10/3/2/1), issued
// in August 2024, with progress reported up to November 2026.
func actionPlan() planSeed {
	// Agency names, as they appear in agencies().
	const (
		agKHDT     = "Sở Kế hoạch và Đầu tư"
		agTC       = "Sở Tài chính"
		agNNPTNT   = "Sở Nông nghiệp và Phát triển nông thôn"
		agTNMT     = "Sở Tài nguyên và Môi trường"
		agCT       = "Sở Công Thương"
		agKHCN     = "Sở Khoa học và Công nghệ"
		agTTTT     = "Sở Thông tin và Truyền thông"
		agLDTBXH   = "Sở Lao động, Thương binh và Xã hội"
		agNV       = "Sở Nội vụ"
		agTP       = "Sở Tư pháp"
		agGDDT     = "Sở Giáo dục và Đào tạo"
		agLMHTX    = "Liên minh Hợp tác xã tỉnh"
		agHND      = "Hội Nông dân tỉnh"
		agHLHPN    = "Hội Liên hiệp Phụ nữ tỉnh"
		agBao      = "Báo Nghệ An"
		agDai      = "Đài Phát thanh và Truyền hình Nghệ An"
		agNHNN     = "Ngân hàng Nhà nước chi nhánh Nghệ An"
		agThue     = "Cục Thuế tỉnh"
		agVP       = "Văn phòng UBND tỉnh"
		agHuyen    = "UBND các huyện, thị xã, thành phố"
		agSoNganh  = "Các sở, ban, ngành, đơn vị có liên quan"
		agMTDoanTh = "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội các cấp"
	)
	return planSeed{
		Number:   "563/KH-UBND",
		Type:     "KH",
		Title:    "Kế hoạch hành động thực hiện Kế hoạch số 318-KH/TU ngày 12/6/2024 của Ban Thường vụ Tỉnh ủy về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới trên địa bàn tỉnh Nghệ An",
		Issuer:   "UBND tỉnh Nghệ An",
		IssuedOn: "2024-08-20",
		Signer:   "Phó Chủ tịch Đặng Quốc Huy",
		Summary: "Kế hoạch cụ thể hóa Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương và Kế hoạch số 318-KH/TU của Ban Thường vụ Tỉnh ủy thành những nhiệm vụ có đơn vị chịu trách nhiệm và thời hạn rõ ràng. " +
			"Gồm 5 nhóm nội dung với 18 nhiệm vụ; mỗi sở, ngành và địa phương căn cứ vào đó xây dựng kế hoạch riêng và lồng ghép vào kế hoạch phát triển kinh tế - xã hội hằng năm. " +
			"Các đơn vị báo cáo kết quả 6 tháng và cả năm về Sở Kế hoạch và Đầu tư, cơ quan đầu mối theo dõi, đôn đốc và tổng hợp trình Chủ tịch UBND tỉnh.",
		Groups: []groupSeed{
			{
				Code:  "I",
				Title: "Đẩy mạnh thông tin, tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã",
				Tasks: []taskSeed{
					{
						Code:      "1",
						Content:   "Hướng dẫn các cơ quan báo chí, cổng thông tin điện tử và hệ thống thông tin cơ sở trong tỉnh xây dựng kế hoạch tuyên truyền Nghị quyết số 20-NQ/TW và Luật Hợp tác xã năm 2023. Chú trọng giới thiệu bản chất và nguyên tắc tổ chức của hợp tác xã kiểu mới để người dân phân biệt rõ với mô hình hợp tác xã trước đây.",
						Lead:      []string{agTTTT},
						Support:   []string{agBao, agDai, agHuyen, agSoNganh},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-10-14", Note: "Đã ban hành văn bản hướng dẫn tuyên truyền Luật Hợp tác xã năm 2023 gửi các cơ quan báo chí và UBND các huyện, thị xã, thành phố; đăng bộ tài liệu hỏi - đáp về hợp tác xã kiểu mới trên Cổng thông tin điện tử tỉnh."},
							{Status: "in_progress", Percent: -1, On: "2025-07-08", Note: "Sau khi tiếp nhận lĩnh vực thông tin, truyền thông, Sở đã cung cấp 12 bản tin mẫu về hợp tác xã cho hệ thống truyền thanh cơ sở và phối hợp phát trên các cụm loa thông minh ở xã."},
							{Status: "in_progress", Percent: -1, On: "2026-07-06", Note: "Tổ chức tọa đàm trực tuyến về hợp tác xã kiểu mới với hơn 1.500 lượt theo dõi; 6 tháng đầu năm 2026 các cơ quan báo chí trong tỉnh đăng, phát 86 tin, bài về kinh tế tập thể."},
						},
					},
					{
						Code:      "2",
						Content:   "Duy trì chuyên trang, chuyên mục định kỳ về kinh tế hợp tác trên báo in, báo điện tử, sóng phát thanh và truyền hình. Phản ánh các hợp tác xã làm ăn hiệu quả, gương giám đốc hợp tác xã trẻ, đồng thời nêu những vướng mắc trong thực thi chính sách để cơ quan chức năng kịp thời tháo gỡ.",
						Lead:      []string{agBao, agDai},
						Support:   []string{agLMHTX, agSoNganh},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-12-27", Note: "Báo Nghệ An mở chuyên mục \"Kinh tế hợp tác\" ra hằng tháng, đã đăng 14 bài; Đài Phát thanh và Truyền hình phát sóng 9 phóng sự về hợp tác xã trồng cam, chè và nuôi trồng thủy sản."},
							{Status: "in_progress", Percent: -1, On: "2025-12-22", Note: "Năm 2025 đã đăng, phát 162 tin, bài, phóng sự về kinh tế tập thể, trong đó có loạt bài 3 kỳ về hợp tác xã chuyển đổi số và bán nông sản qua livestream."},
						},
					},
				},
			},
			{
				Code:  "II",
				Title: "Hoàn thiện cơ chế, chính sách và triển khai các chương trình hỗ trợ phát triển kinh tế tập thể, hợp tác xã",
				Tasks: []taskSeed{
					{
						Code:      "1",
						Content:   "Xây dựng cơ sở dữ liệu số về tổ hợp tác, hợp tác xã và liên hiệp hợp tác xã trên địa bàn tỉnh; đối chiếu, làm sạch số liệu đăng ký giữa cấp tỉnh và cấp huyện. Kết nối với Hệ thống thông tin quốc gia về hợp tác xã và công khai danh bạ các hợp tác xã đang hoạt động.",
						Lead:      []string{agKHDT},
						Support:   []string{agTTTT, agThue, agLMHTX, agHuyen},
						Timeframe: "Quý II/2025",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 20, On: "2024-11-12", Note: "Đã rà soát hồ sơ đăng ký của 1.047 hợp tác xã; 138 hợp tác xã có mã số thuế hoặc địa chỉ trụ sở không khớp giữa các nguồn, danh sách đã gửi Cục Thuế tỉnh và UBND cấp huyện để đối chiếu."},
							{Status: "in_progress", Percent: 45, On: "2025-06-25", Note: "Sở Tài chính tiếp nhận nhiệm vụ sau hợp nhất; đã hoàn thành cấu trúc dữ liệu và nhập thông tin của 812 hợp tác xã. Việc đối chiếu ở cấp huyện bị chậm do địa phương đang sắp xếp đơn vị hành chính."},
							{Status: "in_progress", Percent: 75, On: "2026-09-30", Note: "Đã chuyển dữ liệu sang địa bàn 130 xã, phường mới và công khai thử nghiệm danh bạ 964 hợp tác xã đang hoạt động; phần kết nối với hệ thống quốc gia đang chờ hướng dẫn kỹ thuật của Bộ Tài chính."},
						},
					},
					{
						Code:      "2",
						Content:   "Hằng năm cân đối, bố trí ngân sách địa phương để thực hiện các chính sách hỗ trợ hợp tác xã theo Luật Hợp tác xã năm 2023. Tranh thủ nguồn vốn ODA, vốn tài trợ của các tổ chức quốc tế để đầu tư hạ tầng phục vụ sản xuất dùng chung cho hợp tác xã.",
						Lead:      []string{agKHDT, agTC, agHuyen},
						Support:   []string{agLMHTX, agSoNganh},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-12-10", Note: "Tham mưu UBND tỉnh bố trí 18,5 tỷ đồng trong dự toán năm 2025 cho các nội dung hỗ trợ hợp tác xã: đào tạo, xúc tiến thương mại và đầu tư hạ tầng dùng chung."},
							{Status: "in_progress", Percent: -1, On: "2025-12-15", Note: "Năm 2025 đã giải ngân 16,2 tỷ đồng, hỗ trợ 47 hợp tác xã xây nhà sơ chế, kho lạnh và hệ thống tưới; Sở Tài chính đã dự kiến 21 tỷ đồng cho năm 2026."},
						},
					},
					{
						Code:      "3",
						Content:   "Hỗ trợ thành lập mới và củng cố các hợp tác xã nông nghiệp liên kết theo chuỗi giá trị đối với sản phẩm chủ lực của tỉnh như cam Vinh, chè Thanh Chương, lạc, gừng và dược liệu miền Tây Nghệ An. Phấn đấu mỗi sản phẩm chủ lực có ít nhất hai hợp tác xã ký hợp đồng tiêu thụ ổn định với doanh nghiệp.",
						Lead:      []string{agNNPTNT},
						Support:   []string{agCT, agLMHTX, agHuyen},
						Timeframe: "2024-2026",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 15, On: "2024-12-05", Note: "Khảo sát 64 hợp tác xã trồng cam, chè và dược liệu tại Nghĩa Đàn, Quỳ Hợp, Thanh Chương, Con Cuông; lập danh sách 22 hợp tác xã đủ điều kiện tham gia liên kết chuỗi."},
							{Status: "in_progress", Percent: 40, On: "2025-09-16", Note: "Sở Nông nghiệp và Môi trường đã hỗ trợ 9 hợp tác xã ký hợp đồng bao tiêu với doanh nghiệp, trong đó có 3 hợp tác xã trồng cam cung ứng cho hệ thống siêu thị."},
							{Status: "in_progress", Percent: 70, On: "2026-10-21", Note: "Hiện có 16 hợp tác xã còn hợp đồng liên kết tiêu thụ có hiệu lực; riêng sản phẩm lạc và gừng mới có một hợp tác xã tham gia chuỗi, đang tiếp tục vận động trong quý IV."},
						},
					},
					{
						Code:      "4",
						Content:   "Rà soát các hợp tác xã ngừng hoạt động nhiều năm hoặc chỉ còn tồn tại trên giấy tờ; hướng dẫn giải thể tự nguyện hoặc thu hồi giấy chứng nhận đăng ký theo quy định. Xử lý dứt điểm công nợ và tài sản không chia để danh sách hợp tác xã của tỉnh phản ánh đúng thực tế.",
						Lead:      []string{agKHDT, agHuyen},
						Support:   []string{agThue, agTNMT, agSoNganh},
						Timeframe: "Quý IV/2025",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 30, On: "2025-01-20", Note: "Xác định 96 hợp tác xã không hoạt động từ 12 tháng trở lên; đã gửi thông báo yêu cầu từng hợp tác xã báo cáo tình trạng hoạt động."},
							{Status: "in_progress", Percent: 70, On: "2025-10-31", Note: "Sở Tài chính đã thu hồi giấy chứng nhận đăng ký của 41 hợp tác xã; 23 hợp tác xã còn vướng quyết toán thuế và tài sản không chia nên chưa hoàn tất thủ tục giải thể."},
							{Status: "done", Percent: 100, On: "2026-03-20", Note: "Đã xử lý xong cả 96 hợp tác xã trong danh sách: 58 hợp tác xã giải thể hoặc bị thu hồi giấy chứng nhận, 38 hợp tác xã hoạt động trở lại và đã cập nhật thông tin đăng ký."},
						},
					},
					{
						Code:      "5",
						Content:   "Hỗ trợ hợp tác xã tham gia hội chợ, tuần hàng và các chương trình kết nối cung cầu trong và ngoài tỉnh. Hướng dẫn hợp tác xã có sản phẩm OCOP mở gian hàng trên các sàn thương mại điện tử và đào tạo kỹ năng bán hàng trực tuyến.",
						Lead:      []string{agCT},
						Support:   []string{agNNPTNT, agTTTT, agLMHTX, agHuyen},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-11-28", Note: "Hỗ trợ 35 hợp tác xã trưng bày sản phẩm tại hội chợ nông sản và sản phẩm OCOP ở thành phố Vinh; 12 hợp tác xã ký được biên bản ghi nhớ tiêu thụ."},
							{Status: "in_progress", Percent: -1, On: "2025-08-14", Note: "Phối hợp với các sàn thương mại điện tử mở lớp bán hàng qua livestream cho 180 học viên của 95 hợp tác xã; 61 hợp tác xã đã có gian hàng trực tuyến đang hoạt động."},
							{Status: "in_progress", Percent: -1, On: "2026-06-30", Note: "Tổ chức 2 phiên kết nối giao thương với doanh nghiệp phân phối tại Hà Nội và Thành phố Hồ Chí Minh; doanh số bán qua sàn của các hợp tác xã tham gia tăng khoảng 30% so với cùng kỳ."},
						},
					},
					{
						Code:      "6",
						Content:   "Hỗ trợ hợp tác xã ứng dụng tiến bộ kỹ thuật trong sơ chế, bảo quản và chế biến nông sản. Xây dựng, quản lý và phát triển nhãn hiệu tập thể, nhãn hiệu chứng nhận; áp dụng tem truy xuất nguồn gốc điện tử cho sản phẩm của hợp tác xã.",
						Lead:      []string{agKHCN},
						Support:   []string{agNNPTNT, agLMHTX, agSoNganh},
						Timeframe: "2025 – 2030",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 10, On: "2025-04-22", Note: "Phê duyệt 3 nhiệm vụ khoa học cấp tỉnh do hợp tác xã chủ trì về bảo quản cam sau thu hoạch, chế biến chè xanh và sấy gừng."},
							{Status: "in_progress", Percent: 30, On: "2026-08-05", Note: "Hỗ trợ 27 hợp tác xã gắn tem truy xuất nguồn gốc bằng mã QR; hướng dẫn 4 hợp tác xã hoàn thiện hồ sơ đăng ký nhãn hiệu tập thể."},
						},
					},
					{
						Code:      "7",
						Content:   "Xây dựng và triển khai chương trình phát triển hợp tác xã nông nghiệp ứng dụng công nghệ cao, ưu tiên các mô hình nhà màng, tưới tiết kiệm và chăn nuôi khép kín. Hỗ trợ hợp tác xã tiếp cận quỹ đất để sản xuất tập trung, quy mô lớn.",
						Lead:      []string{agNNPTNT},
						Support:   []string{agTNMT, agKHCN, agHuyen},
						Timeframe: "Năm 2026",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 20, On: "2026-02-10", Note: "Sở Nông nghiệp và Môi trường đã ban hành bộ tiêu chí xác định hợp tác xã nông nghiệp ứng dụng công nghệ cao và danh sách 15 hợp tác xã đăng ký tham gia chương trình."},
							{Status: "in_progress", Percent: 55, On: "2026-09-18", Note: "Hỗ trợ 8 hợp tác xã đầu tư 6,4 ha nhà màng và hệ thống tưới nhỏ giọt; 2 hợp tác xã được cho thuê đất ổn định 20 năm để sản xuất rau an toàn."},
						},
					},
					{
						Code:      "8",
						Content:   "Lồng ghép mục tiêu phát triển kinh tế tập thể vào các chương trình mục tiêu quốc gia về xây dựng nông thôn mới, giảm nghèo bền vững và phát triển vùng đồng bào dân tộc thiểu số, miền núi. Ưu tiên giao hợp tác xã chủ trì liên kết trong các dự án hỗ trợ phát triển sản xuất cộng đồng.",
						Lead:      []string{agKHDT, agNNPTNT, agLDTBXH, agHuyen},
						Support:   []string{agHND, agSoNganh},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-12-18", Note: "Đã hướng dẫn các huyện ưu tiên hợp tác xã làm đơn vị chủ trì liên kết; năm 2024 có 52 dự án hỗ trợ phát triển sản xuất do hợp tác xã chủ trì được phê duyệt."},
							{Status: "in_progress", Percent: -1, On: "2025-12-26", Note: "Năm 2025 có 74 hợp tác xã tham gia các dự án hỗ trợ phát triển sản xuất thuộc chương trình mục tiêu quốc gia, tổng vốn hỗ trợ 38,7 tỷ đồng."},
						},
					},
					{
						Code:      "9",
						Content:   "Sửa đổi điều lệ và quy chế cho vay của Quỹ hỗ trợ phát triển hợp tác xã tỉnh cho phù hợp với Luật Hợp tác xã năm 2023. Đơn giản hóa hồ sơ vay vốn, ưu tiên hợp tác xã tham gia chuỗi giá trị và tham mưu bổ sung vốn điều lệ cho Quỹ.",
						Lead:      []string{agLMHTX},
						Support:   []string{agTC, agNHNN},
						Timeframe: "2025",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 40, On: "2025-03-18", Note: "Hoàn thành dự thảo điều lệ và quy chế cho vay sửa đổi của Quỹ; đã gửi lấy ý kiến các cơ quan liên quan."},
							{Status: "done", Percent: 100, On: "2025-11-28", Note: "UBND tỉnh đã phê duyệt điều lệ sửa đổi; hồ sơ vay giảm từ 11 xuống 6 loại giấy tờ, mức cho vay tối đa nâng lên 1,5 tỷ đồng mỗi hợp tác xã và ngân sách tỉnh bổ sung 10 tỷ đồng vốn điều lệ cho Quỹ."},
						},
					},
					{
						Code:      "10",
						Content:   "Chỉ đạo các tổ chức tín dụng và quỹ tín dụng nhân dân trên địa bàn mở rộng cho vay đối với hợp tác xã, nhất là cho vay theo chuỗi liên kết và sản xuất nông nghiệp ứng dụng công nghệ cao. Định kỳ tổ chức hội nghị đối thoại, kết nối ngân hàng với hợp tác xã.",
						Lead:      []string{agNHNN},
						Support:   []string{agLMHTX, agHND, agHLHPN, agHuyen},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-12-20", Note: "Tổ chức 2 hội nghị kết nối ngân hàng - hợp tác xã tại Diễn Châu và Nghĩa Đàn với 130 hợp tác xã tham dự; dư nợ cho vay hợp tác xã đến 30/11/2024 đạt 412 tỷ đồng."},
							{Status: "in_progress", Percent: -1, On: "2025-12-29", Note: "Dư nợ cho vay khu vực kinh tế tập thể đạt 468 tỷ đồng, tăng 13,6% so với cuối năm 2024; 19 hợp tác xã được vay theo chuỗi liên kết mà không phải thế chấp tài sản."},
						},
					},
				},
			},
			{
				Code:  "III",
				Title: "Kiện toàn bộ máy, nâng cao hiệu lực, hiệu quả quản lý nhà nước về kinh tế tập thể",
				Tasks: []taskSeed{
					{
						Code:      "1",
						Content:   "Kiện toàn Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể của tỉnh và cấp huyện. Phân công cụ thể công chức theo dõi kinh tế tập thể tại phòng chuyên môn cấp huyện và Ủy ban nhân dân cấp xã.",
						Lead:      []string{agNV, agHuyen},
						Support:   []string{agKHDT, agSoNganh},
						Timeframe: "trước ngày 30/12",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 50, On: "2024-10-25", Note: "Đã trình UBND tỉnh dự thảo quyết định kiện toàn Ban Chỉ đạo cấp tỉnh; 15 huyện, thị xã, thành phố đã có văn bản phân công công chức theo dõi kinh tế tập thể."},
							{Status: "done", Percent: 100, On: "2024-12-16", Note: "UBND tỉnh đã ban hành quyết định kiện toàn Ban Chỉ đạo; tất cả các huyện, thị xã, thành phố đã kiện toàn Ban Chỉ đạo cấp huyện và phân công công chức kiêm nhiệm."},
						},
					},
					{
						Code:      "2",
						Content:   "Xây dựng, trình UBND tỉnh ban hành Quy chế phối hợp giữa các sở, ngành và địa phương trong quản lý nhà nước về kinh tế tập thể. Quy chế cần quy định rõ trách nhiệm báo cáo, chia sẻ số liệu và đầu mối theo dõi hợp tác xã trong từng lĩnh vực.",
						Lead:      []string{agKHDT},
						Support:   []string{agNV, agTP, agSoNganh, agHuyen},
						Timeframe: "30/6/2026",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: 20, On: "2025-01-15", Note: "Hoàn thành dự thảo lần 1 Quy chế phối hợp và gửi lấy ý kiến 18 sở, ngành."},
							{Status: "in_progress", Percent: 35, On: "2025-08-20", Note: "Sở Tài chính tiếp nhận nhiệm vụ; dự thảo phải biên tập lại do tên gọi, chức năng các sở đã thay đổi sau sắp xếp và không còn cấp huyện."},
							{Status: "in_progress", Percent: 70, On: "2026-10-08", Note: "Dự thảo lần 3 đã có ý kiến thẩm định của Sở Tư pháp; đang tiếp thu, hoàn thiện để trình UBND tỉnh trong tháng 12/2026."},
						},
					},
					{
						Code:      "3",
						Content:   "Rà soát các văn bản quy phạm pháp luật do tỉnh ban hành liên quan đến kinh tế tập thể, đề xuất sửa đổi hoặc bãi bỏ những nội dung không còn phù hợp với Luật Hợp tác xã năm 2023. Tăng cường phổ biến pháp luật về hợp tác xã cho cán bộ cấp xã và thành viên hợp tác xã.",
						Lead:      []string{agTP},
						Support:   []string{agVP, agKHDT, agSoNganh},
						Timeframe: "Quý IV/2026",
					},
				},
			},
			{
				Code:  "IV",
				Title: "Nâng cao chất lượng hoạt động của Liên minh Hợp tác xã tỉnh",
				Tasks: []taskSeed{
					{
						Code:      "1",
						Content:   "Xây dựng Đề án đổi mới nội dung, phương thức hoạt động của Liên minh Hợp tác xã tỉnh, tăng cường dịch vụ tư vấn pháp lý, tài chính - kế toán và chuyển đổi số cho hợp tác xã. Thu hút các hợp tác xã mới thành lập tham gia làm thành viên của Liên minh.",
						Lead:      []string{agLMHTX},
						Support:   []string{agNV, agTC, agSoNganh},
						Timeframe: "Quý I/2027",
					},
					{
						Code:      "2",
						Content:   "Hằng năm tổ chức đào tạo, bồi dưỡng cho cán bộ quản lý, kiểm soát viên và kế toán hợp tác xã. Phối hợp với các cơ sở giáo dục nghề nghiệp mở lớp ngắn hạn về quản trị, lập phương án kinh doanh và sử dụng phần mềm kế toán.",
						Lead:      []string{agLMHTX},
						Support:   []string{agLDTBXH, agGDDT, agHuyen},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2024-11-22", Note: "Đã tổ chức 4 lớp bồi dưỡng cho 240 chủ tịch hội đồng quản trị, giám đốc và kế toán hợp tác xã tại thành phố Vinh, Đô Lương và Quỳ Châu."},
							{Status: "in_progress", Percent: -1, On: "2025-11-10", Note: "Năm 2025 đào tạo, bồi dưỡng 620 lượt cán bộ hợp tác xã, trong đó có 2 lớp chuyên đề về hóa đơn điện tử và phần mềm kế toán; tư vấn cho 35 hợp tác xã lập phương án sản xuất, kinh doanh."},
							{Status: "in_progress", Percent: -1, On: "2026-09-25", Note: "Phối hợp với một trường cao đẳng của tỉnh mở 3 lớp quản trị hợp tác xã cho 105 học viên; 12 cán bộ trẻ có trình độ đại học đã về làm việc tại hợp tác xã."},
						},
					},
				},
			},
			{
				Code:  "V",
				Title: "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội đồng hành cùng kinh tế tập thể",
				Tasks: []taskSeed{
					{
						Code:      "",
						Content:   "Vận động đoàn viên, hội viên tự nguyện liên kết thành tổ hợp tác, hợp tác xã; Hội Nông dân, Hội Liên hiệp Phụ nữ các cấp chủ động giúp hội viên thành lập và điều hành tổ hợp tác, hợp tác xã. Đưa nội dung tham gia kinh tế tập thể vào các phong trào thi đua và tăng cường giám sát việc thực hiện chính sách hỗ trợ hợp tác xã ở cơ sở.",
						Lead:      []string{agMTDoanTh},
						Support:   []string{agLMHTX, agHuyen},
						Timeframe: "Thường xuyên",
						Progress: []progressSeed{
							{Status: "in_progress", Percent: -1, On: "2025-06-12", Note: "Hội Nông dân các cấp đã giúp hội viên thành lập 27 tổ hợp tác và 6 hợp tác xã; Hội Liên hiệp Phụ nữ tỉnh duy trì 41 tổ hợp tác do phụ nữ làm chủ."},
							{Status: "in_progress", Percent: -1, On: "2026-07-15", Note: "Ủy ban Mặt trận Tổ quốc tỉnh giám sát chuyên đề việc thực hiện chính sách hỗ trợ hợp tác xã tại 10 xã, phường; kiến nghị rút ngắn thời gian giải ngân vốn hỗ trợ hạ tầng."},
						},
					},
				},
			},
		},
	}
}
