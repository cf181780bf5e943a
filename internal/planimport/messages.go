package planimport

// Every user-facing text of the package is here, keyed, so that a later
// change can move them into the translation files (internal/i18n) without
// touching the parser. Warnings and errors keep their key next to the
// rendered text.

// Error keys.
const (
	KeyEmpty       = "import.error.empty"
	KeyBinary      = "import.error.binary"
	KeyTooLarge    = "import.error.too_large"
	KeyEncoding    = "import.error.encoding"
	KeyDocx        = "import.error.docx"
	KeyUnsupported = "import.error.unsupported"
	KeyInternal    = "import.error.internal"
	KeyUnpacked    = "import.error.unpacked_too_large"
)

// Details of KeyUnpacked, one for each bound an archive can pass.
const (
	unpackedSize     = "import.error.unpacked.size"
	unpackedRatio    = "import.error.unpacked.ratio"
	unpackedDeclared = "import.error.unpacked.declared"
	unpackedMembers  = "import.error.unpacked.members"
	unpackedTotal    = "import.error.unpacked.total"
)

// Warning keys.
const (
	warnEncoding        = "import.warn.encoding_converted"
	warnArticle         = "import.warn.article"
	warnNoTasks         = "import.warn.no_tasks"
	warnAppendix        = "import.warn.appendix_missing"
	warnAgencyUnknown   = "import.warn.agency_unknown"
	warnTimeframeText   = "import.warn.timeframe_text"
	warnTimeframeNone   = "import.warn.timeframe_missing"
	warnLeadNone        = "import.warn.lead_missing"
	warnCountTasks      = "import.warn.count_tasks"
	warnCountGroups     = "import.warn.count_groups"
	warnCountGroupTasks = "import.warn.count_group_tasks"
	warnCountSum        = "import.warn.count_sum"
	warnDuplicateCode   = "import.warn.duplicate_code"
	warnNoHeader        = "import.warn.no_header"
	warnListTasks       = "import.warn.list_tasks"
	warnDateConflict    = "import.warn.date_conflict"
	warnOrphanTasks     = "import.warn.orphan_tasks"
)

// messages holds the Vietnamese text of every key, as fmt formats.
var messages = map[string]string{
	KeyEmpty:       "Tệp rỗng: không có nội dung để đọc.",
	KeyBinary:      "Tệp không phải văn bản (có vẻ là dữ liệu nhị phân): hãy chọn tệp văn bản .txt hoặc tệp Word .docx.",
	KeyTooLarge:    "Tệp quá lớn (%s): giới hạn là %d MB.",
	KeyEncoding:    "Không nhận ra bảng mã của tệp (%s): hãy lưu lại tệp dưới dạng Unicode (UTF-8).",
	KeyDocx:        "Không đọc được tệp Word (.docx): %s.",
	KeyUnsupported: "Định dạng %s chưa được hỗ trợ: hãy lưu lại thành tệp Word .docx hoặc văn bản .txt.",
	KeyInternal:    "Lỗi nội bộ khi đọc tệp; xin báo cho quản trị viên.",
	KeyUnpacked:    "Tệp giải nén quá lớn: %s. Đã dừng đọc; tệp có thể bị hỏng hoặc được tạo ra để làm quá tải máy chủ. Hãy mở tệp bằng Word, lưu lại rồi tải lên lần nữa.",

	unpackedSize:     "«%s», phần %s giải nén ra hơn %d MB",
	unpackedRatio:    "«%s», phần %s bị nén hơn %d lần",
	unpackedDeclared: "«%s», phần %s giải nén ra nhiều hơn %d byte ghi trong tệp nén",
	unpackedMembers:  "«%s» có %d phần, giới hạn là %d",
	unpackedTotal:    "«%s», các phần cộng lại giải nén ra hơn %d MB",

	warnEncoding:        "Tệp dùng bảng mã cũ %s; đã chuyển sang Unicode, hãy kiểm tra lại chữ có dấu.",
	warnArticle:         "Văn bản này có vẻ là bài báo viết về một kế hoạch, không phải bản kế hoạch được ban hành: hãy nhập văn bản gốc hoặc đối chiếu kỹ với nó.",
	warnNoTasks:         "Không tìm thấy nhiệm vụ nào (không có bảng nhiệm vụ hay danh sách nhiệm vụ).",
	warnAppendix:        "Văn bản nói nhiệm vụ nằm ở phụ lục hoặc danh mục kèm theo (dòng %d), nhưng phần đó không có trong tệp.",
	warnAgencyUnknown:   "Không nhận ra cơ quan «%s» (dòng %d%s): cần chọn hoặc tạo cơ quan khi nhập.",
	warnTimeframeText:   "Không hiểu thời gian thực hiện «%s» của nhiệm vụ %s (dòng %d): giữ nguyên văn, cần nhập hạn bằng tay.",
	warnTimeframeNone:   "Nhiệm vụ %s (dòng %d) không có thời gian thực hiện.",
	warnLeadNone:        "Nhiệm vụ %s (dòng %d) không có đơn vị chủ trì.",
	warnCountTasks:      "Văn bản ghi %d nhiệm vụ (dòng %d) nhưng đọc được %d.",
	warnCountGroups:     "Văn bản ghi %d nội dung (nhóm nhiệm vụ) (dòng %d) nhưng đọc được %d.",
	warnCountGroupTasks: "Nhóm %s: văn bản ghi %d nhiệm vụ (dòng %d) nhưng đọc được %d.",
	warnCountSum:        "Tổng số nhiệm vụ ghi theo từng nội dung (%d) khác số ghi chung (%d).",
	warnDuplicateCode:   "Mã nhiệm vụ %s lặp lại (dòng %d): đã đổi thành %s.",
	warnNoHeader:        "Bảng nhiệm vụ không có dòng tiêu đề (dòng %d): đã giả định thứ tự cột STT, nội dung, chủ trì, phối hợp, thời gian.",
	warnListTasks:       "Nhiệm vụ được đọc từ danh sách (dòng %d), không phải từ bảng: chưa có đơn vị chủ trì, phối hợp và thời gian.",
	warnDateConflict:    "Ngày ban hành không thống nhất: %s (dòng %d) và %s (dòng %d); đã dùng ngày ở dòng %d.",
	warnOrphanTasks:     "Có nhiệm vụ đứng trước mọi nhóm (I, II, …) trong bảng (dòng %d): đã xếp vào một nhóm không mã.",
}

// unknownMoreFormat completes warnAgencyUnknown when a name recurs.
const unknownMoreFormat = " và %d chỗ khác"

// messageOf returns the text of key; a missing key shows itself rather
// than nothing, so a gap is visible in review.
func messageOf(key string) string {
	if m, ok := messages[key]; ok {
		return m
	}
	return key
}
