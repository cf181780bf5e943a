package planimport

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/plan"
)

// Targets are read from a "Mục tiêu cụ thể" (or "Chỉ tiêu …") section,
// one or more per item: "Trên 50% cán bộ … được đào tạo, trong đó 70% …,
// 100% cán bộ chuyên môn …" gives three, the second detailing the first.
// A deadline opens an item ("Đến hết quý II/2018, …") or stands alone
// above sub-items ("- Phấn đấu đến năm 2020:" then "+ …").

var (
	targetHeadRE = regexp.MustCompile(`^(?:(?:[ivx]{1,4}|\d{1,2}|[a-z])\s*[.)]\s*)?(?:cac\s+)?(?:muc tieu cu the|chi tieu cu the|chi tieu chu yeu|muc tieu, chi tieu|cac chi tieu|chi tieu)\s*:?$`)
	sectionNumRE = regexp.MustCompile(`^(\d{1,2})[.)]\s`)

	deadlinePrefixRE = regexp.MustCompile(`(?i)^(?:phấn đấu\s+)?(?:(?:đến|tới|trước|trong|vào|từ nay đến)\s+)?(?:(?:hết|cuối)\s+)?` + deadlineCore + `\s*[:,]?\s*`)
	deadlineInRE     = regexp.MustCompile(`(?i)[\s,]+(?:phấn đấu\s+)?(?:đến|tới|vào|trước|trong)\s+(?:(?:hết|cuối)\s+)?` + deadlineCore)
	qtyRE            = regexp.MustCompile(`(?i)(?:(trên|hơn|vượt|ít nhất|tối thiểu|không dưới|không thấp hơn|không ít hơn|dưới|thấp hơn|ít hơn|không quá|tối đa|không vượt quá|khoảng|từ)\s+)?(\d+(?:[.,]\d+)*)(?:\s*(?:-|–|đến|tới)\s*(\d+(?:[.,]\d+)*))?(\s*%)?`)
	clauseStartRE    = regexp.MustCompile(`(?i)^(?:(?:trên|hơn|ít nhất|tối thiểu|không dưới|dưới|không quá|tối đa|đạt|khoảng)\s+)?\d+(?:[.,]\d+)?\s*(?:%|\p{L})`)
	nestedRE         = regexp.MustCompile(`(?i)^trong\s+đó\s*:?\s*`)
)

const deadlineCore = `(năm\s+\d{4}|quý\s+[IVX1-4]+\s*(?:/|năm)\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}|tháng\s+\d{1,2}\s*/\s*\d{4}|giai đoạn\s+\d{4}\s*[-–]\s*\d{4})`

var comparatorWords = map[string]string{
	"tren": ">", "hon": ">", "vuot": ">",
	"it nhat": ">=", "toi thieu": ">=", "khong duoi": ">=", "khong thap hon": ">=", "khong it hon": ">=", "tu": ">=",
	"duoi": "<", "thap hon": "<", "it hon": "<",
	"khong qua": "<=", "toi da": "<=", "khong vuot qua": "<=",
}

// units are what a target counts, folded and as written in the result.
var units = []struct{ folded, unit string }{
	{"lien hiep hop tac xa", "liên hiệp hợp tác xã"}, {"hop tac xa", "hợp tác xã"}, {"to hop tac", "tổ hợp tác"},
	{"htx", "HTX"}, {"tht", "THT"}, {"thanh vien", "thành viên"}, {"nguoi", "người"}, {"lao dong", "lao động"},
	{"can bo", "cán bộ"}, {"trieu dong", "triệu đồng"}, {"ty dong", "tỷ đồng"}, {"nghin dong", "nghìn đồng"},
	{"ngan dong", "ngàn đồng"}, {"dong", "đồng"}, {"hecta", "ha"}, {"ha", "ha"}, {"san pham", "sản phẩm"},
	{"mo hinh", "mô hình"}, {"doanh nghiep", "doanh nghiệp"}, {"lop", "lớp"}, {"luot", "lượt"},
	{"chuoi", "chuỗi"}, {"tan", "tấn"}, {"xa", "xã"},
}

// readTargets reads every target section.
func (p *parser) readTargets() {
	for i := 0; i < len(p.lines); i++ {
		t := strings.TrimSpace(p.lines[i].text)
		if p.inTable[i] || len(t) > 100 || !targetHeadRE.MatchString(strings.TrimRight(fold(t), ".")) {
			continue
		}
		p.targetLines[i] = true
		num := -1
		if m := sectionNumRE.FindStringSubmatch(t); m != nil {
			num, _ = strconv.Atoi(m[1])
		}
		var ctxDue *Date
		j := i + 1
		for ; j < len(p.lines); j++ {
			lt := strings.TrimSpace(p.lines[j].text)
			if lt == "" || p.inTable[j] {
				continue
			}
			if _, _, ok := romanHeading(lt); ok {
				break
			}
			if m := sectionNumRE.FindStringSubmatch(lt); m != nil && num >= 0 {
				if n, _ := strconv.Atoi(m[1]); n > num {
					break
				}
			}
			p.targetLines[j] = true
			ctxDue = p.targetItem(j, lt, ctxDue)
		}
		i = j - 1
	}
}

// targetItem reads one item and returns the deadline its sub-items inherit.
func (p *parser) targetItem(idx int, text string, ctxDue *Date) *Date {
	body, bullet := stripBullet(text)
	sub := bullet == '+'
	var due *Date
	if m := deadlinePrefixRE.FindStringSubmatchIndex(body); m != nil {
		due = p.deadline(body[m[2]:m[3]])
		rest := strings.TrimSpace(body[m[1]:])
		if rest == "" || rest == ":" {
			return due // "Phấn đấu đến năm 2020:" heads the sub-items
		}
	}
	clauses := splitClauses(body)
	if due == nil {
		for _, c := range clauses {
			if m := deadlineInRE.FindStringSubmatchIndex(c.text); m != nil {
				due = p.deadline(c.text[m[2]:m[3]])
				break
			}
		}
	}
	next := due
	if due == nil && sub {
		due, next = ctxDue, ctxDue
	}
	parent := -1
	for k, c := range clauses {
		tg := p.target(c.text, k == 0)
		if tg == nil {
			continue
		}
		tg.Due, tg.Line = due, p.lines[idx].n
		if c.nested && parent >= 0 {
			tg.Parent = intPtr(parent)
		}
		p.res.Targets = append(p.res.Targets, *tg)
		if !c.nested {
			parent = len(p.res.Targets) - 1
		}
	}
	return next
}

func (p *parser) deadline(s string) *Date {
	return timeDate(plan.ParseTimeframe(s, p.year).Due)
}

type clause struct {
	text   string
	nested bool
}

// splitClauses cuts an item where a new figure starts after a comma or
// semicolon (outside parentheses), and at "trong đó", which marks a
// detail of the figure before.
func splitClauses(s string) []clause {
	var out []clause
	depth, start, nested := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',', ';':
			if depth > 0 || s[i] == ',' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
				continue // inside brackets, or a decimal comma
			}
			skip := len(s[i+1:]) - len(strings.TrimLeft(s[i+1:], " "))
			after := head(s[i+1+skip:], 64)
			if m := nestedRE.FindStringIndex(after); m != nil {
				out = append(out, clause{s[start:i], nested})
				start, nested = i+1+skip+m[1], true
			} else if clauseStartRE.MatchString(after) {
				out = append(out, clause{s[start:i], nested})
				start, nested = i+1+skip, false
			}
		}
	}
	return append(out, clause{s[start:], nested})
}

// target reads one clause; a clause without a figure is a qualitative
// target only when it is the whole item's first clause.
func (p *parser) target(text string, first bool) *Target {
	text = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), ".,;:"))
	if text == "" {
		return nil
	}
	body := text
	if m := deadlinePrefixRE.FindStringIndex(body); m != nil {
		body = body[m[1]:]
	}
	if m := deadlineInRE.FindStringIndex(body); m != nil {
		body = body[:m[0]] + body[m[1]:]
	}
	if strings.Trim(body, " ,;:.") == "" {
		return nil // only a deadline: "Đến hết quý III/2022, không quá 5% …"
	}
	tg := &Target{Text: clean(text)}
	q, ok := findQuantity(body)
	if !ok {
		if !first {
			return nil
		}
		tg.Measure = strPtr(clean(body))
		return tg
	}
	tg.Value, tg.ValueMax, tg.Unit = &q.value, q.valueMax, strPtr(q.unit)
	if q.comparator != "" {
		tg.Comparator = strPtr(q.comparator)
	}
	tg.Measure = strPtr(strings.Trim(clean(body[:q.start]+" "+body[q.end:]), " ,;:.-–"))
	return tg
}

type quantity struct {
	value      float64
	valueMax   *float64
	comparator string
	unit       string
	start, end int // the part of the text the figure takes ("Trên 50%")
}

// findQuantity finds the first figure of a clause that is not a year or
// part of a date.
func findQuantity(s string) (quantity, bool) {
	for _, m := range qtyRE.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' {
				continue
			}
		}
		if m[5] < len(s) && (s[m[5]] == '/' || s[m[5]] == '-' && m[6] < 0) {
			continue // a date or a number like 13-KL/TW
		}
		v, ok := parseVNNumber(s[m[4]:m[5]])
		if !ok {
			continue
		}
		q := quantity{value: v, start: m[0], end: m[1]}
		if m[6] >= 0 {
			if w, ok := parseVNNumber(s[m[6]:m[7]]); ok && w > v {
				q.valueMax, q.comparator = &w, "between"
			}
		}
		if m[2] >= 0 && q.comparator == "" {
			q.comparator = comparatorWords[fold(s[m[2]:m[3]])]
		}
		if m[8] >= 0 {
			q.unit = "%"
		} else {
			q.unit = unitAt(s[m[1]:])
			q.end = m[5]
			if m[7] > q.end {
				q.end = m[7]
			}
		}
		if q.unit == "" && v >= 1900 && v <= 2100 && v == float64(int(v)) {
			continue // a year: "Luật Hợp tác xã 2012", "2018-2020"
		}
		if q.comparator == "" {
			if rest := fold(head(s[q.end:], 32)); strings.HasPrefix(rest, "tro len") {
				q.comparator = ">="
				if k := strings.Index(head(s[q.end:], 32), "lên"); k >= 0 {
					q.end += k + len("lên")
				}
			} else if strings.HasPrefix(rest, "tro xuong") {
				q.comparator = "<="
			}
		}
		return q, true
	}
	return quantity{}, false
}

// unitAt returns the unit written at the start of s, "" if none.
func unitAt(s string) string {
	head := s
	if len(head) > 80 {
		head = head[:80]
	}
	f := fold(head)
	for _, u := range units {
		if strings.HasPrefix(f, u.folded) && (len(f) == len(u.folded) || !isAlnum(f[len(u.folded)])) {
			return u.unit
		}
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
