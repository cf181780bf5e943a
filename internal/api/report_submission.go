package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// openRequest is the body of POST /api/v1/reports.
type openRequest struct {
	PlanID   int64  `json:"plan_id"`
	Period   string `json:"period"`
	AgencyID int64  `json:"agency_id"`
}

// reportRequest is the body of PUT /api/v1/reports/{id}: the texts, and
// the task lines to change, each naming its task.
type reportRequest struct {
	Narrative    string        `json:"narrative"`
	Difficulties string        `json:"difficulties"`
	Proposals    string        `json:"proposals"`
	Lines        []lineRequest `json:"lines"`
}

type lineRequest struct {
	TaskID    int64         `json:"task_id"`
	Status    string        `json:"status"`
	Done      string        `json:"done"`
	Figures   string        `json:"figures"`
	FileID    optionalID    `json:"file_id"`
	Estimated int64         `json:"budget_estimated"`
	Allocated int64         `json:"budget_allocated"`
	Spent     int64         `json:"budget_spent"`
	Source    report.Source `json:"budget_source"`
}

// optionalID tells a field left out (keep what is stored) from a null
// (drop it) and a number.
type optionalID struct {
	Set bool
	ID  *int64
}

func (o *optionalID) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(b, []byte("null")) {
		o.ID = nil
		return nil
	}
	var id int64
	if err := json.Unmarshal(b, &id); err != nil {
		return err
	}
	o.ID = &id
	return nil
}

// actionRequest is the optional body of POST /api/v1/reports/{id}/{action}.
type actionRequest struct {
	Comment string `json:"comment"`
}

// readReport reads {id} and the report, for a caller the policy lets read
// it; it answers the error itself.
func (h *Handler) readReport(w http.ResponseWriter, r *http.Request) (*auth.User, report.Submission, bool) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return nil, report.Submission{}, false
	}
	u := auth.UserFrom(r.Context())
	if !auth.CanReadReports(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return nil, report.Submission{}, false
	}
	s, err := h.store.Submission(r.Context(), id)
	if err == nil {
		err = h.mayReadReport(r.Context(), u, s.AgencyID)
	}
	if err != nil {
		h.Error(w, r, err)
		return nil, s, false
	}
	return u, s, true
}

// OpenReport opens an agency's report for a period of a plan: its draft,
// prefilled from the progress recorded during the period, made the first
// time; the report as it stands after that.
func (h *Handler) OpenReport(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err == nil && !auth.CanReadReports(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var req openRequest
	if err == nil {
		err = decodeBody(w, r, &req)
	}
	if err == nil {
		if _, perr := report.ParsePeriod(req.Period); perr != nil {
			err = apperr.FieldErrors{"period": "error.field.period"}.Err()
		}
	}
	if err == nil && !auth.CanSubmitReport(u, req.AgencyID) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var s report.Submission
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			var err error
			s, err = tx.OpenSubmission(r.Context(), req.PlanID, req.Period, req.AgencyID)
			return err
		})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// Report returns an agency's report with its task lines and history.
func (h *Handler) Report(w http.ResponseWriter, r *http.Request) {
	if _, s, ok := h.readReport(w, r); ok {
		writeJSON(w, http.StatusOK, s)
	}
}

// PutReport stores what a draft or returned report says: the texts, and
// the lines sent (matched by task; lines left out stay as they are).
func (h *Handler) PutReport(w http.ResponseWriter, r *http.Request) {
	u, s, ok := h.readReport(w, r)
	if !ok {
		return
	}
	var err error
	if !auth.CanSubmitReport(u, s.AgencyID) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var req reportRequest
	if err == nil {
		err = decodeBody(w, r, &req)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	held := map[int64]*int64{}
	for _, l := range s.Lines {
		held[l.TaskID] = l.FileID
	}
	s.Narrative, s.Difficulties, s.Proposals = req.Narrative, req.Difficulties, req.Proposals
	s.Lines = make([]report.Line, len(req.Lines))
	for i, l := range req.Lines {
		file := held[l.TaskID]
		if l.FileID.Set {
			file = l.FileID.ID
		}
		s.Lines[i] = report.Line{TaskID: l.TaskID, Status: l.Status, Done: l.Done, Figures: l.Figures, FileID: file,
			Estimated: l.Estimated, Allocated: l.Allocated, Spent: l.Spent, Source: l.Source}
	}
	err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.SaveSubmission(r.Context(), &s) })
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// ActOnReport takes a report a step of its cycle: submit (its agency, or
// the coordinator for it), accept, return with a comment, or reopen an
// accepted one with a reason (the coordinator).
func (h *Handler) ActOnReport(w http.ResponseWriter, r *http.Request) {
	u, s, ok := h.readReport(w, r)
	if !ok {
		return
	}
	a := report.Action(r.PathValue("action"))
	var err error
	switch a {
	case report.Submit:
		if !auth.CanSubmitReport(u, s.AgencyID) {
			err = apperr.New(apperr.Forbidden, "error.forbidden")
		}
	case report.Accept, report.Return, report.Reopen:
		if !auth.CanReviewReports(u) {
			err = apperr.New(apperr.Forbidden, "error.forbidden")
		}
	default:
		err = apperr.New(apperr.NotFound, "error.page_not_found")
	}
	var req actionRequest
	if err == nil && r.ContentLength != 0 {
		err = decodeBody(w, r, &req)
	}
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			var err error
			s, err = tx.ActOnSubmission(r.Context(), s.ID, a, req.Comment)
			return err
		})
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}
