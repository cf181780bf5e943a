package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/chart"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
)

// dashboardTables are the tables of a plan's dashboard, in page order;
// each is a chart with its table view and its own export
// (/plans/{id}/dashboard/{name}.csv|.xlsx).
var dashboardTables = []string{"status", "groups", "overdue", "targets", "rates", "reports"}

// planDashboard is the plan progress dashboard: tasks by status and by
// group, overdue tasks by the agency responsible today, and the reporting
// and on-time rates of each period of the year that has begun. Targets
// and register figures are meant to join as more sections.
type planDashboard struct {
	Plan  plan.Plan
	Year  int
	Years []int
	Total int
	// The tables, keyed by the names in dashboardTables.
	Tables map[string]chart.Data
	// HasCycle is false when the plan has no reporting schedule: the
	// rates section then says so instead of showing empty charts.
	HasCycle bool
	// Targets are the plan's targets, each with its status and path.
	Targets []targetPath
}

// buildDashboard reads a plan's dashboard as of today, its rates over
// year. Every figure comes from a query another page shows the rows of:
// task counts are the totals of the plan page's filters
// (TestPlanTaskCountsMatchTheTaskList), rates are the tracking page's
// ReportStatus of each period.
func (h *Handler) buildDashboard(ctx context.Context, l i18n.Localizer, planID int64, year int) (planDashboard, error) {
	p, err := h.store.Plan(ctx, planID)
	if err != nil {
		return planDashboard{}, err
	}
	now := h.now().In(report.Zone())
	d := planDashboard{Plan: p, Year: year, Years: []int{now.Year() - 1, now.Year()}, Tables: map[string]chart.Data{}}
	counts, err := h.store.PlanTaskCounts(ctx, planID, plan.Today(now))
	if err != nil {
		return d, err
	}
	base := fmt.Sprintf("/plans/%d", planID)
	link := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return base + "?" + v.Encode()
	}
	statuses := allStatuses()
	byStatus := counts.ByStatus()

	status := chart.Data{ID: "dash-status", Title: l.T("dashboard.by_status"), Desc: l.T("dashboard.by_status_desc"),
		Category: l.T("filter.status"), Series: []chart.Series{{Name: l.T("dashboard.tasks")}}}
	for _, s := range statuses {
		status.Labels = append(status.Labels, l.T("status."+string(s)))
		status.Series[0].Values = append(status.Series[0].Values, float64(byStatus[s]))
		status.Series[0].Hrefs = append(status.Series[0].Hrefs, link("status", string(s)))
		d.Total += byStatus[s]
	}
	d.Tables["status"] = status

	groups := chart.Data{ID: "dash-groups", Title: l.T("dashboard.by_group"), Desc: l.T("dashboard.by_group_desc"),
		Category: l.T("filter.group")}
	for _, s := range statuses {
		groups.Series = append(groups.Series, chart.Series{Name: l.T("status." + string(s))})
	}
	for _, g := range p.Groups {
		groups.Labels = append(groups.Labels, g.Code+". "+g.Title)
		gid := strconv.FormatInt(g.ID, 10)
		for i, s := range statuses {
			groups.Series[i].Values = append(groups.Series[i].Values, float64(counts.ByGroup[g.ID][s]))
			groups.Series[i].Hrefs = append(groups.Series[i].Hrefs, link("group", gid, "status", string(s)))
		}
	}
	d.Tables["groups"] = groups

	overdue := chart.Data{ID: "dash-overdue", Title: l.T("dashboard.overdue"), Desc: l.T("dashboard.overdue_desc"),
		Category: l.T("filter.agency"), Series: []chart.Series{{Name: l.T("dashboard.overdue_tasks")}}}
	for _, a := range counts.Overdue {
		overdue.Labels = append(overdue.Labels, a.Agency.Name)
		overdue.Series[0].Values = append(overdue.Series[0].Values, float64(a.Count))
		overdue.Series[0].Hrefs = append(overdue.Series[0].Hrefs,
			link("agency", strconv.FormatInt(a.Agency.ID, 10), "status", string(plan.StatusOverdue)))
	}
	d.Tables["overdue"] = overdue

	if d.Tables["targets"], d.Targets, err = h.dashboardTargets(ctx, l, p, now); err != nil {
		return d, err
	}

	rates := chart.Data{ID: "dash-rates", Title: l.T("dashboard.rates", year), Desc: l.T("dashboard.rates_desc"),
		Category: l.T("reports.period"), Decimals: 1, Suffix: "%",
		Series: []chart.Series{{Name: l.T("reports.reporting_rate")}, {Name: l.T("reports.on_time_rate")}}}
	sent := chart.Data{ID: "dash-reports", Title: l.T("dashboard.reports", year), Desc: l.T("dashboard.reports_desc"),
		Category: l.T("reports.period"), Series: []chart.Series{{Name: l.T("dashboard.expected")},
			{Name: l.T("dashboard.sent")}, {Name: l.T("dashboard.on_time")}}}
	schedules, err := h.store.Schedules(ctx, planID)
	if err != nil {
		return d, err
	}
	d.HasCycle = len(schedules) > 0
	seen := map[string]bool{}
	var keys []string
	for _, s := range schedules {
		for _, per := range report.Periods(s.Frequency, year) {
			key := per.Key()
			// A period not begun has nothing to count yet, and one that
			// ended before the plan was issued was never the plan's; one
			// shared by two schedules of a frequency is the first's
			// (ReportRates).
			w := s.Window(per)
			if seen[key] || w.Start.After(plan.Today(now)) || p.IssuedOn != nil && w.End.Before(*p.IssuedOn) {
				continue
			}
			seen[key] = true
			keys = append(keys, key)
		}
	}
	// The tracking page's status of each period, read together.
	periods, err := h.store.ReportStatuses(ctx, planID, keys)
	if err != nil {
		return d, err
	}
	for _, st := range periods {
		href := report.TrackingPath(planID, st.Period)
		rates.Labels, sent.Labels = append(rates.Labels, st.Period), append(sent.Labels, st.Period)
		for i, v := range []float64{st.Rates.ReportingRate(), st.Rates.OnTimeRate()} {
			rates.Series[i].Values = append(rates.Series[i].Values, v)
			rates.Series[i].Hrefs = append(rates.Series[i].Hrefs, href)
		}
		for i, v := range []int{st.Rates.Expected, st.Rates.Sent, min(st.Rates.OnTime, st.Rates.Sent)} {
			sent.Series[i].Values = append(sent.Series[i].Values, float64(v))
			sent.Series[i].Hrefs = append(sent.Series[i].Hrefs, href)
		}
	}
	d.Tables["rates"], d.Tables["reports"] = rates, sent
	return d, nil
}

// dashboardYear reads ?year=, by default this year; a year outside what
// a plan can span is a clear error, not an empty chart.
func (h *Handler) dashboardYear(r *http.Request) (int, error) {
	y := h.now().In(report.Zone()).Year()
	if s := r.URL.Query().Get("year"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 2000 || n > 2100 {
			return 0, apperr.New(apperr.Invalid, "dashboard.bad_year")
		}
		y = n
	}
	return y, nil
}

// dashboardPage is what the template shows: the dashboard and each
// table's chart and table view, rendered.
type dashboardPage struct {
	planDashboard
	Sections []dashboardSection
	Register dashboardRegister
}

type dashboardSection struct {
	Name  string
	Data  chart.Data
	Chart template.HTML // empty for a table without a chart
	Table template.HTML
}

// PlanDashboard shows a plan's progress dashboard (/plans/{id}/dashboard).
func (h *Handler) PlanDashboard(w http.ResponseWriter, r *http.Request) {
	_, planID, err := allowedOnPlan(r, auth.CanReadDashboard)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	year, err := h.dashboardYear(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r))
	d, err := h.buildDashboard(r.Context(), l, planID, year)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !slices.Contains(d.Years, year) {
		d.Years = append(d.Years, year)
		slices.Sort(d.Years)
	}
	page := dashboardPage{planDashboard: d}
	if page.Register, err = h.buildDashboardRegister(r.Context(), r.URL.Query()); err != nil {
		h.Error(w, r, err)
		return
	}
	for _, name := range dashboardTables {
		t := d.Tables[name]
		s := dashboardSection{Name: name, Data: t, Table: chart.Table(t)}
		switch name {
		case "status":
			s.Chart = chart.Donut(t)
		case "rates":
			s.Chart = chart.Line(t)
		case "reports":
			// The counts behind the rates: a table only.
		default:
			s.Chart = chart.Bar(t)
		}
		page.Sections = append(page.Sections, s)
	}
	v := h.view(r, "dashboard.title", page)
	v.Title = l.T("dashboard.title") + " · " + d.Plan.Number
	h.render(w, r, http.StatusOK, "dashboard", v)
}
