package planimport

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// docNumberRE matches document numbers: State "135/KH-UBND",
// "134/NQ-CP", "4752/QĐ-UBND", "105/2020/NĐ-CP"; Party "70-KL/TW",
// "70- KL/TW", "05-CTr/TU"; laws "17/2023/QH15".
var docNumberRE = regexp.MustCompile(
	`(\d{1,5})(?:/(\d{4}))?/([A-ZĐ][A-Za-zĐđ]{0,5})\s?[-–]\s?([A-ZĐ][A-ZĐ0-9]{0,9}(?:-[A-ZĐ0-9]{1,9})?)` +
		`|(\d{1,5})\s?[-–]\s?([A-ZĐ][A-Za-zĐđ]{0,4})\s?/\s?([A-ZĐ][A-ZĐ0-9]{0,9})` +
		`|(\d{1,5})/(\d{4})/([A-ZĐ][A-ZĐ0-9]{1,9})`)

// docNumber is a number found in text, normalised.
type docNumber struct {
	number string
	typ    string // "" for laws, whose number names no type
	start  int    // byte offsets in the text searched
	end    int
}

// findNumbers returns the document numbers in s.
func findNumbers(s string) []docNumber {
	var out []docNumber
	for _, m := range docNumberRE.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '-' {
				continue
			}
		}
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		var d docNumber
		switch {
		case m[2] >= 0:
			d.number = g(1) + "/"
			if y := g(2); y != "" {
				d.number += y + "/"
			}
			d.number += g(3) + "-" + g(4)
			d.typ = g(3)
		case m[10] >= 0:
			d.number, d.typ = g(5)+"-"+g(6)+"/"+g(7), g(6)
		default:
			d.number = g(8) + "/" + g(9) + "/" + g(10)
		}
		d.start, d.end = m[0], m[1]
		out = append(out, d)
	}
	return out
}

// refInfo gathers what the text says about one referenced document.
type refInfo struct {
	ref         DocRef
	firstLine   int // index into p.lines of the first mention
	issuerScore int
}

var (
	refDateLeadRE   = regexp.MustCompile(`(?i)^\s*,?\s*(?:ban hành\s+|được ban hành\s+)?ngày\s+`)
	refIssuerLeadRE = regexp.MustCompile(`(?i)^\s*,?\s*(?:của|do)\s+`)
	issuerStopWords = []string{" về ", " và ", " tại ", " trên ", " thực hiện", " nhằm ", " với ", " để ", " đã ",
		" ban hành", " kèm ", " trong ", " đến ", " cho ", " theo ", " là "}
)

// collectRefs reads every document number in the prose with the date and
// issuer written after it ("Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ
// Chính trị"). Mentions of one number are merged: the first date, and
// the cleanest issuer (mixed case without dropped characters beats
// capitals, which beat text with a glitch).
func (p *parser) collectRefs() map[string]*refInfo {
	refs := map[string]*refInfo{}
	for i, l := range p.lines {
		if p.inTable[i] || !strings.Contains(l.text, "/") || !strings.ContainsAny(l.text, "0123456789") {
			continue
		}
		for _, d := range findNumbers(l.text) {
			info, ok := refs[d.number]
			if !ok {
				info = &refInfo{ref: DocRef{Number: d.number, Type: strPtr(d.typ)}, firstLine: i}
				refs[d.number] = info
				p.refOrder = append(p.refOrder, d.number)
			}
			rest := head(l.text[d.end:], 400)
			if m := refDateLeadRE.FindStringIndex(rest); m != nil {
				date, n := parseDateAt(rest[m[1]:])
				if date != nil && info.ref.IssuedOn == nil {
					info.ref.IssuedOn = date
				}
				rest = rest[m[1]+n:]
			}
			if m := refIssuerLeadRE.FindStringIndex(rest); m != nil {
				issuer := cutIssuer(rest[m[1]:])
				if score := issuerScore(issuer); score > info.issuerScore {
					info.issuerScore = score
					info.ref.Issuer = strPtr(properCase(issuer))
				}
			}
		}
	}
	return refs
}

// cutIssuer takes the issuer's name from the text after "của".
func cutIssuer(s string) string {
	s = head(s, 240)
	end := len(s)
	if i := strings.IndexAny(s, ";:()[]"); i >= 0 {
		end = i
	}
	for i := 0; i < end; i++ {
		if s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ') {
			end = i
			break
		}
		if s[i] == ',' && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(s[i+1:])), "ban chấp hành") {
			end = i
			break
		}
	}
	low := strings.ToLower(s[:end])
	if len(low) == end {
		for _, w := range issuerStopWords {
			if i := strings.Index(low, w); i >= 0 && i < end {
				end = i
			}
		}
	}
	words := strings.Fields(s[:end])
	if len(words) > 14 {
		words = words[:14]
	}
	return strings.Join(words, " ")
}

func issuerScore(s string) int {
	switch {
	case s == "":
		return 0
	case hasGlitch(s):
		return 1
	case isUpperText(s):
		return 2
	}
	return 3
}

// implementsFrom picks the documents the plan implements: those named in
// its opening part (title, preamble) before the first section, table or
// list, other than its own number. They are given in the order of the
// chain they form (resolution → conclusion → plan): oldest first, the
// undated ones last in order of mention.
func (p *parser) implementsFrom(refs map[string]*refInfo, own string) []DocRef {
	var out []DocRef
	for _, num := range p.refOrder {
		info := refs[num]
		if num == own || info.firstLine >= p.bodyStart {
			continue
		}
		out = append(out, info.ref)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].IssuedOn, out[j].IssuedOn
		switch {
		case a == nil:
			return false
		case b == nil:
			return true
		}
		return a.Time().Before(b.Time())
	})
	return out
}
