package gen

// The plans gen writes: numbered task groups, tasks with a timeframe and
// lead and supporting agencies drawn by how often real plans name them.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// createPlans builds every plan in memory, then stores them in one transaction.
func (g *generator) createPlans(ctx context.Context) error {
	if g.cfg.Plans == 0 {
		return nil
	}
	r := g.r
	type built struct {
		p     plan.Plan
		tasks []*genTask // in the order of p's groups and tasks
	}
	all := make([]built, g.cfg.Plans)
	for i := range all {
		// Issued between five years and a month before AsOf.
		issued := g.asOf.AddDate(0, 0, -30-r.IntN(5*365))
		year := issued.Year()
		pt := pick(r, planTypes)
		p := plan.Plan{
			Number:   fmt.Sprintf("%d/%s", 100+r.IntN(900), pt.suffix),
			Type:     pt.code,
			Title:    fmt.Sprintf("%s thực hiện %s về %s trên địa bàn tỉnh", pt.word, pick(r, planBases), pick(r, planTopics)),
			Issuer:   "UBND tỉnh",
			IssuedOn: &issued,
			Signer:   pick(r, signers),
			Summary: fmt.Sprintf("Kế hoạch gồm 5 nhóm nội dung với %d nhiệm vụ, giao cho các sở, ngành và địa phương "+
				"chủ trì, phối hợp thực hiện; các đơn vị báo cáo kết quả 6 tháng và cả năm về Sở Tài chính.", g.cfg.Tasks),
		}
		// Five groups, drawn in order from the usual themes, with uneven sizes.
		themes := r.Perm(len(groupTitles))[:5]
		slices.Sort(themes)
		sizes := spread(r, g.cfg.Tasks, 5)
		var gts []*genTask
		for gi, th := range themes {
			grp := plan.Group{Code: romans[gi], Title: groupTitles[th]}
			for ti := range sizes[gi] {
				t, gt := g.task(issued, year)
				t.Code = fmt.Sprintf("%s.%d", grp.Code, ti+1)
				t.Ordinal = ti + 1
				grp.Tasks = append(grp.Tasks, t)
				gts = append(gts, gt)
			}
			p.Groups = append(p.Groups, grp)
		}
		all[i] = built{p, gts}
	}
	// Older plans first, so IDs follow the calendar as in real use.
	slices.SortStableFunc(all, func(a, b built) int { return a.p.IssuedOn.Compare(*b.p.IssuedOn) })
	err := g.db.Update(ctx, func(tx *store.Tx) error {
		for i := range all {
			b := &all[i]
			tx.SetClock(b.p.IssuedOn.Add(9 * time.Hour))
			if err := tx.CreatePlan(ctx, &b.p); err != nil {
				return fmt.Errorf("gen: plan %s: %w", b.p.Number, err)
			}
			k := 0
			for _, grp := range b.p.Groups {
				for _, t := range grp.Tasks {
					b.tasks[k].id = t.ID
					g.res.Assignments += len(t.Lead) + len(t.Support)
					k++
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, b := range all {
		g.res.PlanIDs = append(g.res.PlanIDs, b.p.ID)
		g.res.Groups += len(b.p.Groups)
		g.tasks = append(g.tasks, b.tasks...)
	}
	g.res.Plans, g.res.Tasks = len(all), len(g.tasks)
	g.logf("kế hoạch: %d, nhóm: %d, nhiệm vụ: %d, phân công: %d", g.res.Plans, g.res.Groups, g.res.Tasks, g.res.Assignments)
	return nil
}

// spread splits n into k parts of uneven, random sizes that add up to n.
func spread(r *rand.Rand, n, k int) []int {
	weights := make([]int, k)
	total := 0
	for i := range weights {
		weights[i] = 1 + r.IntN(4)
		total += weights[i]
	}
	out := make([]int, k)
	left := n
	for i := range out {
		out[i] = n * weights[i] / total
		left -= out[i]
	}
	for i := 0; left > 0; i = (i + 1) % k {
		out[i]++
		left--
	}
	return out
}

// task composes one task of a plan issued on that day.
func (g *generator) task(issued time.Time, year int) (plan.Task, *genTask) {
	r := g.r
	t := plan.Task{Content: taskContent(r, year), Timeframe: plan.ParseTimeframe(timeframeText(r, year), year)}
	// The agencies that existed when the plan was issued.
	var leads, others []*genAgency
	for _, ga := range g.agencies {
		if ga.org.ActiveOn(issued) {
			if ga.seed.collective {
				others = append(others, ga)
			} else {
				leads = append(leads, ga)
			}
		}
	}
	nLead := 1
	switch n := r.IntN(100); {
	case n < 30:
		nLead = 2
	case n < 40:
		nLead = 3
	case n < 45:
		nLead = 4
	}
	used := map[*genAgency]bool{}
	gt := &genTask{issued: issued, tf: t.Timeframe, weight: 1 + r.IntN(12)}
	// "UBND các xã, phường" leads now and then, and supports often.
	gt.lead = pickAgencies(r, nLead, 10, leads, others, used)
	t.Lead = agencyRefs(gt.lead)
	t.Support = agencyRefs(pickAgencies(r, r.IntN(4), 2, leads, others, used))
	return t, gt
}

// pickAgencies draws up to n agencies not yet used and marks them used:
// each from others one time in oneIn, else from leads.
func pickAgencies(r *rand.Rand, n, oneIn int, leads, others []*genAgency, used map[*genAgency]bool) []*genAgency {
	var out []*genAgency
	for range n {
		pool := leads
		if r.IntN(oneIn) == 0 {
			pool = others
		}
		ga := weightedPick(r, pool, used)
		if ga == nil {
			break
		}
		used[ga] = true
		out = append(out, ga)
	}
	return out
}

func agencyRefs(gas []*genAgency) []plan.AgencyRef {
	var refs []plan.AgencyRef
	for _, ga := range gas {
		refs = append(refs, plan.AgencyRef{ID: ga.org.ID, Name: ga.org.Name})
	}
	return refs
}

// weightedPick draws an agency not yet used, favouring the ones plans name
// most often; nil when none is left.
func weightedPick(r *rand.Rand, pool []*genAgency, used map[*genAgency]bool) *genAgency {
	total := 0
	for _, ga := range pool {
		if !used[ga] {
			total += ga.seed.weight
		}
	}
	if total == 0 {
		return nil
	}
	n := r.IntN(total)
	for _, ga := range pool {
		if used[ga] {
			continue
		}
		if n < ga.seed.weight {
			return ga
		}
		n -= ga.seed.weight
	}
	return nil
}
