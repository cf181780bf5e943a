package web

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/chart"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/target"
)

// dashboardTargets counts a plan's targets by status, evaluated as the
// targets page evaluates them (target.EvaluatePlan on the same figures),
// with the targets not linked to an indicator yet as a row of their own.
// Every count links to the targets page, which lists each target with its
// rule's inputs.
func (h *Handler) dashboardTargets(ctx context.Context, l i18n.Localizer, p plan.Plan, now time.Time) (chart.Data, error) {
	d := chart.Data{ID: "dash-targets", Title: l.T("dashboard.targets"), Desc: l.T("dashboard.targets_desc"),
		Category: l.T("targets.status"), Series: []chart.Series{{Name: l.T("dashboard.target_count")}}}
	if len(p.Targets) == 0 || h.indicators == nil {
		return d, nil
	}
	links, err := h.store.TargetLinks(ctx, p.ID)
	if err != nil {
		return d, err
	}
	rows, err := target.EvaluatePlan(ctx, h.indicators, p, links, plan.Today(now))
	if err != nil {
		return d, apperr.Wrap(apperr.Internal, "targets.error.figures", err)
	}
	counts := map[target.Status]int{}
	unlinked := 0
	for _, r := range rows {
		if r.Result == nil {
			unlinked++
			continue
		}
		counts[r.Result.Status]++
	}
	href := fmt.Sprintf("/plans/%d/targets", p.ID)
	add := func(label string, n int) {
		d.Labels = append(d.Labels, label)
		d.Series[0].Values = append(d.Series[0].Values, float64(n))
		d.Series[0].Hrefs = append(d.Series[0].Hrefs, href)
	}
	for _, s := range target.Statuses() {
		add(l.T("targets.status."+string(s)), counts[s])
	}
	add(l.T("targets.unlinked"), unlinked)
	return d, nil
}
