package gen

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// createProgress writes the history: most tasks get entries, with increasing
// dates and percentages; some finish on time, some late, and unfinished
// tasks past their due day show as overdue.
func (g *generator) createProgress(ctx context.Context) error {
	r := g.r
	day := 24 * time.Hour
	// Who reports, and on which tasks.
	var active []*genTask
	for _, t := range g.tasks {
		t.fate = plan.StatusNotStarted
		if !g.asOf.After(t.issued.Add(7 * day)) {
			continue // issued too recently for any report
		}
		switch n := r.IntN(100); {
		case n < 15:
			continue // nobody reported yet
		case n < 55:
			t.fate = plan.StatusInProgress
		default:
			t.fate = plan.StatusDone
			// Of the tasks done with a deadline already past, two in five
			// finished after it.
			t.late = t.tf.Due != nil && t.tf.Due.Before(g.asOf) && r.IntN(5) < 2
		}
		active = append(active, t)
	}
	if g.cfg.Progress < len(active) {
		r.Shuffle(len(active), func(i, j int) { active[i], active[j] = active[j], active[i] })
		for _, t := range active[g.cfg.Progress:] {
			t.fate, t.late = plan.StatusNotStarted, false
		}
		active = active[:g.cfg.Progress]
	}
	if len(active) > 0 {
		// One entry each, the rest by weight: some tasks are reported on
		// every month, others once a year.
		cum := make([]int, len(active))
		total := 0
		for i, t := range active {
			t.entries = 1
			total += t.weight
			cum[i] = total
		}
		for range g.cfg.Progress - len(active) {
			n := r.IntN(total)
			active[sort.SearchInts(cum, n+1)].entries++
		}
	}

	entries := make([]plan.Progress, 0, g.cfg.Progress)
	for _, t := range active {
		entries = g.history(t, entries)
	}
	// In calendar order across tasks, as agencies would have sent them;
	// the sort is stable, so a task's own entries keep their order.
	slices.SortStableFunc(entries, func(a, b plan.Progress) int { return a.CreatedAt.Compare(b.CreatedAt) })
	if len(entries) > 0 {
		err := g.db.Update(ctx, func(tx *store.Tx) error {
			tx.SetClock(g.asOf.Add(2 * time.Hour))
			return tx.ImportProgress(ctx, entries)
		})
		if err != nil {
			return fmt.Errorf("gen: progress: %w", err)
		}
	}
	g.res.Progress = len(entries)

	// What users will see as of AsOf.
	for _, t := range g.tasks {
		recorded, done := plan.StatusNotStarted, (*time.Time)(nil)
		if t.entries > 0 {
			recorded = t.fate
			if t.fate == plan.StatusDone {
				done = &t.doneOn
			}
		}
		g.res.Status[plan.Effective(recorded, done, t.tf, g.asOf)]++
	}
	g.logf("tiến độ: %d lượt báo cáo trên %d nhiệm vụ", g.res.Progress, len(active))
	return nil
}

// history appends a task's entries, oldest first.
func (g *generator) history(t *genTask, out []plan.Progress) []plan.Progress {
	r := g.r
	day := 24 * time.Hour
	from := t.issued.Add(7 * day)
	to := g.asOf
	if t.fate == plan.StatusDone {
		t.doneOn = g.doneDay(t, from)
		to = t.doneOn
	}
	span := int(to.Sub(from)/day) + 1
	days := make([]int, t.entries)
	for i := range days {
		days[i] = r.IntN(span)
	}
	slices.Sort(days)
	percents := make([]int, t.entries)
	for i := range percents {
		percents[i] = 5 + r.IntN(91)
	}
	slices.Sort(percents)
	var author *auth.User
	for _, ga := range t.lead {
		// A merged agency's reports come from its successor's officer.
		for cur := ga; cur != nil; cur = g.successor(cur) {
			if u, ok := g.users[cur.org.ID]; ok {
				author = &u
				break
			}
		}
		if author != nil {
			break
		}
	}
	var prev time.Time
	for i := range t.entries {
		last := i == t.entries-1
		on := from.Add(time.Duration(days[i]) * day)
		if last && t.fate == plan.StatusDone {
			on = t.doneOn
		}
		// Office hours in Vietnam (08:00–17:59), so the day is the same.
		at := on.Add(time.Duration(1+r.IntN(10))*time.Hour + time.Duration(r.IntN(3600))*time.Second)
		if !at.After(prev) { // two reports on one day keep their order
			at = prev.Add(time.Second)
		}
		prev = at
		p := plan.Progress{TaskID: t.id, Status: plan.StatusInProgress, CreatedAt: at}
		done := last && t.fate == plan.StatusDone
		if done {
			p.Status = plan.StatusDone
		} else if r.IntN(7) != 0 { // now and then a report gives no percentage
			pct := percents[i]
			p.Percent = &pct
		}
		p.Note = progressNote(r, int(at.Month()-1)/3+1, at.Year(), done)
		if author != nil {
			p.UserID, p.UserName = &author.ID, author.Name
		}
		out = append(out, p)
	}
	return out
}

// doneDay picks the day a done task finished: after its due day for a late
// one, by it otherwise, and never after AsOf.
func (g *generator) doneDay(t *genTask, from time.Time) time.Time {
	r := g.r
	day := 24 * time.Hour
	between := func(a, b time.Time) time.Time {
		if !b.After(a) {
			return a
		}
		return a.Add(time.Duration(r.IntN(int(b.Sub(a)/day)+1)) * day)
	}
	if t.tf.Due == nil {
		return between(from, g.asOf)
	}
	due := *t.tf.Due
	if t.late && due.Before(g.asOf) {
		return between(maxTime(from, due.Add(day)), g.asOf)
	}
	if due.Before(from) { // a deadline that passed before the plan's first report
		return between(from, g.asOf)
	}
	return between(from, minTime(due, g.asOf))
}

func (g *generator) successor(ga *genAgency) *genAgency {
	if ga.seed.successor == "" {
		return nil
	}
	return g.byName[ga.seed.successor]
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
