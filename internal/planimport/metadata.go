package planimport

import (
	"regexp"
	"strings"
)

// headLines is how far from the top the header of a document is looked for.
const headLines = 60

// typeWords maps a document kind, folded, to its type code.
var typeWords = map[string]string{
	"ke hoach": "KH", "ke hoach hanh dong": "KH", "ke hoach thuc hien": "KH",
	"quyet dinh": "QĐ", "nghi quyet": "NQ", "ket luan": "KL", "chi thi": "CT",
	"chuong trinh hanh dong": "CTr", "chuong trinh": "CTr", "de an": "ĐA", "thong bao": "TB",
}

var (
	// A legal-database header: "Số hiệu 135/KH-UBND", "Người ký …".
	fieldRE = regexp.MustCompile(`(?i)^(số hiệu|ngày ban hành|loại văn bản|cơ quan ban hành|người ký|lĩnh vực)\s*:?\s+(\S.*)$`)
	// "Số: 135/KH-UBND" under the letterhead.
	soLineRE = regexp.MustCompile(`(?i)^số\s*[:.]\s*(\S.*)$`)
	// "Hải Phòng, ngày 23 tháng 5 năm 2018".
	placeDateRE = regexp.MustCompile(`^(\p{Lu}[\p{L} .'’-]{1,40}?)\s*,\s*(?i:ngày)\s+(.+)$`)
	// "……, ngày 10 tháng 3 năm 2021".
	dateLineRE = regexp.MustCompile(`^[.…_\s,]*(?i:ngày)\s+(.+)$`)
	// "ban hành kèm theo Quyết định số 3064/QĐ-UBND".
	attachedRE = regexp.MustCompile(`(?i)ban hành kèm(?:\s+theo)?\s+(?:quyết định|nghị quyết)\s+(?:số\s+)?`)
	// The title line of a database page: "Kế hoạch 135/KH-UBND năm 2018 …".
	titleNumberRE = regexp.MustCompile(`(?i)^(?:kế hoạch|quyết định|nghị quyết|kết luận|chỉ thị|chương trình(?: hành động)?)\s+(?:số\s+)?`)
	// "UBND tỉnh … ban hành Kế hoạch …".
	issuedByRE = regexp.MustCompile(`(?i)\s(?:vừa\s+|đã\s+|mới\s+|chính thức\s+)*ban hành\s+(kế hoạch|quyết định|chương trình|nghị quyết|đề án)`)
	// Signature block titles.
	signPrefixRE = regexp.MustCompile(`(?i)^(?:tm|t/m|kt|q|tl|tuq|t\.l)\s*[.:/]\s*(\S.*)$`)
	nameRE       = regexp.MustCompile(`^\p{Lu}[\p{Ll}\p{Lu}]*(?:\s+\p{Lu}[\p{Ll}\p{Lu}]*){1,5}$`)
)

// signTitles are the titles that stand above a signature, folded.
var signTitles = map[string]bool{
	"chu tich": true, "pho chu tich": true, "bi thu": true, "pho bi thu": true, "giam doc": true,
	"pho giam doc": true, "truong ban": true, "pho truong ban": true, "thu truong": true, "chanh van phong": true,
	"bo truong": true, "thu tuong": true, "pho thu tuong": true,
}

// issuerHeads are how issuers' names begin.
var issuerHeads = []string{"UBND", "Ủy ban", "Uỷ ban", "ỦY BAN", "Ban Thường vụ", "Ban Chấp hành", "Tỉnh ủy", "Tỉnh uỷ",
	"Thành ủy", "Thành uỷ", "HĐND", "Hội đồng", "Chính phủ", "Thủ tướng", "Bộ ", "Sở "}

// readMetadata fills Document and the year used for dates without one.
func (p *parser) readMetadata() {
	doc := &p.res.Document
	var headerDate, placeDate *Date
	headerLine, placeLine := 0, 0
	var headerIssuer, headerSigner, headerType string
	for i, l := range p.lines {
		t := strings.TrimSpace(l.text)
		if t == "" || p.inTable[i] {
			continue
		}
		if i < headLines && len(t) < 200 {
			if m := fieldRE.FindStringSubmatch(t); m != nil {
				v := clean(m[2])
				switch fold(m[1]) {
				case "so hieu":
					if ns := findNumbers(v); len(ns) > 0 && p.own == "" {
						p.own, p.ownType = ns[0].number, ns[0].typ
					}
				case "ngay ban hanh":
					if d, _ := parseDateAt(v); d != nil && headerDate == nil {
						headerDate, headerLine = d, l.n
					}
				case "loai van ban":
					headerType = typeWords[fold(v)]
				case "co quan ban hanh":
					headerIssuer = v
				case "nguoi ky":
					headerSigner = v
				case "linh vuc":
					doc.Field = strPtr(v)
				}
				continue
			}
			if m := soLineRE.FindStringSubmatch(t); m != nil && p.own == "" {
				if ns := findNumbers(m[1]); len(ns) > 0 && ns[0].start == 0 {
					p.own, p.ownType = ns[0].number, ns[0].typ
				}
			}
		}
		if placeDate == nil && len(t) < 120 {
			if m := placeDateRE.FindStringSubmatch(t); m != nil {
				if d, _ := parseDateAt(m[2]); d != nil {
					placeDate, placeLine = d, l.n
					doc.Place = strPtr(clean(m[1]))
				}
			} else if m := dateLineRE.FindStringSubmatch(t); m != nil && i < headLines {
				// "……, ngày 10 tháng 3 năm 2021" with the place left blank.
				if d, n := parseDateAt(m[1]); d != nil && strings.TrimSpace(m[1][n:]) == "" {
					placeDate, placeLine = d, l.n
				}
			}
		}
	}
	p.ownFromText()
	switch {
	case placeDate != nil:
		doc.IssuedOn = placeDate
		if headerDate != nil && *headerDate != *placeDate {
			p.res.warn(warnDateConflict, placeDate.String(), placeLine, headerDate.String(), headerLine, placeLine)
		}
	case headerDate != nil:
		doc.IssuedOn = headerDate
	}
	if doc.IssuedOn != nil {
		p.year = doc.IssuedOn.Year
	}
	doc.Number = strPtr(p.own)
	heading, headType := p.typeHeading()
	switch {
	case p.ownType != "":
		doc.Type = strPtr(p.ownType)
	case headerType != "":
		doc.Type = strPtr(headerType)
	case headType != "":
		doc.Type = strPtr(headType)
	}
	if heading >= 0 {
		doc.Title = strPtr(p.titleAfter(heading))
	}
	issuer, issuedType := p.issuedBy()
	if doc.Type == nil && issuedType != "" {
		doc.Type = strPtr(issuedType)
	}
	signer, title, signIssuer := p.signature()
	doc.Issuer = strPtr(firstOf(p.letterhead(), headerIssuer, issuer, signIssuer))
	doc.Signer = strPtr(firstOf(signer, headerSigner))
	doc.SignerTitle = strPtr(title)
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// ownFromText finds the plan's number when no header gives it: in a
// database title line ("Kế hoạch 135/KH-UBND năm 2018 …") or in "ban hành
// kèm Quyết định số …".
func (p *parser) ownFromText() {
	if p.own != "" {
		return
	}
	for i, l := range p.lines {
		if p.inTable[i] {
			continue
		}
		if i < 3 {
			if m := titleNumberRE.FindStringIndex(l.text); m != nil {
				if ns := findNumbers(head(l.text[m[1]:], 60)); len(ns) > 0 && ns[0].start == 0 {
					p.own, p.ownType = ns[0].number, ns[0].typ
					return
				}
			}
		}
		if !strings.Contains(l.text, "kèm") && !strings.Contains(l.text, "KÈM") {
			continue
		}
		if m := attachedRE.FindStringIndex(l.text); m != nil {
			if ns := findNumbers(head(l.text[m[1]:], 60)); len(ns) > 0 && ns[0].start == 0 {
				p.own, p.ownType = ns[0].number, ns[0].typ
				return
			}
		}
	}
}

// typeHeading finds the document-kind heading in capitals ("KẾ HOẠCH",
// "KẾ HOẠCH HÀNH ĐỘNG") near the top.
func (p *parser) typeHeading() (int, string) {
	for i := 0; i < len(p.lines) && i < headLines; i++ {
		t := strings.Trim(strings.TrimSpace(p.lines[i].text), "*")
		if !isUpperText(t) {
			continue
		}
		if code, ok := typeWords[fold(t)]; ok {
			return i, code
		}
	}
	return -1, ""
}

// titleAfter reads the title under the kind heading: the next line, or
// the run of capital lines a long title wraps over.
func (p *parser) titleAfter(h int) string {
	var parts []string
	for i := h + 1; i < len(p.lines) && i < h+8; i++ {
		t := clean(strings.ReplaceAll(p.lines[i].text, "**", ""))
		if t == "" || p.inTable[i] {
			if len(parts) > 0 {
				break
			}
			continue
		}
		if len(parts) > 0 && !isUpperText(t) {
			break
		}
		parts = append(parts, t)
		if !isUpperText(t) {
			break
		}
	}
	return strings.Join(parts, " ")
}

// letterhead reads the issuer from the capitals block at the top:
// "ỦY BAN NHÂN DÂN" over "THÀNH PHỐ HẢI PHÒNG".
func (p *parser) letterhead() string {
	for i := 0; i < len(p.lines) && i < 30; i++ {
		t := clean(p.lines[i].text)
		f := fold(t)
		if !isUpperText(t) || strings.HasPrefix(f, "cong hoa") {
			continue
		}
		isHead := false
		for _, h := range []string{"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "tinh uy", "thanh uy", "ban chap hanh", "ban thuong vu", "bo ", "so "} {
			if strings.HasPrefix(f+" ", h) {
				isHead = true
			}
		}
		if !isHead {
			continue
		}
		name := t
		for j := i + 1; j < len(p.lines) && j < i+3; j++ {
			n := clean(p.lines[j].text)
			if n == "" {
				continue
			}
			nf := fold(n)
			if isUpperText(n) && !strings.HasPrefix(nf, "cong hoa") && strings.Trim(n, "-_*— ") != "" &&
				(strings.HasPrefix(nf, "tinh ") || strings.HasPrefix(nf, "thanh pho ") || strings.HasPrefix(nf, "huyen ")) {
				name += " " + n
			}
			break
		}
		if len(name) < 120 {
			return properCase(name)
		}
	}
	return ""
}

// issuedBy reads "UBND tỉnh Thanh Hóa vừa ban hành kế hoạch" in the
// opening lines: the subject is the issuer, the object the kind. A
// mention with a number other than the plan's own is another document
// ("Ban Thường vụ Tỉnh uỷ đã ban hành Kế hoạch số 204-KH/TU").
func (p *parser) issuedBy() (string, string) {
	for i := 0; i < len(p.lines) && i < 20; i++ {
		if p.inTable[i] {
			continue
		}
		t := p.lines[i].text
		for _, m := range issuedByRE.FindAllStringSubmatchIndex(t, -1) {
			after := strings.TrimSpace(head(t[m[1]:], 60))
			if ns := findNumbers(after); len(ns) > 0 && ns[0].start < 8 && ns[0].number != p.own {
				continue
			}
			subject := tail(t[:m[0]], 240)
			if k := strings.LastIndexAny(subject, ";,.:)"); k >= 0 {
				subject = subject[k+1:]
			}
			for _, sep := range []string{" - ", " – "} {
				if k := strings.LastIndex(subject, sep); k >= 0 {
					subject = subject[k+len(sep):]
				}
			}
			subject = clean(subject)
			best := -1
			for _, h := range issuerHeads {
				if k := strings.Index(subject, h); k >= 0 && (best < 0 || k < best) {
					best = k
				}
			}
			if best >= 0 {
				return clean(subject[best:]), typeWords[fold(t[m[2]:m[3]])]
			}
		}
	}
	return "", ""
}

// signature reads the signature block: title lines ("TM. ỦY BAN NHÂN
// DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the name under them. It
// returns the signer, the last plain title and the body signed for.
func (p *parser) signature() (signer, title, body string) {
	for i := len(p.lines) - 1; i >= 0; i-- {
		if len(p.lines[i].text) > 80 || p.inTable[i] {
			continue // titles are short
		}
		t := clean(p.lines[i].text)
		if t == "" || !isUpperText(t) {
			continue
		}
		f := fold(t)
		m := signPrefixRE.FindStringSubmatch(t)
		if !signTitles[f] && m == nil {
			continue
		}
		// i is the last title line; the name is within the next lines.
		for j := i + 1; j < len(p.lines) && j <= i+4; j++ {
			n := clean(p.lines[j].text)
			if n == "" || p.inTable[j] {
				continue
			}
			if nameRE.MatchString(n) && !signTitles[fold(n)] {
				if isUpperText(n) {
					n = titleWords(n)
				}
				signer = n
			}
			break
		}
		if signer == "" {
			continue
		}
		for k := i; k >= 0 && k > i-4; k-- {
			tk := clean(p.lines[k].text)
			if tk == "" || !isUpperText(tk) {
				break
			}
			if mk := signPrefixRE.FindStringSubmatch(tk); mk != nil {
				if strings.HasPrefix(fold(tk), "tm") || strings.HasPrefix(fold(tk), "t/m") {
					body = properCase(mk[1])
				}
				if title == "" && signTitles[fold(mk[1])] {
					title = sentenceCase(mk[1])
				}
			} else if title == "" && signTitles[fold(tk)] {
				title = sentenceCase(tk)
			}
		}
		return signer, title, body
	}
	return "", "", ""
}
