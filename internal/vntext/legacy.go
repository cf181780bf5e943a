package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Legacy Vietnamese encodings, shared by the plan import and the
// spreadsheet reader.
//
// Older government files use the 8-bit Vietnamese font encodings TCVN3
// (ABC, fonts .VnTime…) and VNI (fonts VNI-Times…). They arrive either as
// raw bytes (a .txt saved by an old editor) or already as Unicode whose
// letters are the Latin-1 characters the legacy bytes stand for (text
// copied from a Word file set in such a font): "KÕ ho¹ch" for TCVN3,
// "Keá hoaïch" for VNI. Both are detected by decoding a sample every way
// and counting common Vietnamese words in the result.

// Legacy is one legacy encoding. Convert takes text whose runes are the
// legacy bytes (Latin-1 characters); Decode takes the raw bytes.
type Legacy struct {
	Name    string
	Convert func(string) string
}

// Decode converts raw bytes of the encoding to text in NFC.
func (l *Legacy) Decode(b []byte) string {
	if l == Windows1258 {
		out, err := charmap.Windows1258.NewDecoder().Bytes(b)
		if err != nil {
			return ""
		}
		return norm.NFC.String(string(out))
	}
	return l.Convert(latin1(b))
}

// The legacy encodings hoptac reads. Windows1258 only comes as bytes; its
// Convert takes the runes back to bytes first.
var (
	TCVN3       = &Legacy{Name: "TCVN3 (ABC)", Convert: ConvertTCVN3}
	VNI         = &Legacy{Name: "VNI", Convert: ConvertVNI}
	Windows1258 = &Legacy{Name: "Windows-1258"}
)

func init() {
	Windows1258.Convert = func(s string) string {
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if c, ok := legacyByte(r); ok {
				b = append(b, c)
			}
		}
		return Windows1258.Decode(b)
	}
}

func latin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// tcvn3 maps a TCVN3 byte to its letter; 0 keeps the byte's Latin-1
// character. 0xA1–0xFE are the ABC (VN3) letters; 0x80–0x9F and the
// upper-case positions among them are the VN1 capitals, which ABC files
// do not use but which cost nothing to accept.
var tcvn3 = [256]rune{
	0x80: 'À', 0x81: 'Ả', 0x82: 'Ã', 0x83: 'Á', 0x84: 'Ạ', 0x85: 'Ặ', 0x86: 'Ậ', 0x87: 'È',
	0x88: 'Ẻ', 0x89: 'Ẽ', 0x8A: 'É', 0x8B: 'Ẹ', 0x8C: 'Ệ', 0x8D: 'Ì', 0x8E: 'Ỉ', 0x8F: 'Ĩ',
	0x90: 'Í', 0x91: 'Ị', 0x92: 'Ò', 0x93: 'Ỏ', 0x94: 'Õ', 0x95: 'Ó', 0x96: 'Ọ', 0x97: 'Ộ',
	0x98: 'Ờ', 0x99: 'Ở', 0x9A: 'Ỡ', 0x9B: 'Ớ', 0x9C: 'Ợ', 0x9D: 'Ù', 0x9E: 'Ủ', 0x9F: 'Ũ',
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ', 0xA8: 'ă',
	0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ', 0xAF: 'Ằ', 0xB5: 'à',
	0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ', 0xBA: 'Ẳ', 0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ',
	0xBE: 'ắ', 0xBF: 'Ẵ', 0xC0: 'Ắ', 0xC1: 'Ầ', 0xC2: 'Ẩ', 0xC3: 'Ẫ', 0xC4: 'Ấ', 0xC5: 'Ề',
	0xC6: 'ặ', 0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ', 0xCC: 'è', 0xCD: 'Ể',
	0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ', 0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế',
	0xD6: 'ệ', 0xD7: 'ì', 0xD8: 'ỉ', 0xD9: 'Ễ', 0xDA: 'Ế', 0xDB: 'Ồ', 0xDC: 'ĩ', 0xDD: 'í',
	0xDE: 'ị', 0xDF: 'ò', 0xE0: 'Ổ', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ', 0xE5: 'ồ',
	0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ', 0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ',
	0xEE: 'ợ', 0xEF: 'ù', 0xF0: 'Ỗ', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ', 0xF5: 'ừ',
	0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự', 0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý',
	0xFE: 'ỵ', 0xFF: 'Ố',
}

// legacyByte returns the byte a rune stands for in a legacy-font text:
// its Latin-1 code, or its Windows-1252 code for the characters Windows
// shows in 0x80–0x9F.
func legacyByte(r rune) (byte, bool) {
	if 0 <= r && r < 0x100 {
		return byte(r), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

// ConvertTCVN3 converts text whose runes are TCVN3 (ABC) bytes.
func ConvertTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if c, ok := legacyByte(r); ok && tcvn3[c] != 0 {
			r = tcvn3[c]
		}
		b.WriteRune(r)
	}
	return b.String()
}

// VNI writes a letter as a base letter and a mark byte: "aù" á, "aâ" â,
// "aá" ấ, "aê" ă, "aé" ắ; a few letters are one byte ("ñ" đ, "ô" ơ, "ö" ư,
// "æ" ỉ). The marks become combining characters and NFC composes them.
var (
	vniTone = map[rune]string{ // after any vowel
		'ù': "\u0301", 'ø': "\u0300", 'û': "\u0309", 'õ': "\u0303", 'ï': "\u0323",
		'Ù': "\u0301", 'Ø': "\u0300", 'Û': "\u0309", 'Õ': "\u0303", 'Ï': "\u0323",
	}
	vniCircumflex = map[rune]string{ // after a, e, o
		'â': "\u0302", 'á': "\u0302\u0301", 'à': "\u0302\u0300", 'å': "\u0302\u0309", 'ã': "\u0302\u0303", 'ä': "\u0302\u0323",
		'Â': "\u0302", 'Á': "\u0302\u0301", 'À': "\u0302\u0300", 'Å': "\u0302\u0309", 'Ã': "\u0302\u0303", 'Ä': "\u0302\u0323",
	}
	vniBreve = map[rune]string{ // after a
		'ê': "\u0306", 'é': "\u0306\u0301", 'è': "\u0306\u0300", 'ú': "\u0306\u0309", 'ü': "\u0306\u0303", 'ë': "\u0306\u0323",
		'Ê': "\u0306", 'É': "\u0306\u0301", 'È': "\u0306\u0300", 'Ú': "\u0306\u0309", 'Ü': "\u0306\u0303", 'Ë': "\u0306\u0323",
	}
	vniSingle = map[rune]rune{
		'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ', 'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ',
		'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ', 'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ',
	}
)

// ConvertVNI converts text whose runes are VNI bytes.
func ConvertVNI(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	var last rune // the previous letter while it can still take a mark
	for _, r := range s {
		lower := unicode.ToLower(last)
		if m, ok := vniTone[r]; ok && strings.ContainsRune("aeiouyơư", lower) && last != 0 {
			b.WriteString(m)
			last = 0
			continue
		}
		if m, ok := vniCircumflex[r]; ok && strings.ContainsRune("aeo", lower) && last != 0 {
			b.WriteString(m)
			last = 0
			continue
		}
		if m, ok := vniBreve[r]; ok && lower == 'a' && last != 0 {
			b.WriteString(m)
			last = 0
			continue
		}
		if m, ok := vniSingle[r]; ok {
			r = m
		}
		b.WriteRune(r)
		last = r
	}
	return norm.NFC.String(b.String())
}

// vietWords are frequent words of plans that carry marks, so that only a
// right decoding produces them.
var vietWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`của và các được thực hiện những người với này năm phát triển tế hợp
		tác xã nhiệm vụ kế hoạch tỉnh đơn vị chủ trì phối quản lý nâng hiệu quả tổ chức đầu tư sở
		đồng thời để về có là một đến từ tập thể ủy uỷ nhà nước hội đảng công cấp địa phương đạo chỉ
		số ngày tháng việc xây dựng cơ sách chính pháp luật đổi mới tiếp tục động đào tạo vốn tín dụng
		thành viên sản xuất hàng hóa hoá nông nghiệp thôn trên dưới đã sẽ cần bảo đảm triển khai`) {
		m[w] = true
	}
	return m
}()

// vietScore counts words of vietWords in s.
func vietScore(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		if vietWords[strings.ToLower(w)] {
			n++
		}
	}
	return n
}

// isVietSpecific reports runes only Unicode Vietnamese has: the letters
// outside Latin-1 and, for NFD text, the combining marks.
func isVietSpecific(r rune) bool {
	switch r {
	case 'Ă', 'ă', 'Đ', 'đ', 'Ĩ', 'ĩ', 'Ũ', 'ũ', 'Ơ', 'ơ', 'Ư', 'ư':
		return true
	}
	return (r >= 0x1EA0 && r <= 0x1EF9) || (r >= 0x0300 && r <= 0x0323)
}

const legacySample = 64 << 10

// DetectLegacy decides whether valid UTF-8 text is legacy-font text
// carried as Latin-1 characters, and returns its encoding or nil. Only
// the first 64 KB are looked at.
func DetectLegacy(s string) *Legacy {
	sample := s
	if len(sample) > legacySample {
		cut := legacySample
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	viet, latin := 0, 0
	for _, r := range sample {
		switch {
		case isVietSpecific(r):
			viet++
		case r >= 0xA1 && r <= 0xFF:
			latin++
		}
	}
	if latin < 3 || viet*10 > latin {
		return nil
	}
	base := vietScore(sample)
	var best *Legacy
	bestScore := 0
	for _, d := range []*Legacy{TCVN3, VNI} {
		if sc := vietScore(d.Convert(sample)); sc > bestScore {
			best, bestScore = d, sc
		}
	}
	if bestScore >= 3 && bestScore >= 2*base+3 {
		return best
	}
	return nil
}

// DetectLegacyBytes picks the encoding (TCVN3, VNI or Windows-1258) in
// which bytes that are not UTF-8 read as Vietnamese; nil when none does.
// Only the first 64 KB are looked at, so a caller streaming a file passes
// its beginning and decodes the rest with the answer.
func DetectLegacyBytes(data []byte) *Legacy {
	sample := data
	if len(sample) > legacySample {
		sample = sample[:legacySample]
	}
	var best *Legacy
	bestScore := 2
	for _, d := range []*Legacy{TCVN3, VNI, Windows1258} {
		if sc := vietScore(d.Decode(sample)); sc > bestScore {
			best, bestScore = d, sc
		}
	}
	return best
}

// EncodeTCVN3 writes s in TCVN3 (ABC) bytes, for tests and sample files
// of old documents; ok is false when s holds a letter ABC cannot write.
func EncodeTCVN3(s string) (b []byte, ok bool) {
	rev := map[rune]byte{}
	for c := 0xFF; c >= 0x80; c-- { // lower positions win: ABC uses 0xA1–0xFE
		if r := tcvn3[c]; r != 0 {
			rev[r] = byte(c)
		}
	}
	out := make([]byte, 0, len(s))
	for _, r := range norm.NFC.String(s) {
		switch c, found := rev[r]; {
		case found:
			out = append(out, c)
		case r < 0x80:
			out = utf8.AppendRune(out, r) // ASCII: one byte, itself
		default:
			return out, false
		}
	}
	return out, true
}
