package planimport

import "github.com/hoptac/hoptac/internal/i18n"

// Every key of the package's user-facing texts is named here; the texts
// themselves are in internal/i18n/locales (vi.json, en.json), so the
// review screen and the command line show them in the reader's language.
// Warnings and errors keep their key next to the rendered text.

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

// Keys of the details an error or a warning carries inside its sentence.
const (
	warnAgencyUnknownMore = "import.warn.agency_unknown_more"
	keyAtLine             = "import.error.at_line"
	detailNoDocument      = "import.error.detail.no_document"
	detailNotDocx         = "import.error.detail.not_docx"
	detailUTF16           = "import.error.detail.utf16"
	detailEncodingUnknown = "import.error.detail.encoding_unknown"
	detailZipMethod       = "import.error.detail.zip_method"
	detailZipBroken       = "import.error.detail.zip_broken"
	detailXMLBroken       = "import.error.detail.xml_broken"
)

// render returns a key's text in lang. The texts live in internal/i18n
// with every other user-facing text; an argument that is an i18n.Message
// is rendered in lang too. A missing key shows itself rather than
// nothing, so a gap is visible in review (and i18n's tests refuse it).
func render(lang, key string, args ...any) string {
	return i18n.Default().Render(lang, i18n.M(key, args...))
}
