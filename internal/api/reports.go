package api

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// reportStatus is a period's tracking with the rates worked out, so
// clients need not divide.
type reportStatus struct {
	store.ReportStatus
	ReportingRate float64 `json:"reporting_rate"`
	OnTimeRate    float64 `json:"on_time_rate"`
	MissingCount  int     `json:"missing"`
}

// Reports returns where a period of a plan's reporting stands: every
// expected report with its state, the reporting and on-time rates, and
// how many are missing. An agency officer sees its own agency's row; the
// rates are the plan's.
func (h *Handler) Reports(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !auth.CanReadReports(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	planID, err := int64Param(r, "plan")
	if err == nil && planID == 0 {
		err = apperr.New(apperr.Invalid, "error.param.plan")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	period := r.URL.Query().Get("period")
	if _, err := report.ParsePeriod(period); err != nil {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.param.period"))
		return
	}
	st, err := h.store.ReportStatus(r.Context(), planID, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out := reportStatus{ReportStatus: st, ReportingRate: st.Rates.ReportingRate(), OnTimeRate: st.Rates.OnTimeRate(),
		MissingCount: st.Rates.Missing()}
	if !auth.CanReadAllReports(u) {
		// An officer sees its agency's rows and, from the succession date,
		// those of the agencies it took over from, to read their reports.
		dir, err := h.store.AgencyDirectory(r.Context())
		if err != nil {
			h.Error(w, r, err)
			return
		}
		out.Rows = []store.StatusRow{}
		for _, row := range st.Rows {
			if auth.CanReadReportOf(u, row.AgencyID, dir.SuccessorsOn(row.AgencyID, plan.Today(h.now()))) {
				out.Rows = append(out.Rows, row)
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}
