package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// scheduleList is a plan's reporting schedules.
type scheduleList struct {
	Schedules []report.Schedule `json:"schedules"`
}

// Schedules lists a plan's reporting schedules, to whoever may follow its
// reporting.
func (h *Handler) Schedules(w http.ResponseWriter, r *http.Request) {
	planID, err := h.schedulesTarget(r, auth.CanReadReports)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	list, err := h.store.Schedules(r.Context(), planID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, scheduleList{Schedules: list})
}

// PutSchedules stores a plan's schedules as sent: a schedule with an id is
// changed, one without is added. Every stored schedule must be in the
// list, since dropping one would drop its agencies' reports; all or
// nothing is written.
func (h *Handler) PutSchedules(w http.ResponseWriter, r *http.Request) {
	planID, err := h.schedulesTarget(r, auth.CanEditSchedules)
	var in struct {
		Schedules []json.RawMessage `json:"schedules"`
	}
	if err == nil {
		err = decodeBody(w, r, &in)
	}
	var list []report.Schedule
	if err == nil {
		list, err = decodeSchedules(in.Schedules)
	}
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return putSchedules(r.Context(), h.store, tx, planID, list) })
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.Schedules(w, r)
}

// decodeSchedules reads each schedule over Decree 09's defaults, so a new
// one needs only its frequency.
func decodeSchedules(raw []json.RawMessage) ([]report.Schedule, error) {
	if len(raw) > maxSchedules {
		return nil, apperr.FieldErrors{"schedules": "error.field.too_many"}.Err()
	}
	list := make([]report.Schedule, len(raw))
	for i, m := range raw {
		list[i] = report.NewSchedule("")
		dec := json.NewDecoder(bytes.NewReader(m))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&list[i]); err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "error.bad_json", err)
		}
	}
	return list, nil
}

// maxSchedules bounds a plan's schedules in one PUT; a plan has a handful.
const maxSchedules = 50

func putSchedules(ctx context.Context, db Store, tx *store.Tx, planID int64, list []report.Schedule) error {
	stored, err := db.Schedules(ctx, planID)
	if err != nil {
		return err
	}
	held := map[int64]bool{}
	for _, s := range stored {
		held[s.ID] = true
	}
	seen := map[int64]bool{}
	fe := apperr.FieldErrors{}
	for i, s := range list {
		switch {
		case s.ID != 0 && !held[s.ID]:
			fe.Add(fmt.Sprintf("schedules.%d.id", i+1), "error.field.schedule_other_plan")
		case s.ID != 0 && seen[s.ID]:
			fe.Add(fmt.Sprintf("schedules.%d.id", i+1), "error.field.schedule_twice")
		}
		seen[s.ID] = true
	}
	for _, s := range stored {
		if !seen[s.ID] {
			fe.Add("schedules", "error.field.schedule_missing")
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	for i := range list {
		s := &list[i]
		s.PlanID = planID
		if s.ID == 0 {
			err = tx.CreateSchedule(ctx, s)
		} else {
			err = tx.UpdateSchedule(ctx, s)
		}
		if err != nil {
			return prefixFields(err, fmt.Sprintf("schedules.%d.", i+1))
		}
	}
	return nil
}

// prefixFields names the fields of a validation error as members of a
// list item ("schedules.2.cutoff").
func prefixFields(err error, prefix string) error {
	e := apperr.As(err)
	if e.Code != apperr.Validation || len(e.Fields) == 0 {
		return err
	}
	fields := map[string]string{}
	for f, k := range e.Fields {
		fields[prefix+f] = k
	}
	return &apperr.Error{Code: e.Code, Key: e.Key, Fields: fields, Err: e.Err}
}

// schedulesTarget checks the caller and reads the plan of
// /api/v1/plans/{id}/schedules, which must exist.
func (h *Handler) schedulesTarget(r *http.Request, may func(*auth.User) bool) (int64, error) {
	u, err := requireUser(r)
	if err != nil {
		return 0, err
	}
	if !may(u) {
		return 0, apperr.New(apperr.Forbidden, "error.forbidden")
	}
	planID, err := pathID(r)
	if err != nil {
		return 0, err
	}
	if _, err := h.store.Plan(r.Context(), planID); err != nil {
		return 0, err
	}
	return planID, nil
}
