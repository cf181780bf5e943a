package planimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Reporting duties are sentences that ask for a report with a frequency:
// "định kỳ hàng năm (trước ngày 30/12) báo cáo Chủ tịch UBND tỉnh qua Sở
// Kế hoạch và Đầu tư" → yearly, due 12-30, recipient, via.

var frequencies = []struct{ folded, freq string }{
	{"6 thang", "half_yearly"}, {"sau thang", "half_yearly"}, {"nua nam", "half_yearly"},
	{"hang nam", "yearly"}, {"moi nam", "yearly"}, {"thuong nien", "yearly"}, {"cuoi nam", "yearly"},
	{"hang quy", "quarterly"}, {"moi quy", "quarterly"},
	{"hang thang", "monthly"}, {"moi thang", "monthly"},
	{"dot xuat", "ad_hoc"},
}

var (
	reportRE     = regexp.MustCompile(`(?i)báo\s+cáo`)
	reportDueRE  = regexp.MustCompile(`(?i)trước\s+ngày\s+(\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(\d{1,2})`)
	viaRE        = regexp.MustCompile(`(?i)(?:\(|\s)\s*(?:thông\s+)?qua\s+`)
	recipientRE  = regexp.MustCompile(`(?i)\s(?:gửi\s+(?:về|cho|đến|tới)|gửi|cho|về|lên|đến)\s+`)
	coordFocalRE = regexp.MustCompile(`(?i)(?:^|\s)(?:giao\s+)?(\S.{2,80}?)\s+(?:là|làm)\s+(?:cơ quan|đơn vị)\s+(?:đầu mối|thường trực)`)
	coordGiaoRE  = regexp.MustCompile(`(?i)(?:^|\s)giao\s+(\S.{2,80}?)\s*(?::|\s+chủ trì,?)\s*(.*)$`)
)

// recipientHeads are how the body a report goes to is named.
var recipientHeads = []string{"chu tich", "ubnd", "uy ban", "ban ", "thuong truc", "tinh uy", "thanh uy", "hdnd",
	"hoi dong", "bo ", "thu tuong", "chinh phu", "so ", "ban chi dao", "van phong"}

// readReporting reads the reporting duties and the coordinating agency.
func (p *parser) readReporting() {
	seen := map[string]bool{}
	var focal, giao string
	for i, l := range p.lines {
		if p.inTable[i] || p.targetLines[i] || p.listLines[i] {
			continue
		}
		for _, s := range sentences(l.text) {
			f := fold(s)
			if focal == "" && (strings.Contains(f, "dau moi") || strings.Contains(f, "thuong truc")) {
				if m := coordFocalRE.FindStringSubmatch(s); m != nil {
					focal = coordName(m[1])
				}
			}
			if giao == "" && strings.Contains(f, "giao ") {
				if m := coordGiaoRE.FindStringSubmatch(s); m != nil {
					rest := fold(m[2])
					if strings.Contains(rest, "don doc") || strings.Contains(rest, "theo doi") || strings.Contains(rest, "tong hop") {
						giao = coordName(m[1])
					}
				}
			}
			if !strings.Contains(f, "bao cao") {
				continue
			}
			if loc := reportRE.FindStringIndex(s); loc != nil {
				for _, d := range p.duties(s, f, loc[1], l.n) {
					key := fmt.Sprint(d.Frequency, deref(d.Due), deref(d.Recipient), deref(d.Via))
					if !seen[key] {
						seen[key] = true
						p.res.Reporting = append(p.res.Reporting, d)
					}
				}
			}
		}
	}
	p.res.Coordinator = strPtr(firstOf(focal, giao))
}

var (
	giaoRE     = regexp.MustCompile(`(?i)(?:^|\s)giao\s+`)
	nameHeadRE = regexp.MustCompile(`(?:^|\s)(?:Sở|SỞ|UBND|Ủy ban|Uỷ ban|Ban|Văn phòng|Liên minh|Phòng|Trung tâm|Cục|Chi cục|Ngân hàng|Hội|Đài|Báo)\s`)
)

// coordName takes the agency's name from the words before "là cơ quan
// đầu mối": after "Giao", else from the first word an agency name starts
// with.
func coordName(s string) string {
	if locs := giaoRE.FindAllStringIndex(s, -1); locs != nil {
		s = s[locs[len(locs)-1][1]:]
	} else if loc := nameHeadRE.FindStringIndex(s); loc != nil {
		s = s[loc[0]:]
	}
	return strings.TrimRight(clean(s), ".,:;")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// duties reads the duties of one sentence; reportEnd is where "báo cáo" ends.
func (p *parser) duties(s, f string, reportEnd int, lineNo int) []Duty {
	var freqs []string
	for _, fr := range frequencies {
		if hasWord(f, fr.folded) && !contains(freqs, fr.freq) {
			freqs = append(freqs, fr.freq)
		}
	}
	if len(freqs) == 0 {
		return nil
	}
	var due *string
	if m := reportDueRE.FindStringSubmatch(s); m != nil {
		var d, mo int
		d, _ = strconv.Atoi(m[1]) // reportDueRE matched one or two digits
		mo, _ = strconv.Atoi(m[2])
		if validDate(2000, mo, d) { // 29/2 is allowed: a leap year exists
			due = strPtr(fmt.Sprintf("%02d-%02d", mo, d))
		}
	}
	after := s[reportEnd:]
	var recipient, via *string
	if loc := viaRE.FindStringIndex(after); loc != nil {
		via = strPtr(agencyPhrase(after[loc[1]:]))
		after = after[:loc[0]]
	}
	if r := agencyPhrase(after); startsWithAny(fold(r), recipientHeads) {
		recipient = strPtr(r)
	} else {
		for _, loc := range recipientRE.FindAllStringIndex(after, 8) {
			if r := agencyPhrase(after[loc[1]:]); startsWithAny(fold(r), recipientHeads) {
				recipient = strPtr(r)
				break
			}
		}
	}
	out := make([]Duty, 0, len(freqs))
	for _, fr := range freqs {
		out = append(out, Duty{Frequency: fr, Due: due, Recipient: recipient, Via: via, Line: lineNo})
	}
	return out
}

// agencyPhrase cuts an agency's name from the text that starts with it:
// up to a bracket, a colon, a full stop or a word that starts a new part
// of the sentence ("để", "về", "trong").
func agencyPhrase(s string) string {
	s = strings.TrimSpace(head(s, 240))
	end := len(s)
	if i := strings.IndexAny(s, "();:"); i >= 0 {
		end = i
	}
	if i := strings.Index(s, ". "); i >= 0 && i < end {
		end = i
	}
	low := strings.ToLower(s)
	if len(low) == len(s) {
		for _, w := range []string{" để ", " về ", " trong ", " theo ", " nhằm ", " thường xuyên", " chủ trì", " căn cứ", " tổ chức ", " kết quả", " định kỳ", ", ", " và các "} {
			if i := strings.Index(low, w); i >= 0 && i < end {
				end = i
			}
		}
	}
	return strings.TrimRight(clean(s[:end]), ".,")
}

func startsWithAny(f string, heads []string) bool {
	f += " "
	for _, h := range heads {
		if strings.HasPrefix(f, h) {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
