package planimport

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/vntext"
)

// normalize is vntext.Normalize with line breaks unified.
func normalize(s string) string { return lineBreaks.Replace(vntext.Normalize(s)) }

// clean is vntext.Clean: NFC, one line, single spaces, trimmed.
func clean(s string) string { return vntext.Clean(s) }

// fold is the search key: lower-case, no marks, đ→d.
func fold(s string) string { return vntext.Fold(s) }

// romans are the group numbers plans use.
var romans = map[string]int{
	"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
	"XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20,
}

// romanValue returns the value of an upper-case Roman numeral, 0 if s is not one.
func romanValue(s string) int { return romans[s] }

// romanHeadingRE matches "II. NỘI DUNG KẾ HOẠCH" and "V - Phát huy …".
var romanHeadingRE = regexp.MustCompile(`^([IVX]{1,5})\s*[.:)\-–]\s*(\S.*)$`)

// romanHeading splits a Roman-numbered heading.
func romanHeading(s string) (code, title string, ok bool) {
	m := romanHeadingRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || romanValue(m[1]) == 0 {
		return "", "", false
	}
	return m[1], strings.TrimSpace(m[2]), true
}

// numberedRE matches "1. Mục đích", "2) …".
var numberedRE = regexp.MustCompile(`^(\d{1,2})[.)]\s+(\S.*)$`)

// bulletRE matches a list bullet and what follows it.
var bulletRE = regexp.MustCompile(`^([-–—•*+·▪●○◦])\s*(\S.*)$`)

// stripBullet removes a leading list bullet and reports which one it was.
func stripBullet(s string) (string, rune) {
	s = strings.TrimSpace(s)
	if m := bulletRE.FindStringSubmatch(s); m != nil {
		r, _ := utf8.DecodeRuneInString(m[1])
		return m[2], r
	}
	return s, 0
}

// head returns at most n bytes of s, cut at a rune boundary. Scans that
// look a little way into a line use it, so a huge line stays linear.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tail returns at most the last n bytes of s, cut at a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// isUpperText reports whether s has letters and none of them is lower-case.
func isUpperText(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// hasGlitch reports a lower-case letter directly followed by a capital
// inside a word ("Thường vThành"), the trace of a dropped character.
func hasGlitch(s string) bool {
	prev := ' '
	for _, r := range s {
		if unicode.IsLower(prev) && unicode.IsUpper(r) {
			return true
		}
		prev = r
	}
	return false
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// titleWords capitalises each word of s and lower-cases the rest ("HẢI
// PHÒNG" → "Hải Phòng"), for place names read from capitals.
func titleWords(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = capitalize(w)
	}
	return strings.Join(words, " ")
}

// knownCasing gives the written form of names that appear in capitals in
// headings and letterheads, by folded prefix, longest first.
var knownCasing = []struct{ folded, proper string }{
	{"ban chap hanh trung uong dang", "Ban Chấp hành Trung ương Đảng"},
	{"ban chap hanh trung uong", "Ban Chấp hành Trung ương"},
	{"ban chap hanh dang bo", "Ban Chấp hành Đảng bộ"},
	{"ban thuong vu tinh uy", "Ban Thường vụ Tỉnh ủy"},
	{"ban thuong vu thanh uy", "Ban Thường vụ Thành ủy"},
	{"thu tuong chinh phu", "Thủ tướng Chính phủ"},
	{"hoi dong nhan dan", "Hội đồng nhân dân"},
	{"uy ban nhan dan", "Ủy ban nhân dân"},
	{"bo chinh tri", "Bộ Chính trị"},
	{"ban bi thu", "Ban Bí thư"},
	{"chinh phu", "Chính phủ"},
	{"quoc hoi", "Quốc hội"},
	{"tinh uy", "Tỉnh ủy"},
	{"thanh uy", "Thành ủy"},
	{"ubnd", "UBND"},
	{"hdnd", "HĐND"},
}

var (
	casingOnce sync.Once
	casingList []struct{ folded, proper string }
)

// casings is knownCasing with the catalog's agency names ("Sở Tài
// chính"), longest first.
func casings() []struct{ folded, proper string } {
	casingOnce.Do(func() {
		casingList = append(casingList, knownCasing...)
		for _, e := range catalogEntries {
			if !e.collective {
				name := strings.TrimSuffix(e.name, " tỉnh")
				casingList = append(casingList, struct{ folded, proper string }{fold(name), name})
			}
		}
		sort.SliceStable(casingList, func(i, j int) bool {
			return len(strings.Fields(casingList[i].folded)) > len(strings.Fields(casingList[j].folded))
		})
	})
	return casingList
}

// unitWords precede a place name, which keeps its capitals.
var unitWords = []string{"tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong"}

// properCase rewrites an all-capitals name in its usual form: "ỦY BAN
// NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" → "Ủy ban nhân dân thành phố Hải Phòng".
// Mixed-case text is returned unchanged.
func properCase(s string) string {
	s = clean(s)
	if !isUpperText(s) {
		return s
	}
	words := strings.Fields(s)
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = fold(w)
	}
	var out []string
	i := 0
	place := false
	for _, k := range casings() {
		kw := strings.Fields(k.folded)
		if len(kw) <= len(folded) && strings.Join(folded[:len(kw)], " ") == k.folded {
			out = append(out, k.proper)
			i = len(kw)
			// A party committee's name is followed by its place:
			// "Thành ủy Hải Phòng".
			place = strings.HasSuffix(k.folded, " uy") || k.folded == "tinh uy" || k.folded == "thanh uy"
			break
		}
	}
	if i == 0 {
		out = append(out, capitalize(strings.ToLower(words[0])))
		i = 1
	}
	for ; i < len(words); i++ {
		if place {
			out = append(out, titleWords(words[i]))
			continue
		}
		unit := false
		for _, u := range unitWords {
			uw := strings.Fields(u)
			if i+len(uw) <= len(folded) && strings.Join(folded[i:i+len(uw)], " ") == u {
				for k := range uw {
					out = append(out, strings.ToLower(words[i+k]))
				}
				i += len(uw) - 1
				unit, place = true, true
				break
			}
		}
		if !unit {
			out = append(out, strings.ToLower(words[i]))
		}
	}
	return strings.Join(out, " ")
}

// sentenceCase writes a capitals title as a sentence: "PHÓ CHỦ TỊCH" →
// "Phó Chủ tịch" (the word after "Phó" keeps its capital, as titles do).
func sentenceCase(s string) string {
	s = clean(s)
	if !isUpperText(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	words[0] = capitalize(words[0])
	if len(words) > 1 && fold(words[0]) == "pho" {
		words[1] = capitalize(words[1])
	}
	return strings.Join(words, " ")
}

// parseVNNumber reads a number as Vietnamese texts write it: "1,0" is
// one, "1.234" a thousand and more, "1.234,5" both.
func parseVNNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	switch {
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case strings.Count(s, ".") == 1:
		if i := strings.IndexByte(s, '.'); len(s)-i-1 == 3 {
			s = strings.ReplaceAll(s, ".", "")
		}
	default:
		s = strings.ReplaceAll(s, ".", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// dateTextRE matches the dates plans write: 09/3/2020, 3-6-2020, 21.5.2002.
var dateTextRE = regexp.MustCompile(`^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*([/.\-])\s*(\d{4})`)

// dateWordsRE matches "23 tháng 5 năm 2018".
var dateWordsRE = regexp.MustCompile(`(?i)^(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)

// parseDateAt reads a date at the start of s.
func parseDateAt(s string) (*Date, int) {
	if m := dateTextRE.FindStringSubmatchIndex(s); m != nil && s[m[4]:m[5]] == s[m[8]:m[9]] {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[6]:m[7]])
		y, _ := strconv.Atoi(s[m[10]:m[11]])
		return datePtr(y, mo, d), m[1]
	}
	if m := dateWordsRE.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		return datePtr(y, mo, d), m[1]
	}
	return nil, 0
}

// sentences cuts s at ";" and at a full stop followed by a capital.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';':
			out = append(out, s[start:i])
			start = i + 1
		case '.':
			if i+2 < len(s) && s[i+1] == ' ' {
				r, _ := utf8.DecodeRuneInString(s[i+2:])
				if unicode.IsUpper(r) {
					out = append(out, s[start:i])
					start = i + 1
				}
			}
		}
	}
	return append(out, s[start:])
}

// wordAt reports whether the folded text f has the phrase w at a word
// boundary.
func hasWord(f, w string) bool {
	for i := 0; ; {
		j := strings.Index(f[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || f[j-1] == ' '
		after := j+len(w) == len(f) || !isAlnum(f[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}
