package consolidated

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/reportdoc"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// PeriodName writes a period as a report's title says it: "năm 2025",
// "6 tháng đầu năm 2025", "quý III năm 2025", "tháng 7 năm 2025".
func PeriodName(l i18n.Localizer, p report.Period) string {
	switch p.Frequency {
	case report.HalfYearly:
		if p.N == 1 {
			return l.T("consolidated.period.half1", p.Year)
		}
		return l.T("consolidated.period.half2", p.Year)
	case report.Quarterly:
		return l.T("consolidated.period.quarterly", []string{"I", "II", "III", "IV"}[p.N-1], p.Year)
	case report.Monthly:
		return l.T("consolidated.period.monthly", p.N, p.Year)
	}
	return l.T("consolidated.period.yearly", p.Year)
}

// defaults is the generated narrative of a period: what the editor shows
// before the coordinator writes anything.
func defaults(l i18n.Localizer, pl plan.Plan, p report.Period, issued time.Time) report.Narrative {
	name := PeriodName(l, p)
	n := report.Narrative{
		PlanID:   pl.ID,
		Period:   p.Key(),
		Number:   l.T("consolidated.default.number"),
		Place:    pl.Place,
		IssuedOn: &issued,
		Subject:  l.T("consolidated.default.subject", pl.Title, name),
		Summary:  l.T("consolidated.default.summary", pl.Title, name),
	}
	if pl.Issuer != "" {
		n.Recipients = append(n.Recipients, l.T("consolidated.default.recipient_issuer", pl.Issuer))
	}
	n.Recipients = append(n.Recipients, l.T("consolidated.default.recipient_archive"))
	return n
}

// withDefaults fills every empty field of saved from def: a field the
// coordinator clears takes the generated text again.
func withDefaults(saved, def report.Narrative) report.Narrative {
	out := saved
	out.PlanID, out.Period = def.PlanID, def.Period
	for _, f := range []struct {
		dst *string
		def string
	}{
		{&out.Number, def.Number}, {&out.Place, def.Place}, {&out.Subject, def.Subject},
		{&out.Summary, def.Summary}, {&out.Assessment, def.Assessment}, {&out.Proposals, def.Proposals},
		{&out.SignerAuthority, def.SignerAuthority}, {&out.SignerTitle, def.SignerTitle}, {&out.SignerName, def.SignerName},
	} {
		if *f.dst == "" {
			*f.dst = f.def
		}
	}
	if out.IssuedOn == nil {
		out.IssuedOn = def.IssuedOn
	}
	if len(out.Recipients) == 0 {
		out.Recipients = def.Recipients
	}
	return out
}

// maxItemLen bounds a task's content where the budget table names it.
const maxItemLen = 160

// budgetKey is one row of the budget table: a task and a source.
type budgetKey struct {
	task   int64
	source report.Source
}

// body is the report's groups, each task with its status and what every
// agency wrote on it, and the budget table summed per task and source,
// both in the plan's order.
func body(l i18n.Localizer, pl plan.Plan, sources []store.ConsolidatedSource) ([]reportdoc.Group, []reportdoc.BudgetLine) {
	words := map[int64][]reportdoc.AgencyReport{}
	money := map[budgetKey]*reportdoc.BudgetLine{}
	for _, s := range sources {
		for _, line := range s.Lines {
			if t := joinParas(line.Done, line.Figures); t != "" {
				words[line.TaskID] = append(words[line.TaskID], reportdoc.AgencyReport{Agency: s.AgencyName, Text: t})
			}
			if line.Estimated == 0 && line.Allocated == 0 && line.Spent == 0 {
				continue
			}
			k := budgetKey{line.TaskID, line.Source}
			b := money[k]
			if b == nil {
				b = &reportdoc.BudgetLine{}
				money[k] = b
			}
			// Each amount is at most report.MaxAmount, so the sum of a
			// task's lines stays far inside int64.
			b.Estimated += line.Estimated
			b.Allocated += line.Allocated
			b.Spent += line.Spent
		}
	}
	var groups []reportdoc.Group
	var budget []reportdoc.BudgetLine
	srcs := append(report.Sources(), "")
	for _, g := range pl.Groups {
		rg := reportdoc.Group{Title: groupTitle(g)}
		for _, t := range g.Tasks {
			rg.Tasks = append(rg.Tasks, reportdoc.Task{Code: t.Code, Title: t.Content,
				Status: l.T("status." + string(t.Status)), Reports: words[t.ID]})
			for _, src := range srcs {
				if b := money[budgetKey{t.ID, src}]; b != nil {
					b.Item = item(t)
					b.Source = sourceName(l, src)
					budget = append(budget, *b)
				}
			}
		}
		groups = append(groups, rg)
	}
	return groups, budget
}

func groupTitle(g plan.Group) string {
	if g.Code == "" {
		return g.Title
	}
	return g.Code + ". " + g.Title
}

// item names a task in the budget table: its code and its content, cut
// at a word so that a long task does not fill the row.
func item(t plan.Task) string {
	c := vntext.Clean(t.Content)
	if utf8.RuneCountInString(c) > maxItemLen {
		r := []rune(c)[:maxItemLen]
		s := string(r)
		if i := strings.LastIndexByte(s, ' '); i > maxItemLen/2 {
			s = s[:i]
		}
		c = s + "…"
	}
	if t.Code == "" {
		return c
	}
	return t.Code + ". " + c
}

func sourceName(l i18n.Localizer, s report.Source) string {
	if s == "" {
		return l.T("consolidated.source.none")
	}
	return l.T("consolidated.source." + string(s))
}

// targets is the plan's targets as the table writes them: the text, and
// the planned value in figures when the import read one. What was
// achieved is for the coordinator to assess.
func targets(ts []plan.Target) []reportdoc.Target {
	var out []reportdoc.Target
	for _, t := range ts {
		out = append(out, reportdoc.Target{Text: t.Text, Planned: planned(t)})
	}
	return out
}

func planned(t plan.Target) string {
	if t.Value == nil {
		return ""
	}
	num := func(f float64) string { return vntext.FormatDecimal(f, 2) }
	unit := strings.TrimSpace(t.Unit)
	v := num(*t.Value)
	if t.Comparator == plan.CmpBetween && t.ValueMax != nil {
		v += " - " + num(*t.ValueMax)
	} else if t.Comparator != "" && t.Comparator != plan.CmpEqual {
		v = strings.NewReplacer(">=", "≥", "<=", "≤").Replace(t.Comparator) + " " + v
	}
	if unit == "" {
		return v
	}
	if unit == "%" {
		return v + unit
	}
	return v + " " + unit
}

// rates are the reporting counts the report prints: for a yearly report
// every periodic report of the year, of every schedule (ReportRates); for
// a shorter period, that period's.
func rates(ctx context.Context, db *store.DB, planID int64, p report.Period) (reportdoc.Rates, error) {
	var r report.Rates
	if p.Frequency == report.Yearly {
		sum, err := db.ReportRates(ctx, planID, p.Year)
		if err != nil {
			return reportdoc.Rates{}, err
		}
		r = sum.Plan
	} else {
		st, err := db.ReportStatus(ctx, planID, p.Key())
		if err != nil {
			return reportdoc.Rates{}, err
		}
		r = st.Rates
	}
	return reportdoc.Rates{Expected: r.Expected, Submitted: r.Sent, OnTime: r.OnTime}, nil
}
