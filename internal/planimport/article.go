package planimport

import (
	"regexp"
	"strings"
)

// A news article about a plan reads much like the plan, but its tasks,
// figures and dates are a journalist's summary. It is recognised by page
// furniture (source tag, time stamp, "Tin liên quan", comments) and the
// absence of a plan's formal parts (national motto, "Nơi nhận",
// signature, task table).

var (
	sourceTagRE = regexp.MustCompile(`^\(?[a-z0-9][a-z0-9.-]*\.(?:vn|com|net|org)\)?\s*[-–]`)
	agencyTagRE = regexp.MustCompile(`^\([A-Z0-9]{2,8}\)\s*[-–]`)
	timeStampRE = regexp.MustCompile(`^(?:\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4}|.*\d{1,2}/\d{1,2}/\d{4}\s*\|\s*\d{1,2}:\d{2}.*)$`)
	justIssued  = regexp.MustCompile(`(?:vua|da|moi|vua qua,?)(?: \S+){0,6} ban hanh (?:ke hoach|quyet dinh|chuong trinh)`)
)

// pageLines are lines of a news page, folded.
var pageLines = map[string]bool{
	"tin lien quan": true, "doc nhieu": true, "tin cung chuyen muc": true, "xem them": true,
	"chia se": true, "binh luan": true, "0 binh luan": true, "anh minh hoa": true,
	"chia se thong tin voi ban be!": true, "tin moi": true, "tin khac": true, "tra loi": true,
}

// isArticle scores the signs of a news article.
func (p *parser) isArticle() bool {
	score := 0
	furniture := 0
	for i, l := range p.lines {
		t := strings.TrimSpace(l.text)
		if t == "" || p.inTable[i] {
			continue
		}
		f := fold(t)
		switch {
		case sourceTagRE.MatchString(f) || agencyTagRE.MatchString(t):
			score += 2
		case len(t) < 100 && strings.Contains(t, ":") && timeStampRE.MatchString(t):
			score++
		case pageLines[f] || strings.HasPrefix(f, "xem voi co chu") || strings.HasPrefix(f, "y kien cua ban"):
			furniture++
		case strings.HasPrefix(f, "cong hoa xa hoi chu nghia"):
			score -= 3
		case strings.HasPrefix(f, "noi nhan"):
			score -= 2
		case signPrefixRE.MatchString(t) && isUpperText(t):
			score -= 2
		}
		if i < 15 && justIssued.MatchString(f) {
			score++
		}
	}
	score += min(furniture, 3)
	if p.tableTasks {
		score -= 2
	}
	return score >= 2
}
