package planimport

import (
	"regexp"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
)

// agencies resolves agency names through a Resolver, remembering answers
// for one Parse, and keeps the names nothing matched for one warning each.
type agencies struct {
	r        Resolver
	memo     map[string]resolution
	unknown  map[string]*unknownName
	unknowns []string // in order of first appearance
}

type resolution struct {
	name       string
	collective bool
	ok         bool
}

type unknownName struct {
	line  int
	count int
}

func newAgencies(r Resolver) *agencies {
	return &agencies{r: r, memo: map[string]resolution{}, unknown: map[string]*unknownName{}}
}

var parenRE = regexp.MustCompile(`\s*\([^()]*\)`)

// resolve looks text up, and again without parenthetical notes ("Sở Tài
// chính (chủ trì)").
func (a *agencies) resolve(text string) resolution {
	if a.r == nil {
		return resolution{}
	}
	if res, ok := a.memo[text]; ok {
		return res
	}
	var res resolution
	res.name, res.collective, res.ok = a.r.Resolve(text)
	if !res.ok && strings.Contains(text, "(") {
		if bare := strings.TrimSpace(parenRE.ReplaceAllString(text, "")); bare != "" && bare != text {
			res.name, res.collective, res.ok = a.r.Resolve(bare)
		}
	}
	if len(a.memo) < 100000 {
		a.memo[text] = res
	}
	return res
}

// maxSpan bounds how many comma-separated parts one name may have; it
// keeps splitting linear in the length of a cell.
const maxSpan = 8

// span is a part of a cell between separators, by byte offsets.
type span struct{ start, end int }

// split reads the agencies of a lead or support cell. A comma does not
// always separate agencies ("Sở Lao động, Thương binh và Xã hội", "UBND
// các huyện, thị xã, thành phố"), so the longest run of comma-separated
// parts that the resolver knows is taken first; "và" splits a part only
// when every piece is a known agency. Parts nothing matches stay
// together up to the next part that starts like an agency name, and are
// kept with a null agency.
func (a *agencies) split(cell string, lineNo int) []AgencyRef {
	var refs []AgencyRef
	for _, chunk := range hardChunks(cell) {
		segs := cutSpans(chunk, ",")
		for i := 0; i < len(segs); {
			if j, res := a.longest(chunk, segs, i); j > i {
				refs = append(refs, a.ref(chunk[segs[i].start:segs[j-1].end], res, lineNo))
				i = j
				continue
			}
			part := chunk[segs[i].start:segs[i].end]
			if pieces := a.splitVa(part); pieces != nil {
				for _, p := range pieces {
					refs = append(refs, a.ref(p.text, p.res, lineNo))
				}
				i++
				continue
			}
			j := i + 1
			for j < len(segs) && !startsLikeAgency(chunk[segs[j].start:segs[j].end]) && !a.resolve(trimName(chunk[segs[j].start:segs[j].end])).ok {
				j++
			}
			refs = append(refs, a.ref(chunk[segs[i].start:segs[j-1].end], resolution{}, lineNo))
			i = j
		}
	}
	return refs
}

// longest returns the end of the longest run of parts from i that
// resolves, or i when none does.
func (a *agencies) longest(chunk string, segs []span, i int) (int, resolution) {
	for j := min(len(segs), i+maxSpan); j > i; j-- {
		text := trimName(chunk[segs[i].start:segs[j-1].end])
		if text == "" {
			continue
		}
		if res := a.resolve(text); res.ok {
			return j, res
		}
	}
	return i, resolution{}
}

type piece struct {
	text string
	res  resolution
}

var vaRE = regexp.MustCompile(`(?i)\s+(?:và|cùng|với)\s+`)

// splitVa splits "Sở Tài chính và Sở Kế hoạch và Đầu tư" when every
// piece, taking the longest known runs, is an agency; nil otherwise.
func (a *agencies) splitVa(part string) []piece {
	locs := vaRE.FindAllStringIndex(part, maxSpan)
	if len(locs) == 0 {
		return nil
	}
	var segs []span
	start := 0
	for _, l := range locs {
		segs = append(segs, span{start, l[0]})
		start = l[1]
	}
	segs = append(segs, span{start, len(part)})
	var out []piece
	for i := 0; i < len(segs); {
		j, res := a.longest(part, segs, i)
		if j == i {
			return nil
		}
		out = append(out, piece{part[segs[i].start:segs[j-1].end], res})
		i = j
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

func (a *agencies) ref(text string, res resolution, lineNo int) AgencyRef {
	text = trimName(text)
	ref := AgencyRef{Text: text}
	if res.ok {
		ref.Agency = strPtr(res.name)
		ref.Collective = res.collective
		return ref
	}
	ref.Collective = looksCollective(text)
	if u, ok := a.unknown[text]; ok {
		u.count++
	} else {
		a.unknown[text] = &unknownName{line: lineNo, count: 1}
		a.unknowns = append(a.unknowns, text)
	}
	return ref
}

// warnUnknown adds one warning per name nothing matched.
func (a *agencies) warnUnknown(r *Result) {
	for _, name := range a.unknowns {
		u := a.unknown[name]
		var more any = ""
		if u.count > 1 {
			more = i18n.M(warnAgencyUnknownMore, u.count-1)
		}
		r.warn(warnAgencyUnknown, name, u.line, more)
	}
}

// hardChunks cuts a cell where agencies are always separate: line
// breaks, semicolons and list bullets.
func hardChunks(cell string) []string {
	var out []string
	for _, l := range strings.Split(cell, "\n") {
		for _, c := range strings.Split(l, ";") {
			c, _ = stripBullet(c)
			if c = trimName(c); c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// cutSpans splits s at sep, as byte spans of s.
func cutSpans(s, sep string) []span {
	var out []span
	start := 0
	for {
		i := strings.Index(s[start:], sep)
		if i < 0 {
			return append(out, span{start, len(s)})
		}
		out = append(out, span{start, start + i})
		start += i + len(sep)
	}
}

// trimName trims spaces and the punctuation a list leaves around a name.
func trimName(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,;:-–+*•"))
}

// agencyHeads are how agency names begin (folded); a comma-separated part
// that begins otherwise continues the name before it.
var agencyHeads = []string{
	"so ", "ubnd", "uy ban", "ban ", "bao ", "dai ", "lien minh", "lien doan", "lien hiep", "hoi ",
	"ngan hang", "cuc ", "chi cuc", "van phong", "cac ", "mat tran", "mttq", "truong ", "trung tam",
	"phong ", "quy ", "cong an", "bo ", "tinh doan", "doan ", "kho bac", "thanh tra", "vien ",
	"bao hiem", "toa an", "dang uy", "huyen uy", "thanh uy", "tinh uy", "hiep hoi", "doanh nghiep",
	"chi nhanh", "hdnd", "hoi dong", "htx", "hop tac xa", "to hop tac", "cong ty", "tong cong ty",
	"bql", "nhnn", "kbnn", "bhxh", "chu tich", "giam doc", "thu truong", "co quan", "nhnn", "khu ",
}

func startsLikeAgency(s string) bool {
	f := fold(trimName(s)) + " "
	for _, h := range agencyHeads {
		if strings.HasPrefix(f, h) {
			return true
		}
	}
	return false
}

// looksCollective guesses whether an unknown name stands for many
// agencies ("Các hợp tác xã", "UBND các xã").
func looksCollective(s string) bool {
	f := fold(s)
	if strings.HasPrefix(f, "cac ") {
		return true
	}
	for _, w := range []string{" cac cap", "lien quan", " cac huyen", " cac xa", " cac so", " cac don vi", " cac quan"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}
