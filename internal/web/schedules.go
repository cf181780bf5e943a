package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// The schedules of a plan (/plans/{id}/schedules): how often its agencies
// report, the data window and the due day of each schedule, and the
// member agencies a collective designation of the plan stands for. The
// coordinator and the administrator edit them; whoever follows the
// plan's reporting reads them.

type schedulesPage struct {
	Plan        plan.Plan
	Rows        []scheduleRow // the stored schedules
	Forms       []scheduleRow // their forms and one to add a schedule
	Frequencies []report.Frequency
	CanEdit     bool
	// Editing is the form the errors belong to: a schedule's ID, "new",
	// or a designation's "d" + ID.
	Editing      string
	Designations []designationRow
	Agencies     []org.Agency // what a designation may hold: every agency that is not one
}

type scheduleRow struct {
	report.Schedule
	Current          report.Period // the period under way today
	Window           report.Window
	DueOn            time.Time
	Start, End, Due  string // yyyy-mm-dd for the date inputs
	CutoffText       string
	DueAfterText     string
	IncludeSupportOn bool
}

type designationRow struct {
	Agency  plan.AgencyRef
	Members map[int64]bool
	Names   []string
}

// Schedules shows a plan's reporting schedules, with their forms for those
// who may edit them.
func (h *Handler) Schedules(w http.ResponseWriter, r *http.Request) {
	planID, ok := h.schedulesTarget(w, r, auth.CanReadReports)
	if !ok {
		return
	}
	h.schedulesForm(w, r, planID, "", nil, nil, http.StatusOK)
}

// SaveSchedule changes a schedule of the plan (…/schedules/{sid}) or adds
// one (…/schedules), after report.Schedule's checks.
func (h *Handler) SaveSchedule(w http.ResponseWriter, r *http.Request) {
	planID, ok := h.schedulesTarget(w, r, auth.CanEditSchedules)
	if !ok {
		return
	}
	ctx := r.Context()
	sid, err := optionalPathID(r, "sid")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	s := report.NewSchedule("")
	editing := "new"
	if sid != 0 {
		if s, err = h.store.Schedule(ctx, sid); err == nil && s.PlanID != planID {
			err = apperr.New(apperr.NotFound, "error.schedule_not_found")
		}
		if err != nil {
			h.Error(w, r, err)
			return
		}
		editing = strconv.FormatInt(sid, 10)
	}
	fe := readScheduleForm(r, &s)
	s.PlanID = planID
	err = fe.Err()
	if err == nil {
		err = h.store.Update(ctx, func(tx *store.Tx) error {
			if sid == 0 {
				return tx.CreateSchedule(ctx, &s)
			}
			return tx.UpdateSchedule(ctx, &s)
		})
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		for k, v := range fe {
			apperr.As(err).Fields[k] = v
		}
		h.schedulesForm(w, r, planID, editing, &s, err, http.StatusUnprocessableEntity)
		return
	}
	h.sessions.Put(ctx, "flash", "schedules.saved")
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/schedules", planID), http.StatusSeeOther) //nolint:gosec // a local path of a numeric ID
}

// readScheduleForm reads the form into s; numbers and dates that do not
// read are named.
func readScheduleForm(r *http.Request, s *report.Schedule) apperr.FieldErrors {
	fe := apperr.FieldErrors{}
	s.Frequency = report.Frequency(r.PostFormValue("frequency"))
	num := func(field, key string, dst *int) {
		if n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(field))); err == nil {
			*dst = n
		} else {
			fe.Add(field, key)
		}
	}
	num("cutoff", "error.field.cutoff", &s.Cutoff)
	num("due_after", "error.field.due_after", &s.DueAfter)
	s.DueMD = strings.TrimSpace(r.PostFormValue("due_md"))
	date := func(field string) *time.Time {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return nil
		}
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			fe.Add(field, "error.field.date")
			return nil
		}
		return &d
	}
	s.Start, s.End, s.Due = date("start"), date("end"), date("due")
	if s.Frequency != report.AdHoc {
		// Dates are an ad hoc report's own; a periodic schedule ignores them.
		s.Start, s.End, s.Due = nil, nil, nil
	}
	s.IncludeSupport = r.PostFormValue("include_support") != ""
	s.Recipient, s.Via = r.PostFormValue("recipient"), r.PostFormValue("via")
	return fe
}

// SaveDesignation replaces the member agencies of a collective
// designation the plan names (…/designations/{aid}). The list is the
// agency's, shared by every plan that names it.
func (h *Handler) SaveDesignation(w http.ResponseWriter, r *http.Request) {
	planID, ok := h.schedulesTarget(w, r, auth.CanEditSchedules)
	if !ok {
		return
	}
	ctx := r.Context()
	aid, err := pathID(r, "aid")
	if err == nil {
		err = h.planNames(r, planID, aid)
	}
	var members []int64
	if err == nil {
		if err = r.ParseForm(); err != nil {
			err = apperr.Wrap(apperr.Invalid, "error.bad_form", err)
		}
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	for _, v := range r.PostForm["members"] {
		id, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil || id <= 0 {
			err = apperr.FieldErrors{"members": "error.agency_not_found"}.Err()
			break
		}
		members = append(members, id)
	}
	if err == nil {
		err = h.store.Update(ctx, func(tx *store.Tx) error { return tx.SetDesignationMembers(ctx, aid, members) })
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		h.schedulesForm(w, r, planID, "d"+strconv.FormatInt(aid, 10), nil, err, http.StatusUnprocessableEntity)
		return
	}
	h.sessions.Put(ctx, "flash", "schedules.members_saved")
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/schedules", planID), http.StatusSeeOther) //nolint:gosec // a local path of a numeric ID
}

// planNames checks the plan names agency aid on one of its tasks: the
// page edits only the designations of its own plan.
func (h *Handler) planNames(r *http.Request, planID, aid int64) error {
	refs, err := h.store.PlanAgencies(r.Context(), planID)
	if err != nil {
		return err
	}
	for _, a := range refs {
		if a.ID == aid && a.Collective {
			return nil
		}
	}
	return apperr.New(apperr.NotFound, "error.page_not_found")
}

// schedulesTarget checks the reader and the plan of a schedules route.
func (h *Handler) schedulesTarget(w http.ResponseWriter, r *http.Request, may func(*auth.User) bool) (int64, bool) {
	_, err := requireAllowed(r, may)
	var planID int64
	if err == nil {
		planID, err = pathID(r, "id")
	}
	if err == nil {
		_, err = h.store.Plan(r.Context(), planID)
	}
	if err != nil {
		h.Error(w, r, err)
		return 0, false
	}
	return planID, true
}

// schedulesForm renders the page; sent, when set, refills the form being
// edited with what was sent.
func (h *Handler) schedulesForm(w http.ResponseWriter, r *http.Request, planID int64, editing string, sent *report.Schedule, formErr error, status int) {
	ctx := r.Context()
	p, err := h.store.Plan(ctx, planID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	list, err := h.store.Schedules(ctx, planID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	u := auth.UserFrom(ctx)
	data := &schedulesPage{Plan: p, Frequencies: report.Frequencies(), CanEdit: auth.CanEditSchedules(u), Editing: editing}
	today := h.now().In(report.Zone())
	for _, s := range list {
		data.Rows = append(data.Rows, newScheduleRow(s, today))
		if sent != nil && sent.ID == s.ID {
			s = *sent
		}
		data.Forms = append(data.Forms, newScheduleRow(s, today))
	}
	blank := report.NewSchedule(report.Yearly)
	if sent != nil && sent.ID == 0 {
		blank = *sent
	}
	data.Forms = append(data.Forms, newScheduleRow(blank, today))
	refs, err := h.store.PlanAgencies(ctx, planID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	for _, a := range refs {
		if !a.Collective {
			continue
		}
		members, err := h.store.DesignationMembers(ctx, a.ID)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		row := designationRow{Agency: a, Members: map[int64]bool{}}
		for _, m := range members {
			row.Members[m.ID] = true
			row.Names = append(row.Names, m.Name)
		}
		data.Designations = append(data.Designations, row)
	}
	if data.CanEdit && len(data.Designations) > 0 {
		dir, err := h.store.AgencyDirectory(ctx)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		for _, a := range dir {
			if !a.Collective {
				data.Agencies = append(data.Agencies, a)
			}
		}
		vntext.SortFunc(data.Agencies, func(a org.Agency) string { return a.Name })
	}
	v := h.view(r, "schedules.title", data)
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	h.render(w, r, status, "schedules", v)
}

func newScheduleRow(s report.Schedule, today time.Time) scheduleRow {
	row := scheduleRow{Schedule: s, CutoffText: strconv.Itoa(s.Cutoff), DueAfterText: strconv.Itoa(s.DueAfter)}
	if s.Frequency.Valid() {
		row.Current = s.PeriodOn(today)
		row.Window, row.DueOn = s.Window(row.Current), s.DueOn(row.Current)
	}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format("2006-01-02")
	}
	row.Start, row.End, row.Due = day(s.Start), day(s.End), day(s.Due)
	return row
}
