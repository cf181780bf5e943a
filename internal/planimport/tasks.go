package planimport

import (
	"regexp"
	"strings"

	"github.com/hoptac/hoptac/internal/plan"
)

// taskBuild is a task while its group is being read.
type taskBuild struct {
	num  string // "8", "1.2", "a"; "" when the row has no number
	task Task
}

type groupBuild struct {
	group Group
	tasks []taskBuild
}

// buildGroups turns table rows into groups and tasks.
func (p *parser) buildGroups(rows []row) {
	var groups []*groupBuild
	var cur *groupBuild
	var last *taskBuild
	for _, r := range rows {
		if code, title, ok := groupOf(r); ok {
			cur = &groupBuild{group: Group{Code: code, Title: strPtr(title), Line: r.n}}
			groups = append(groups, cur)
			last = nil
			continue
		}
		if r.continued && last != nil {
			last.task.Lead = append(last.task.Lead, p.agencies.split(r.lead, r.n)...)
			last.task.Support = append(last.task.Support, p.agencies.split(r.support, r.n)...)
			last.task.Source += "\n" + r.raw
			continue
		}
		stt := cleanSTT(r.stt)
		if stt == "" && strings.TrimSpace(r.content) == "" {
			continue
		}
		if cur == nil {
			p.res.warn(warnOrphanTasks, r.n)
			cur = &groupBuild{group: Group{Line: r.n}}
			groups = append(groups, cur)
		}
		num := ""
		content := r.content
		switch {
		case taskNumberRE.MatchString(stt), letterRE.MatchString(stt):
			num = stt
		case stt != "" && len([]rune(stt)) <= 6:
			num = strings.Join(strings.Fields(stt), "")
		case stt != "":
			content = joinCell(stt, content) // a long "number" is text put in the wrong column
		}
		t := Task{
			Content: cleanLines(content),
			Line:    r.n,
			Lead:    p.agencies.split(r.lead, r.n),
			Support: p.agencies.split(r.support, r.n),
			Extra:   r.extra,
			Source:  r.raw,
		}
		if tf := strings.TrimSpace(r.time); tf != "" {
			t.Timeframe = p.timeframe(strings.Join(strings.Fields(tf), " "))
		}
		cur.tasks = append(cur.tasks, taskBuild{num: num, task: t})
		last = &cur.tasks[len(cur.tasks)-1]
	}
	for _, g := range groups {
		p.res.Groups = append(p.res.Groups, p.finishGroup(g, true))
	}
}

// groupOf recognises a group row: a Roman number in the number column,
// or a Roman heading spanning the row.
func groupOf(r row) (code, title string, ok bool) {
	stt := cleanSTT(r.stt)
	if romanValue(stt) > 0 {
		title = r.content
		if title == "" {
			title = joinCell(joinCell(r.lead, r.support), r.time)
		}
		return stt, cleanTitle(title), true
	}
	empty := r.lead == "" && r.support == "" && r.time == ""
	if m := groupInCellRE.FindStringSubmatch(strings.TrimSpace(r.stt)); m != nil && romanValue(m[1]) > 0 && r.content == "" && empty {
		return m[1], cleanTitle(m[2]), true
	}
	if stt == "" && empty {
		if c, t, ok := romanHeading(r.content); ok {
			return c, cleanTitle(t), true
		}
	}
	return "", "", false
}

func cleanTitle(s string) string { return clean(strings.ReplaceAll(s, "**", "")) }

// cleanLines cleans each line of a multi-line cell and drops empty ones.
func cleanLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = clean(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// finishGroup gives the tasks of a group their codes and checks them.
// A numbered task is "group.number". An unnumbered task takes the group
// code when it is the group's only unnumbered task, else the group code
// and a letter in order (V.a, V.b); in the group without a code they are
// a, b, ….
func (p *parser) finishGroup(g *groupBuild, fromTable bool) Group {
	unnumbered := 0
	for _, t := range g.tasks {
		if t.num == "" {
			unnumbered++
		}
	}
	prefix := func(s string) string {
		if g.group.Code == "" {
			return s
		}
		return g.group.Code + "." + s
	}
	seen := map[string]bool{}
	k := 0
	for _, tb := range g.tasks {
		t := tb.task
		switch {
		case tb.num != "":
			t.Code = prefix(tb.num)
		case unnumbered == 1 && g.group.Code != "":
			t.Code = g.group.Code
		default:
			t.Code = prefix(letterCode(k))
			k++
		}
		if seen[t.Code] {
			base := t.Code
			for n := 2; seen[t.Code]; n++ {
				t.Code = base + "-" + itoa(n)
			}
			p.res.warn(warnDuplicateCode, base, t.Line, t.Code)
		}
		seen[t.Code] = true
		if fromTable {
			if len(t.Lead) == 0 {
				p.res.warn(warnLeadNone, t.Code, t.Line)
			}
			switch {
			case t.Timeframe == nil:
				p.res.warn(warnTimeframeNone, t.Code, t.Line)
			case t.Timeframe.Kind == string(plan.TimeframeText):
				p.res.warn(warnTimeframeText, t.Timeframe.Text, t.Code, t.Line)
			}
		}
		g.group.Tasks = append(g.group.Tasks, t)
	}
	return g.group
}

func letterCode(k int) string {
	if 0 <= k && k < 26 {
		return "abcdefghijklmnopqrstuvwxyz"[k : k+1]
	}
	return "n" + itoa(k+1)
}

// ongoingExtra are ways of writing "ongoing" that plan.ParseTimeframe
// does not know (folded, without final punctuation).
var ongoingExtra = map[string]bool{
	"hang nam": true, "thuong xuyen hang nam": true, "thuong xuyen, hang nam": true,
	"lien tuc": true, "thuong xuyen, lien tuc": true, "thuong xuyen lien tuc": true,
	"hang quy": true, "hang thang": true, "thuong xuyen, hang quy": true,
}

var (
	// "Đến năm 2025", "Trước quý II/2021": a deadline, no start.
	byRE = regexp.MustCompile(`(?i)^(?:phấn đấu\s+)?(?:đến hết|đến cuối|đến|trước|hết|cuối|chậm nhất|chậm nhất là|hoàn thành trước|hoàn thành trong)\s+(.+)$`)
	// "Trong năm 2021", "Trong quý III/2022": the period itself.
	duringRE = regexp.MustCompile(`(?i)^trong\s+(.+)$`)
)

// timeframe reads a timeframe cell with the document's year for dates
// and quarters written without one. It extends plan.ParseTimeframe with
// a few forms it leaves as text: "Hàng năm" (ongoing), "Đến năm 2025"
// (a date: the year's last day), "Trong năm 2021" (the year).
func (p *parser) timeframe(text string) *Timeframe {
	tf := plan.ParseTimeframe(text, p.year)
	if tf.Kind == plan.TimeframeText {
		switch {
		case ongoingExtra[strings.TrimRight(fold(text), ".;: ")]:
			tf.Kind = plan.TimeframeOngoing
		case byRE.MatchString(tf.Text):
			inner := plan.ParseTimeframe(byRE.FindStringSubmatch(tf.Text)[1], p.year)
			if inner.Due != nil && inner.Kind != plan.TimeframeRange {
				tf.Kind, tf.Start, tf.Due = plan.TimeframeDate, nil, inner.Due
			}
		case duringRE.MatchString(tf.Text):
			inner := plan.ParseTimeframe(duringRE.FindStringSubmatch(tf.Text)[1], p.year)
			if inner.Kind != plan.TimeframeText {
				tf.Kind, tf.Start, tf.Due = inner.Kind, inner.Start, inner.Due
			}
		}
	}
	return &Timeframe{Kind: string(tf.Kind), Start: timeDate(tf.Start), Due: timeDate(tf.Due), Text: tf.Text}
}
