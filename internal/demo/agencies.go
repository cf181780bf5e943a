package demo

// The demo province's agencies, before and after the reorganisation of 2025.

// agencies returns the agencies of the demo province, including those that
// ceased to exist in the 2025 reorganisation and their successors.
func agencies() []agencySeed {
	return []agencySeed{
		// Departments (sở) as they were in 2024 and as reorganised on 1 March 2025.
		{
			Name:      "Sở Kế hoạch và Đầu tư",
			Short:     "Sở KH&ĐT",
			Kind:      "department",
			Aliases:   []string{"Sở KHĐT", "Sở Kế hoạch - Đầu tư", "Sở Kế hoạch và ĐT", "Sở KH và ĐT"},
			ValidTo:   "2025-02-28",
			Successor: "Sở Tài chính",
		},
		{
			Name:    "Sở Tài chính",
			Short:   "Sở TC",
			Kind:    "department",
			Aliases: []string{"Sở Tài chính Nghệ An", "STC"},
		},
		{
			Name:      "Sở Nông nghiệp và Phát triển nông thôn",
			Short:     "Sở NN&PTNT",
			Kind:      "department",
			Aliases:   []string{"Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và PTNN", "Sở NNPTNT", "Sở Nông nghiệp - PTNT"},
			ValidTo:   "2025-02-28",
			Successor: "Sở Nông nghiệp và Môi trường",
		},
		{
			Name:      "Sở Tài nguyên và Môi trường",
			Short:     "Sở TN&MT",
			Kind:      "department",
			Aliases:   []string{"Sở TNMT", "Sở Tài nguyên - Môi trường", "Sở TN và MT"},
			ValidTo:   "2025-02-28",
			Successor: "Sở Nông nghiệp và Môi trường",
		},
		{
			Name:      "Sở Nông nghiệp và Môi trường",
			Short:     "Sở NN&MT",
			Kind:      "department",
			Aliases:   []string{"Sở NNMT", "Sở Nông nghiệp - Môi trường", "Sở NN và MT"},
			ValidFrom: "2025-03-01",
		},
		{
			Name:    "Sở Công Thương",
			Short:   "Sở CT",
			Kind:    "department",
			Aliases: []string{"Sở Công Thương Nghệ An", "SCT"},
		},
		{
			Name:    "Sở Khoa học và Công nghệ",
			Short:   "Sở KH&CN",
			Kind:    "department",
			Aliases: []string{"Sở KHCN", "Sở Khoa học - Công nghệ", "Sở KH và CN"},
		},
		{
			Name:      "Sở Thông tin và Truyền thông",
			Short:     "Sở TT&TT",
			Kind:      "department",
			Aliases:   []string{"Sở TTTT", "Sở Thông tin - Truyền thông", "Sở TT và TT"},
			ValidTo:   "2025-02-28",
			Successor: "Sở Khoa học và Công nghệ",
		},
		{
			Name:      "Sở Lao động, Thương binh và Xã hội",
			Short:     "Sở LĐ-TB&XH",
			Kind:      "department",
			Aliases:   []string{"Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ, TB và XH"},
			ValidTo:   "2025-02-28",
			Successor: "Sở Nội vụ",
		},
		{
			Name:    "Sở Nội vụ",
			Short:   "Sở NV",
			Kind:    "department",
			Aliases: []string{"Sở Nội vụ Nghệ An"},
		},
		{
			Name:    "Sở Tư pháp",
			Short:   "Sở TP",
			Kind:    "department",
			Aliases: []string{"Sở Tư pháp Nghệ An"},
		},
		{
			Name:    "Sở Giáo dục và Đào tạo",
			Short:   "Sở GD&ĐT",
			Kind:    "department",
			Aliases: []string{"Sở GDĐT", "Sở Giáo dục - Đào tạo"},
		},

		// The Cooperative Alliance, the Fatherland Front and mass organisations.
		{
			Name:    "Liên minh Hợp tác xã tỉnh",
			Short:   "Liên minh HTX tỉnh",
			Kind:    "union",
			Aliases: []string{"Liên minh HTX Nghệ An", "Liên minh Hợp tác xã tỉnh Nghệ An", "LMHTX tỉnh"},
		},
		{
			Name:    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
			Short:   "UBMTTQ tỉnh",
			Kind:    "front",
			Aliases: []string{"Ủy ban MTTQ tỉnh", "Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh", "Mặt trận Tổ quốc tỉnh"},
		},
		{
			Name:    "Hội Nông dân tỉnh",
			Short:   "Hội ND tỉnh",
			Kind:    "front",
			Aliases: []string{"Hội Nông dân tỉnh Nghệ An", "HND tỉnh"},
		},
		{
			Name:    "Hội Liên hiệp Phụ nữ tỉnh",
			Short:   "Hội LHPN tỉnh",
			Kind:    "front",
			Aliases: []string{"Hội Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ tỉnh Nghệ An"},
		},

		// Press, banking and other provincial bodies.
		{
			Name:    "Báo Nghệ An",
			Short:   "Báo NA",
			Kind:    "media",
			Aliases: []string{"Báo Nghệ An điện tử"},
		},
		{
			Name:    "Đài Phát thanh và Truyền hình Nghệ An",
			Short:   "Đài PT-TH Nghệ An",
			Kind:    "media",
			Aliases: []string{"Đài PTTH Nghệ An", "Đài Phát thanh - Truyền hình Nghệ An", "Đài PT&TH tỉnh"},
		},
		{
			Name:    "Ngân hàng Nhà nước chi nhánh Nghệ An",
			Short:   "NHNN chi nhánh Nghệ An",
			Kind:    "bank",
			Aliases: []string{"Ngân hàng Nhà nước Việt Nam - Chi nhánh Nghệ An", "NHNN Nghệ An", "Ngân hàng Nhà nước tỉnh"},
		},
		{
			Name:    "Cục Thuế tỉnh",
			Short:   "Cục Thuế",
			Kind:    "other",
			Aliases: []string{"Cục Thuế tỉnh Nghệ An", "Cục Thuế Nghệ An"},
		},
		{
			Name:    "Văn phòng UBND tỉnh",
			Short:   "VP UBND tỉnh",
			Kind:    "other",
			Aliases: []string{"Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh Nghệ An"},
		},

		// Collective designations: they expand to concrete agencies.
		{
			Name:       "UBND các huyện, thị xã, thành phố",
			Short:      "UBND cấp huyện",
			Kind:       "collective",
			Aliases:    []string{"Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND các huyện, thành phố, thị xã", "UBND các huyện, TX, TP"},
			Collective: true,
			ValidTo:    "2025-06-30",
			Successor:  "UBND các xã, phường",
		},
		{
			Name:       "UBND các xã, phường",
			Short:      "UBND cấp xã",
			Kind:       "collective",
			Aliases:    []string{"Ủy ban nhân dân các xã, phường", "UBND các xã, phường trên địa bàn tỉnh"},
			Collective: true,
			ValidFrom:  "2025-07-01",
		},
		{
			Name:       "Các sở, ban, ngành, đơn vị có liên quan",
			Short:      "Các sở, ngành liên quan",
			Kind:       "collective",
			Aliases:    []string{"Các Sở, ngành, đơn vị có liên quan", "Các sở, ngành, đơn vị liên quan", "Các sở, ban, ngành liên quan"},
			Collective: true,
		},
		{
			Name:       "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội các cấp",
			Short:      "MTTQ và các đoàn thể",
			Kind:       "collective",
			Aliases:    []string{"Mặt trận Tổ quốc các cấp", "MTTQ và các đoàn thể chính trị - xã hội các cấp", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội"},
			Collective: true,
		},
	}
}
