package web

import (
	"context"
	"fmt"
	"html/template"
	"strconv"
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
//
// It also gives each target's line of the dashboard: its status and a
// sparkline of its indicator's path, from the same evaluation.
func (h *Handler) dashboardTargets(ctx context.Context, l i18n.Localizer, p plan.Plan, now time.Time) (chart.Data, []targetPath, error) {
	d := chart.Data{ID: "dash-targets", Title: l.T("dashboard.targets"), Desc: l.T("dashboard.targets_desc"),
		Category: l.T("targets.status"), Series: []chart.Series{{Name: l.T("dashboard.target_count")}}}
	if len(p.Targets) == 0 || h.indicators == nil {
		return d, nil, nil
	}
	links, err := h.store.TargetLinks(ctx, p.ID)
	if err != nil {
		return d, nil, err
	}
	rows, err := target.EvaluatePlan(ctx, h.indicators, p, links, plan.Today(now))
	if err != nil {
		return d, nil, apperr.Wrap(apperr.Internal, "targets.error.figures", err)
	}
	counts := map[target.Status]int{}
	unlinked := 0
	var paths []targetPath
	for _, r := range rows {
		paths = append(paths, newTargetPath(l, p.ID, r))
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
	return d, paths, nil
}

// targetPath is one target's line on the dashboard: its status (""
// while not linked) and its indicator's path as a sparkline, with the
// same figures as a table for screen readers and for print.
type targetPath struct {
	ID     int64
	Text   string
	Nested bool
	Status target.Status
	Spark  template.HTML
	Table  template.HTML
}

func newTargetPath(l i18n.Localizer, planID int64, r target.Row) targetPath {
	tp := targetPath{ID: r.Target.ID, Text: r.Target.Text, Nested: r.Target.ParentID != nil}
	if r.Result == nil || r.Link == nil {
		return tp
	}
	tp.Status = r.Result.Status
	d := targetSparkline(l, planID, r)
	tp.Spark, tp.Table = chart.Sparkline(d), chart.Table(d)
	return tp
}

// targetSparkline is a linked target's indicator path: a point for each
// year from the first of its series to the last, so that the x axis is by
// year. A year with no figure is a gap in the line and reads "no figure"
// in the table; each figure links to the target on the targets page,
// which shows the rule's inputs.
func targetSparkline(l i18n.Localizer, planID int64, r target.Row) chart.Data {
	name := l.T("indicator." + r.Link.Indicator + ".name")
	d := chart.Data{ID: fmt.Sprintf("dash-target-%d", r.Target.ID), Title: r.Target.Text,
		Desc: l.T("dashboard.target_path_desc", name), Category: l.T("targets.year"),
		// Two decimals at most: a share of GRDP is 1,15; a count is
		// written 7, as FormatDecimal drops the zeros.
		Decimals: 2, NoValue: l.T("targets.no_figure"),
		Series: []chart.Series{{Name: name}}}
	if len(r.Series) == 0 {
		return d
	}
	href := fmt.Sprintf("/plans/%d/targets#target-%d", planID, r.Target.ID)
	byYear := map[int]float64{}
	from, to := r.Series[0].Year, r.Series[0].Year
	for _, v := range r.Series {
		from, to = min(from, v.Year), max(to, v.Year)
		if v.Value != nil {
			byYear[v.Year] = *v.Value
		}
	}
	s := &d.Series[0]
	for y := from; y <= to; y++ {
		v, ok := byYear[y]
		d.Labels = append(d.Labels, strconv.Itoa(y))
		s.Values, s.Missing = append(s.Values, v), append(s.Missing, !ok)
		s.Hrefs = append(s.Hrefs, href)
	}
	return d
}
