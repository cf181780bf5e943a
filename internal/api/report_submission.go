package api

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// reportRequest is the body of PUT /api/v1/reports/{id}. PUT replaces
// the whole report, so every field must be sent: the three texts, and a
// line for every task the report holds with all its fields (file_id
// aside: left out, the line keeps its evidence, which comes through its
// own upload). A field or line left out is an error naming it, never a
// value silently emptied.
type reportRequest struct {
	Narrative    *string        `json:"narrative"`
	Difficulties *string        `json:"difficulties"`
	Proposals    *string        `json:"proposals"`
	Lines        *[]lineRequest `json:"lines"`
}

type lineRequest struct {
	TaskID    *int64         `json:"task_id"`
	Status    *string        `json:"status"`
	Done      *string        `json:"done"`
	Figures   *string        `json:"figures"`
	FileID    optionalID     `json:"file_id"`
	Estimated *int64         `json:"budget_estimated"`
	Allocated *int64         `json:"budget_allocated"`
	Spent     *int64         `json:"budget_spent"`
	Source    *report.Source `json:"budget_source"`
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
// it (store.ReadableSubmission, the web pages' check too); it answers the
// error itself.
func (h *Handler) readReport(w http.ResponseWriter, r *http.Request) (*auth.User, report.Submission, bool) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return nil, report.Submission{}, false
	}
	u := auth.UserFrom(r.Context())
	s, err := h.store.ReadableSubmission(r.Context(), u, id, h.now())
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

// PutReport replaces what a draft or returned report says: the texts and
// every task line, matched by task (see reportRequest).
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
	if err == nil {
		err = replaceReport(&s, req)
	}
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.SaveSubmission(r.Context(), &s) })
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// replaceReport puts req in place of s's texts and lines, or names every
// field left out ("lines.2.budget_spent") and every task of the report
// without its line ("lines[II.2]"), so a client that meant to change one
// line never empties the others.
func replaceReport(s *report.Submission, req reportRequest) error {
	fe := apperr.FieldErrors{}
	text := func(name string, v *string) string {
		if v == nil {
			fe.Add(name, "error.field.put_missing")
			return ""
		}
		return *v
	}
	s.Narrative, s.Difficulties, s.Proposals = text("narrative", req.Narrative), text("difficulties", req.Difficulties),
		text("proposals", req.Proposals)
	if req.Lines == nil {
		fe.Add("lines", "error.field.put_missing")
		return fe.Err()
	}
	held := map[int64]*int64{}
	for _, l := range s.Lines {
		held[l.TaskID] = l.FileID
	}
	sent := map[int64]bool{}
	lines := make([]report.Line, len(*req.Lines))
	for i, l := range *req.Lines {
		p := fmt.Sprintf("lines.%d.", i+1)
		str := func(name string, v *string) string { return text(p+name, v) }
		num := func(name string, v *int64) int64 {
			if v == nil {
				fe.Add(p+name, "error.field.put_missing")
				return 0
			}
			return *v
		}
		task := num("task_id", l.TaskID)
		if sent[task] {
			fe.Add(p+"task_id", "error.field.report_task_twice")
		}
		sent[task] = true
		file := held[task]
		if l.FileID.Set {
			file = l.FileID.ID
		}
		var source report.Source
		if l.Source == nil {
			fe.Add(p+"budget_source", "error.field.put_missing")
		} else {
			source = *l.Source
		}
		lines[i] = report.Line{TaskID: task, Status: str("status", l.Status), Done: str("done", l.Done),
			Figures: str("figures", l.Figures), FileID: file, Estimated: num("budget_estimated", l.Estimated),
			Allocated: num("budget_allocated", l.Allocated), Spent: num("budget_spent", l.Spent), Source: source}
	}
	for _, l := range s.Lines {
		if !sent[l.TaskID] {
			fe.Add("lines["+l.TaskCode+"]", "error.field.report_line_missing")
		}
	}
	s.Lines = lines
	return fe.Err()
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
