package planimport

// catalogEntry is one standard provincial agency, or a collective
// designation that plans write in place of a list of agencies.
type catalogEntry struct {
	name       string // canonical name, as hoptac stores it
	collective bool
	aliases    []string // other spellings seen in plans
}

// catalogEntries lists the agencies every province has, before and after
// the 2025 reform, under the province-neutral names hoptac uses ("… tỉnh"
// where the name ends with the province). Abbreviations need no alias when
// they abbreviate the parts of the name ("Sở KH&ĐT", "Sở LĐTB&XH"): the
// resolver compares names with their parts abbreviated.
var catalogEntries = []catalogEntry{
	// Departments, with the 2025 mergers.
	{name: "Sở Kế hoạch và Đầu tư", aliases: []string{"SKHĐT", "Sở Kế hoạch - Đầu tư"}},
	{name: "Sở Tài chính", aliases: []string{"STC"}},
	{name: "Sở Nông nghiệp và Phát triển nông thôn", aliases: []string{"Sở Nông nghiệp và PTNN", "Sở NN-PTNT"}},
	{name: "Sở Nông nghiệp và Môi trường"},
	{name: "Sở Tài nguyên và Môi trường"},
	{name: "Sở Lao động, Thương binh và Xã hội"},
	{name: "Sở Thông tin và Truyền thông"},
	{name: "Sở Khoa học và Công nghệ"},
	{name: "Sở Công Thương", aliases: []string{"SCT", "Sở Công thương"}},
	{name: "Sở Nội vụ"},
	{name: "Sở Tư pháp"},
	{name: "Sở Y tế"},
	{name: "Sở Giáo dục và Đào tạo"},
	{name: "Sở Xây dựng"},
	{name: "Sở Giao thông vận tải"},
	{name: "Sở Văn hóa, Thể thao và Du lịch", aliases: []string{"Sở Văn hoá, Thể thao và Du lịch"}},
	{name: "Sở Văn hóa và Thể thao"},
	{name: "Sở Du lịch"},
	{name: "Sở Ngoại vụ"},
	{name: "Sở Dân tộc và Tôn giáo"},
	{name: "Ban Dân tộc tỉnh"},
	{name: "Thanh tra tỉnh"},
	{name: "Ủy ban nhân dân tỉnh"},
	{name: "Hội đồng nhân dân tỉnh"},
	{name: "Văn phòng UBND tỉnh", aliases: []string{"Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"}},
	{name: "Ngân hàng Nhà nước chi nhánh tỉnh", aliases: []string{
		"Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh", "Chi nhánh Ngân hàng Nhà nước tỉnh",
		"Ngân hàng Nhà nước tỉnh", "NHNN tỉnh", "Ngân hàng Nhà nước"}},
	{name: "Ngân hàng Chính sách xã hội chi nhánh tỉnh", aliases: []string{
		"Ngân hàng Chính sách xã hội tỉnh", "NHCSXH tỉnh", "Ngân hàng CSXH tỉnh"}},
	{name: "Kho bạc Nhà nước tỉnh", aliases: []string{"KBNN tỉnh"}},
	{name: "Cục Thuế tỉnh", aliases: []string{"Cục Thuế", "Thuế tỉnh"}},
	{name: "Cục Thống kê tỉnh", aliases: []string{"Thống kê tỉnh", "Chi cục Thống kê tỉnh"}},
	{name: "Bảo hiểm xã hội tỉnh", aliases: []string{"BHXH tỉnh"}},
	{name: "Công an tỉnh"},
	{name: "Trường Chính trị tỉnh"},
	{name: "Quỹ Hỗ trợ phát triển hợp tác xã tỉnh", aliases: []string{"Quỹ hỗ trợ phát triển HTX tỉnh"}},
	{name: "Liên minh Hợp tác xã tỉnh", aliases: []string{"LMHTX tỉnh", "Liên minh các Hợp tác xã tỉnh"}},
	{name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", aliases: []string{
		"Mặt trận Tổ quốc tỉnh", "UBMTTQ tỉnh", "MTTQ tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "Mặt trận Tổ quốc"}},
	{name: "Hội Nông dân tỉnh", aliases: []string{"Hội ND tỉnh"}},
	{name: "Hội Liên hiệp Phụ nữ tỉnh", aliases: []string{"Hội LHPN tỉnh", "Hội Phụ nữ tỉnh"}},
	{name: "Tỉnh đoàn", aliases: []string{"Tỉnh Đoàn Thanh niên", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"}},
	{name: "Liên đoàn Lao động tỉnh", aliases: []string{"LĐLĐ tỉnh"}},
	{name: "Hội Cựu chiến binh tỉnh", aliases: []string{"Hội CCB tỉnh"}},
	{name: "Báo tỉnh", aliases: []string{"Báo điện tử tỉnh"}},
	{name: "Đài Phát thanh và Truyền hình tỉnh", aliases: []string{"Đài PT-TH tỉnh"}},
	{name: "Báo và Phát thanh, Truyền hình tỉnh"},

	// Collective designations: each stands for many agencies.
	{name: "UBND các huyện, thị xã, thành phố", collective: true, aliases: []string{
		"UBND cấp huyện", "UBND các huyện, thành phố, thị xã", "UBND các huyện, thị, thành phố",
		"UBND các huyện, TX, TP", "UBND các huyện", "UBND huyện, thị xã, thành phố",
		"UBND các huyện, thị xã, thành phố trực thuộc tỉnh", "UBND các quận, huyện",
		"UBND các quận, huyện, thị xã", "UBND các quận, huyện, thị xã, thành phố",
		"UBND thành phố Thủ Đức và các quận, huyện", "Chủ tịch UBND các huyện, thị xã, thành phố"}},
	{name: "UBND các xã, phường, thị trấn", collective: true, aliases: []string{
		"UBND cấp xã", "UBND các xã, phường", "UBND các xã, phường, đặc khu", "UBND xã, phường, thị trấn"}},
	{name: "Các sở, ngành, đơn vị có liên quan", collective: true, aliases: []string{
		"Các sở, ban, ngành, đơn vị có liên quan", "Các sở, ban, ngành có liên quan", "Các sở, ngành có liên quan",
		"Các sở, ban, ngành", "Các sở, ngành", "Các cơ quan, đơn vị có liên quan", "Các đơn vị có liên quan",
		"Các sở, ban, ngành, đơn vị cấp tỉnh", "Các sở, ban, ngành cấp tỉnh", "Các cơ quan có liên quan"}},
	{name: "Các sở, ngành, địa phương, đơn vị có liên quan", collective: true, aliases: []string{
		"Các sở, ban, ngành, địa phương, đơn vị có liên quan", "Các sở, ngành, địa phương có liên quan",
		"Các sở, ngành, địa phương", "Các sở, ban, ngành, địa phương", "Các sở, ngành, đơn vị, địa phương có liên quan"}},
	{name: "Các sở, ngành, UBND cấp huyện, đơn vị có liên quan", collective: true, aliases: []string{
		"Các sở, ngành, UBND cấp huyện và các đơn vị có liên quan", "Các sở, ngành, UBND cấp huyện",
		"Các sở, ngành, UBND các huyện, thị xã, thành phố, đơn vị có liên quan",
		"Các sở, ngành, UBND các huyện, thị xã, thành phố"}},
	{name: "Các sở, ngành, đơn vị theo chức năng nhiệm vụ được giao", collective: true, aliases: []string{
		"Các sở, ngành, đơn vị theo chức năng, nhiệm vụ", "Các sở, ngành theo chức năng, nhiệm vụ được giao",
		"Các sở, ngành theo chức năng nhiệm vụ", "Các sở, ban, ngành theo chức năng, nhiệm vụ được giao"}},
	{name: "Mặt trận Tổ quốc các cấp", collective: true, aliases: []string{"Ủy ban MTTQ các cấp", "Ủy ban Mặt trận Tổ quốc các cấp"}},
	{name: "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội", collective: true, aliases: []string{
		"Mặt trận Tổ quốc và các đoàn thể", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
		"Ủy ban MTTQ và các đoàn thể cấp tỉnh", "Ủy ban MTTQ và các đoàn thể chính trị - xã hội tỉnh",
		"Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội các cấp"}},
	{name: "Các đoàn thể chính trị - xã hội", collective: true, aliases: []string{
		"Các tổ chức chính trị - xã hội", "Các đoàn thể", "Các hội, đoàn thể"}},
	{name: "Các cơ quan báo chí", collective: true, aliases: []string{
		"Các cơ quan báo chí, truyền thông", "Các cơ quan thông tấn, báo chí", "Các cơ quan truyền thông"}},
	{name: "Các tổ chức tín dụng", collective: true, aliases: []string{"Các tổ chức tín dụng trên địa bàn", "Các ngân hàng thương mại"}},
	{name: "Các huyện ủy, thị ủy, thành ủy", collective: true, aliases: []string{
		"Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc", "Các huyện, thị, thành ủy"}},
}

// provinces are the 63 provinces before July 2025 (the 34 after are among
// them), folded, plus the usual short forms of Hồ Chí Minh City. A name
// ending with one is the province's own agency: "Báo Thanh Hóa".
var provinces = []string{
	"an giang", "ba ria vung tau", "bac giang", "bac kan", "bac can", "bac lieu", "bac ninh", "ben tre",
	"binh dinh", "binh duong", "binh phuoc", "binh thuan", "ca mau", "can tho", "cao bang", "da nang",
	"dak lak", "dac lac", "dak nong", "dien bien", "dong nai", "dong thap", "gia lai", "ha giang", "ha nam",
	"ha noi", "ha tinh", "hai duong", "hai phong", "hau giang", "hoa binh", "hung yen", "khanh hoa",
	"kien giang", "kon tum", "lai chau", "lam dong", "lang son", "lao cai", "long an", "nam dinh", "nghe an",
	"ninh binh", "ninh thuan", "phu tho", "phu yen", "quang binh", "quang nam", "quang ngai", "quang ninh",
	"quang tri", "soc trang", "son la", "tay ninh", "thai binh", "thai nguyen", "thanh hoa", "thua thien hue",
	"hue", "tien giang", "tra vinh", "tuyen quang", "vinh long", "vinh phuc", "yen bai", "ho chi minh",
	"hcm", "tphcm", "tp hcm", "thanh pho ho chi minh",
}

// institutionAbbrev are the names plans shorten everywhere; both sides
// of a comparison use the short form.
var institutionAbbrev = [][2]string{
	{"uy ban nhan dan", "ubnd"},
	{"hoi dong nhan dan", "hdnd"},
	{"mat tran to quoc viet nam", "mttq"},
	{"mat tran to quoc", "mttq"},
	{"hop tac xa", "htx"},
	{"ngan hang nha nuoc viet nam", "nhnn"},
	{"ngan hang nha nuoc", "nhnn"},
	{"ngan hang chinh sach xa hoi", "nhcsxh"},
	{"kho bac nha nuoc", "kbnn"},
	{"bao hiem xa hoi", "bhxh"},
	{"lien doan lao dong", "ldld"},
	{"lien hiep phu nu", "lhpn"},
	{"cuu chien binh", "ccb"},
	{"co lien quan", "lien quan"},
	{"thi xa", "tx"},
	{"thanh pho", "tp"},
	{"ubmttq", "uy ban mttq"},
}

// partAbbrev are the parts of department names and their initials, as
// in "Sở KH&ĐT", "Sở NN&PTNT", "Sở LĐ-TB&XH".
var partAbbrev = [][2]string{
	{"phat trien nong thon", "ptnt"},
	{"giao thong van tai", "gtvt"},
	{"ke hoach", "kh"}, {"dau tu", "dt"}, {"tai chinh", "tc"}, {"nong nghiep", "nn"},
	{"moi truong", "mt"}, {"tai nguyen", "tn"}, {"lao dong", "ld"}, {"thuong binh", "tb"},
	{"xa hoi", "xh"}, {"thong tin", "tt"}, {"truyen thong", "tt"}, {"khoa hoc", "kh"},
	{"cong nghe", "cn"}, {"cong thuong", "ct"}, {"noi vu", "nv"}, {"tu phap", "tp"},
	{"y te", "yt"}, {"giao duc", "gd"}, {"dao tao", "dt"}, {"xay dung", "xd"},
	{"giao thong", "gt"}, {"van tai", "vt"}, {"van hoa", "vh"}, {"the thao", "tt"},
	{"du lich", "dl"}, {"phat thanh", "pt"}, {"truyen hinh", "th"}, {"lien minh", "lm"},
	{"van phong", "vp"}, {"ngoai vu", "ngv"}, {"dan toc", "dt"}, {"ton giao", "tg"},
	{"nong dan", "nd"}, {"phu nu", "pn"},
}
