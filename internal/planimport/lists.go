package planimport

import (
	"regexp"
	"strings"
)

// When a plan has no task table its tasks are written as a list. Three
// forms are read, the first that gives at least two tasks wins:
//   - "Thứ nhất, …", "Thứ hai, …", … in sequence;
//   - "-" bullets after a line ending with ":" that announces contents,
//     tasks or solutions ("… một số nội dung chủ yếu:");
//   - numbered items "1.", "2." under a Roman heading about tasks or
//     solutions ("III. NHIỆM VỤ VÀ GIẢI PHÁP").
// List tasks go in one group with an empty code and are numbered 1, 2, ….

var ordinals = []string{"nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi",
	"muoi mot", "muoi hai", "muoi ba", "muoi bon", "muoi lam"}

var ordinalRE = regexp.MustCompile(`(?i)^thứ\s+(\p{L}+(?:\s+\p{L}+)?)\s*[,:.;–-]\s*(\S.*)$`)

// listItem is one task found in a list.
type listItem struct {
	idx     int // index in p.lines
	content string
}

// readLists fills the groups from a list when no table gave any task.
func (p *parser) readLists() {
	var items []listItem
	for _, find := range []func() []listItem{p.ordinalList, p.bulletList, p.numberedList} {
		if items = find(); len(items) >= 2 {
			break
		}
	}
	if len(items) < 2 {
		return
	}
	g := &groupBuild{group: Group{Line: p.lines[items[0].idx].n}}
	for k, it := range items {
		l := p.lines[it.idx]
		g.tasks = append(g.tasks, taskBuild{num: itoa(k + 1), task: Task{Content: clean(it.content), Line: l.n, Source: l.text}})
		p.listLines[it.idx] = true
	}
	p.res.Groups = append(p.res.Groups, p.finishGroup(g, false))
	p.res.warn(warnListTasks, p.lines[items[0].idx].n)
}

// ordinalList reads "Thứ nhất, …" to "Thứ n, …" in order.
func (p *parser) ordinalList() []listItem {
	var items []listItem
	for i, l := range p.lines {
		if p.inTable[i] {
			continue
		}
		m := ordinalRE.FindStringSubmatch(strings.TrimSpace(l.text))
		if m == nil || len(items) >= len(ordinals) || fold(m[1]) != ordinals[len(items)] {
			continue
		}
		items = append(items, listItem{i, m[2]})
	}
	return items
}

// listIntro reports a line that announces a list of tasks.
func listIntro(t string) bool {
	f := fold(strings.TrimSpace(t))
	if !strings.HasSuffix(f, ":") || strings.HasPrefix(f, "noi nhan") {
		return false
	}
	// The announcing words are in the last clause: "…, cần tập trung
	// thực hiện một số nội dung chủ yếu:".
	if i := strings.LastIndexAny(f, ",;"); i >= 0 {
		f = f[i+1:]
	}
	if strings.Contains(f, "muc tieu") || strings.Contains(f, "chi tieu") {
		return false
	}
	return strings.Contains(f, "noi dung") || strings.Contains(f, "nhiem vu") || strings.Contains(f, "giai phap")
}

// declaredItemRE is a line of a plan's summary of its contents ("- Nội
// dung về …: 02 nhiệm vụ."), not a task.
var declaredItemRE = regexp.MustCompile(`:\s*\d{1,3}\s+nhiem vu\.?$`)

// bulletList reads the "-" bullets after an announcing line.
func (p *parser) bulletList() []listItem {
	for i, l := range p.lines {
		if p.inTable[i] || p.targetLines[i] || !listIntro(l.text) {
			continue
		}
		var items []listItem
		for j := i + 1; j < len(p.lines); j++ {
			t := strings.TrimSpace(p.lines[j].text)
			if t == "" {
				continue
			}
			content, b := stripBullet(t)
			if b == '+' {
				continue // a detail of the item above
			}
			if b == 0 || p.inTable[j] || p.targetLines[j] || declaredItemRE.MatchString(fold(t)) {
				break
			}
			items = append(items, listItem{j, content})
		}
		if len(items) >= 2 {
			return items
		}
	}
	return nil
}

// taskHeading reports a Roman heading about tasks or solutions.
func taskHeading(title string) bool {
	f := fold(title)
	if strings.Contains(f, "to chuc thuc hien") || strings.Contains(f, "muc dich") || strings.Contains(f, "muc tieu") {
		return false
	}
	return strings.Contains(f, "nhiem vu") || strings.Contains(f, "giai phap")
}

// numberedList reads "1.", "2." items under a task heading, up to the
// next Roman heading.
func (p *parser) numberedList() []listItem {
	for i, l := range p.lines {
		if p.inTable[i] {
			continue
		}
		if _, title, ok := romanHeading(l.text); !ok || !taskHeading(title) {
			continue
		}
		var items []listItem
		for j := i + 1; j < len(p.lines); j++ {
			t := strings.TrimSpace(p.lines[j].text)
			if _, _, ok := romanHeading(t); ok || p.inTable[j] {
				break
			}
			if m := numberedRE.FindStringSubmatch(t); m != nil && m[1] == itoa(len(items)+1) {
				items = append(items, listItem{j, m[2]})
			}
		}
		if len(items) >= 2 {
			return items
		}
	}
	return nil
}
