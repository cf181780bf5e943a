package web

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
)

// The review screen is one table: a row per task beside the source text
// it was read from, every field editable in place, the whole table one
// form (so it works without JavaScript). Above it, what needs a look is
// listed with a link to its row: refused fields, agencies nobody knows,
// missing leads and timeframes, counts that differ from what the text
// declares, and the parser's warnings.

// reviewNote is one line of the lists above the table.
type reviewNote struct {
	Text   string
	Anchor string // id of the row (or field) to link to, "" for none
}

// taskAnchor and groupAnchor are the ids of a task's and a group's row.
func taskAnchor(gi, ti int) string { return fmt.Sprintf("task-%d-%d", gi, ti) }
func groupAnchor(gi int) string    { return fmt.Sprintf("group-%d", gi) }

var (
	// reviewFieldRE matches the fields the review form shows, whose ids
	// the error summary links to.
	reviewFieldRE = regexp.MustCompile(`^(doc\.(number|type|title|issuer|issued_on|signer)|coordinator|g\d+\.title|t\d+\.\d+\.(content|lead|support|timeframe)|target\d+\.(text|comparator|value|value_max|unit|due)|duplicate_ok)$`)
	taskFieldRE   = regexp.MustCompile(`^t(\d+)\.(\d+)\.`)
	groupFieldRE  = regexp.MustCompile(`^g(\d+)\.`)
	targetFieldRE = regexp.MustCompile(`^target(\d+)\.`)
	// warningLineRE finds the line a parser warning names ("(dòng 38)").
	warningLineRE = regexp.MustCompile(`(?i)\b(?:dòng|line)\s+(\d+)`)
)

// problemAnchor is where the summary line of a refused field links: the
// field itself when the form shows it, else its row.
func problemAnchor(field string) string {
	switch {
	case field == "title":
		return "doc.title"
	case field == "tasks":
		return "tasks"
	case reviewFieldRE.MatchString(field):
		return field
	}
	if m := taskFieldRE.FindStringSubmatch(field); m != nil {
		return "task-" + m[1] + "-" + m[2]
	}
	if m := groupFieldRE.FindStringSubmatch(field); m != nil {
		return "group-" + m[1]
	}
	if m := targetFieldRE.FindStringSubmatch(field); m != nil {
		return "target-" + m[1]
	}
	return ""
}

// reviewChecks lists what the coordinator should look at in the plan as
// it now stands (after their edits, not as the file was read): counts
// that differ from the declared ones, and for tasks of a table, a lead
// or timeframe missing or not understood and agencies that match none
// (they will be created as new agencies and flagged).
func reviewChecks(t func(string, ...any) string, res *planimport.Result) []reviewNote {
	var out []reviewNote
	if d := res.Declared.Tasks; d != nil && *d != res.TaskCount() {
		out = append(out, reviewNote{t("import.check.count_tasks", *d, res.TaskCount()), "tasks"})
	}
	coded := 0
	for _, g := range res.Groups {
		if g.Code != "" {
			coded++
		}
	}
	if d := res.Declared.Groups; d != nil && coded > 0 && *d != coded {
		out = append(out, reviewNote{t("import.check.count_groups", *d, coded), "tasks"})
	}
	for gi, g := range res.Groups {
		if g.DeclaredTasks != nil && *g.DeclaredTasks != len(g.Tasks) {
			out = append(out, reviewNote{t("import.check.count_group", g.Code, *g.DeclaredTasks, len(g.Tasks)), groupAnchor(gi)})
		}
		for ti, task := range g.Tasks {
			anchor := taskAnchor(gi, ti)
			if g.Code != "" { // tasks read from a list name no agency nor time at all
				switch {
				case len(task.Lead) == 0:
					out = append(out, reviewNote{t("import.check.lead_missing", task.Code), anchor})
				}
				switch {
				case task.Timeframe == nil:
					out = append(out, reviewNote{t("import.check.timeframe_missing", task.Code), anchor})
				case task.Timeframe.Kind == string(plan.TimeframeText):
					out = append(out, reviewNote{t("import.check.timeframe_text", task.Code, task.Timeframe.Text), anchor})
				}
			}
			var unknown []string
			for _, refs := range [][]planimport.AgencyRef{task.Lead, task.Support} {
				for _, a := range refs {
					if a.Agency == nil {
						unknown = append(unknown, "«"+a.Text+"»")
					}
				}
			}
			if len(unknown) > 0 {
				out = append(out, reviewNote{t("import.check.unresolved", task.Code, strings.Join(unknown, ", ")), anchor})
			}
		}
	}
	return out
}

// warningNotes links each parser warning to the row of the line it
// names, when that line is a task's or a group's.
func warningNotes(res *planimport.Result) []reviewNote {
	rows := map[int]string{}
	for gi, g := range res.Groups {
		rows[g.Line] = groupAnchor(gi)
		for ti, task := range g.Tasks {
			for k := 0; k <= strings.Count(task.Source, "\n"); k++ {
				rows[task.Line+k] = taskAnchor(gi, ti)
			}
		}
	}
	out := make([]reviewNote, len(res.Warnings))
	for i, w := range res.Warnings {
		out[i].Text = w
		if m := warningLineRE.FindStringSubmatch(w); m != nil {
			n, _ := strconv.Atoi(m[1])
			out[i].Anchor = rows[n]
		}
	}
	return out
}

// Source is the text task t was read from, cut into its cells (a row's
// lines one after another); a pending import stored before tasks kept
// their source falls back to the task's first line.
func (r importReview) Source(t planimport.Task) [][]string {
	src := t.Source
	if src == "" {
		src = r.Line(t.Line)
	}
	if src == "" {
		return nil
	}
	var out [][]string
	for _, l := range strings.Split(src, "\n") {
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}

// Num shows a target's figure as the form reads it back.
func (importReview) Num(v *float64) string {
	if v == nil {
		return ""
	}
	return planimport.FormatNumber(*v)
}

// Comparators are the choices of a target's comparator, with the message
// key of each; the empty one states none.
func (importReview) Comparators() []struct{ Value, Key string } {
	out := []struct{ Value, Key string }{{"", "import.cmp.none"}}
	keys := map[string]string{plan.CmpGreater: "import.cmp.gt", plan.CmpAtLeast: "import.cmp.ge",
		plan.CmpEqual: "import.cmp.eq", plan.CmpAtMost: "import.cmp.le", plan.CmpLess: "import.cmp.lt",
		plan.CmpBetween: "import.cmp.between"}
	for _, c := range planimport.Comparators {
		out = append(out, struct{ Value, Key string }{c, keys[c]})
	}
	return out
}
