package web

import (
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/remind"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// urgeMessageMax is the longest message a coordinator may add to an urge.
const urgeMessageMax = 1000

// UrgeReport urges (đôn đốc) one agency by hand to send its missing report
// (POST /plans/{id}/reports/urge: agency, period, message): an e-mail to
// each of its officers and a notification, then back to the tracking page.
// Every press is an urge of its own.
func (h *Handler) UrgeReport(w http.ResponseWriter, r *http.Request) {
	u, planID, err := allowedOnPlan(r, auth.CanUrge)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ctx := r.Context()
	// The form is a row's button, so a wrong field is a single message
	// naming it rather than a form shown again.
	period := r.PostFormValue("period")
	if _, err := report.ParsePeriod(period); err != nil {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.urge_period"))
		return
	}
	agency, err := strconv.ParseInt(r.PostFormValue("agency"), 10, 64)
	if err != nil || agency <= 0 {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.urge_agency"))
		return
	}
	message := vntext.Clean(r.PostFormValue("message"))
	if vntext.Check(message) != nil || utf8.RuneCountInString(message) > urgeMessageMax {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.urge_message"))
		return
	}
	st, err := h.store.ReportStatus(ctx, planID, period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	var row *store.StatusRow
	for i := range st.Rows {
		if st.Rows[i].AgencyID == agency {
			row = &st.Rows[i]
		}
	}
	switch {
	case row == nil:
		h.Error(w, r, apperr.New(apperr.NotFound, "error.urge_not_expected"))
		return
	case row.SentAt != nil:
		h.Error(w, r, apperr.New(apperr.Conflict, "error.urge_already_sent"))
		return
	}
	p, err := st.Schedule.PeriodOf(st.Period)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	rem := report.ManualReminder(report.UrgePlan{PlanID: planID, PlanTitle: st.PlanTitle, Schedule: st.Schedule,
		Period: p, BaseURL: origin(r)}, agency, message, strconv.FormatInt(u.ID, 10)+"-"+auth.RandomSecret(8))
	var res store.UrgeResult
	err = h.store.Update(ctx, func(tx *store.Tx) error {
		var err error
		res, err = tx.QueueManualUrge(ctx, remind.Message(rem), store.ManualUrge{PlanID: planID, Period: p.Key(),
			AgencyID: agency, Agency: row.AgencyName, Message: message})
		return err
	})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	flash := "reports.urge_queued"
	if res.Officers == 0 {
		flash = "reports.urge_no_officers"
	}
	h.sessions.Put(ctx, "flash", flash)
	// The target is built from the parsed period and the numeric plan ID,
	// so it stays on this site.
	http.Redirect(w, r, report.TrackingPath(planID, p.Key()), http.StatusSeeOther) //nolint:gosec // a local path of a numeric ID and a parsed period
}

// origin is the address the coordinator reached the server at, for the
// e-mail's link to the tracking page.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return fmt.Sprintf("%s://%s", scheme, r.Host)
}
