package planimport

import (
	"regexp"
	"strconv"
	"strings"
)

// A plan often states its own size ("bao gồm 5 nội dung với 18 nhiệm vụ",
// "- Nội dung về …: 02 nhiệm vụ."); the counts are compared with what was
// read, so a task the parser missed does not go unnoticed. Patterns run
// on folded text.
var (
	totalBothRE   = regexp.MustCompile(`(\d{1,3}) (?:noi dung|nhom nhiem vu|nhom|phan)(?: (?:voi|gom|va|bao gom))?,? (\d{1,3}) nhiem vu`)
	totalTasksRE  = regexp.MustCompile(`(?:gom|bao gom|vao|co|voi|tong cong|tong so|tat ca) (\d{1,3}) nhiem vu`)
	totalGroupsRE = regexp.MustCompile(`(?:gom|bao gom|vao|co|voi) (\d{1,3}) (?:noi dung|nhom nhiem vu)`)
	groupDeclRE   = regexp.MustCompile(`^(?:[-+*] ?)?(?:noi dung|nhom(?: nhiem vu)?)(?: ve)? (.+?) ?: ?(\d{1,3}) nhiem vu\.?$`)
)

// groupDecl is one "Nội dung về …: N nhiệm vụ" line.
type groupDecl struct {
	title string // folded
	count int
	line  int
}

// readDeclared reads the stated counts and gives groups their declared
// number of tasks.
func (p *parser) readDeclared() {
	var decls []groupDecl
	var tasksLine, groupsLine int
	for i, l := range p.lines {
		if p.inTable[i] || p.listLines[i] || !strings.ContainsAny(l.text, "0123456789") {
			continue
		}
		f := fold(l.text)
		if !strings.Contains(f, "nhiem vu") && !strings.Contains(f, "noi dung") && !strings.Contains(f, "nhom") {
			continue
		}
		if len(f) < 400 && strings.HasSuffix(strings.TrimRight(f, ". "), "nhiem vu") {
			if m := groupDeclRE.FindStringSubmatch(f); m != nil {
				n, _ := strconv.Atoi(m[2])
				decls = append(decls, groupDecl{m[1], n, l.n})
				continue
			}
		}
		if p.res.Declared.Tasks == nil {
			if m := totalBothRE.FindStringSubmatch(f); m != nil {
				g, _ := strconv.Atoi(m[1])
				t, _ := strconv.Atoi(m[2])
				p.res.Declared.Groups, p.res.Declared.Tasks = intPtr(g), intPtr(t)
				groupsLine, tasksLine = l.n, l.n
				continue
			}
			if m := totalTasksRE.FindStringSubmatch(f); m != nil {
				t, _ := strconv.Atoi(m[1])
				p.res.Declared.Tasks, tasksLine = intPtr(t), l.n
			}
		}
		if p.res.Declared.Groups == nil {
			if m := totalGroupsRE.FindStringSubmatch(f); m != nil {
				g, _ := strconv.Atoi(m[1])
				p.res.Declared.Groups, groupsLine = intPtr(g), l.n
			}
		}
	}
	p.matchGroupDecls(decls)
	p.declLines = [2]int{groupsLine, tasksLine}
	p.groupDecls = decls
}

// matchGroupDecls gives each declaration to the group whose title shares
// most words with it; when nothing matches well and the numbers agree,
// declarations go to groups in order. Declarations follow the groups'
// order, so only a window of groups after the last match is compared,
// which keeps a huge file linear.
func (p *parser) matchGroupDecls(decls []groupDecl) {
	var coded []int
	titles := map[int]string{}
	for i, g := range p.res.Groups {
		if g.Code != "" {
			coded = append(coded, i)
			if g.Title != nil {
				titles[i] = fold(*g.Title)
			}
		}
	}
	used := map[int]bool{}
	from := 0
	for k, d := range decls {
		best, bestScore := -1, 0.5
		for c := from; c < len(coded) && c < from+matchWindow; c++ {
			gi := coded[c]
			if used[gi] {
				continue
			}
			if s := overlap(d.title, titles[gi]); s >= bestScore {
				best, bestScore = gi, s
			}
		}
		if best < 0 && len(decls) == len(coded) && !used[coded[k]] {
			best = coded[k]
		}
		if best >= 0 {
			used[best] = true
			p.res.Groups[best].DeclaredTasks = intPtr(d.count)
			p.groupDeclLine[best] = d.line
		}
		for from < len(coded) && used[coded[from]] {
			from++
		}
	}
}

const matchWindow = 32

// overlap is the share of the words of the shorter text found in the other.
func overlap(a, b string) float64 {
	wa, wb := strings.Fields(strings.ReplaceAll(a, ",", " ")), strings.Fields(strings.ReplaceAll(b, ",", " "))
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	set := map[string]bool{}
	for _, w := range wb {
		set[w] = true
	}
	n := 0
	for _, w := range wa {
		if set[w] {
			n++
		}
	}
	return float64(n) / float64(len(wa))
}

// checkCounts warns where the stated counts and the parsed ones differ,
// and when no task was found at all.
func (p *parser) checkCounts() {
	total := p.res.TaskCount()
	if total == 0 {
		p.res.warn(warnNoTasks)
		for i, l := range p.lines {
			f := fold(l.text)
			if !p.inTable[i] && (strings.Contains(f, "phu luc") || strings.Contains(f, "danh muc")) && strings.Contains(f, "kem theo") {
				p.res.warn(warnAppendix, l.n)
				break
			}
		}
		return
	}
	d := p.res.Declared
	if d.Tasks != nil && *d.Tasks != total {
		p.res.warn(warnCountTasks, *d.Tasks, p.declLines[1], total)
	}
	groups := 0
	for _, g := range p.res.Groups {
		if g.Code != "" {
			groups++
		}
	}
	if d.Groups != nil && groups > 0 && *d.Groups != groups {
		p.res.warn(warnCountGroups, *d.Groups, p.declLines[0], groups)
	}
	sum := 0
	for _, dec := range p.groupDecls {
		sum += dec.count
	}
	for gi, g := range p.res.Groups {
		if g.DeclaredTasks != nil && *g.DeclaredTasks != len(g.Tasks) {
			p.res.warn(warnCountGroupTasks, g.Code, *g.DeclaredTasks, p.groupDeclLine[gi], len(g.Tasks))
		}
	}
	if len(p.groupDecls) > 0 && d.Tasks != nil && sum != *d.Tasks {
		p.res.warn(warnCountSum, sum, *d.Tasks)
	}
}
