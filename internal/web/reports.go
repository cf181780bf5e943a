package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// reportsPage is a period's tracking: the expected reports, the rates and
// the missing ones.
type reportsPage struct {
	Status    store.ReportStatus
	Schedules []report.Schedule
	Periods   []string // the periods of this year and last, to pick from
	Reporting float64  // percentages, 0 to 100
	OnTime    float64
	Missing   int
	OwnOnly   bool // an officer sees its agency's row only
	CanUrge   bool // the coordinator may urge a missing report by hand
	// Urges are the reminders each agency got about the period, shown to
	// those who see every agency (ShowUrges).
	Urges     map[int64]store.UrgeHistory
	ShowUrges bool
	// Writes holds the agencies whose report the reader may open and
	// write (its own, or any for the coordinator).
	Writes map[int64]bool
}

// Reports shows where a period of a plan's reporting stands
// (/plans/{id}/reports?period=2025): every expected report with its state
// and whether it came on time, the reporting and on-time rates, and the
// missing reports. Without a period it opens the one under way today.
func (h *Handler) Reports(w http.ResponseWriter, r *http.Request) {
	u, planID, err := allowedOnPlan(r, auth.CanReadReports)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ctx := r.Context()
	schedules, err := h.store.Schedules(ctx, planID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if len(schedules) == 0 {
		if _, err := h.store.Plan(ctx, planID); err != nil {
			h.Error(w, r, err)
			return
		}
		h.Error(w, r, apperr.New(apperr.NotFound, "error.schedule_not_found"))
		return
	}
	today := h.now().In(report.Zone())
	period := r.URL.Query().Get("period")
	if period == "" {
		period = schedules[0].PeriodOn(today).Key()
	}
	st, err := h.store.ReportStatusIn(ctx, planID, period, schedules)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	data := &reportsPage{Status: st, Schedules: schedules, Reporting: st.Rates.ReportingRate(),
		OnTime: st.Rates.OnTimeRate(), Missing: st.Rates.Missing(), OwnOnly: !auth.CanReadAllReports(u)}
	data.CanUrge, data.ShowUrges = auth.CanUrge(u), auth.CanReadAllReports(u)
	if data.ShowUrges {
		if data.Urges, err = h.store.UrgesSent(ctx, planID, st.Period); err != nil {
			h.Error(w, r, err)
			return
		}
	}
	data.Writes = map[int64]bool{}
	for _, row := range st.Rows {
		data.Writes[row.AgencyID] = auth.CanSubmitReport(u, row.AgencyID)
	}
	if data.OwnOnly {
		// An officer sees its agency's rows and, from the succession date,
		// those of the agencies it took over from, to read their reports.
		dir, err := h.store.AgencyDirectory(ctx)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		var own []store.StatusRow
		for _, row := range st.Rows {
			if auth.CanReadReportOf(u, row.AgencyID, dir.SuccessorsOn(row.AgencyID, plan.Today(h.now()))) {
				own = append(own, row)
			}
		}
		data.Status.Rows = own
	}
	seen := map[string]bool{}
	for _, s := range schedules {
		for _, y := range []int{today.Year() - 1, today.Year(), today.Year() + 1} {
			for _, p := range report.Periods(s.Frequency, y) {
				if k := p.Key(); !seen[k] {
					seen[k] = true
					data.Periods = append(data.Periods, k)
				}
			}
		}
	}
	h.render(w, r, http.StatusOK, "reports", h.view(r, "reports.title", data))
}
