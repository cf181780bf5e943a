package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/evidence"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// lineTask reads {task} and checks the report holds a line for it.
func lineTask(r *http.Request, s report.Submission) (int64, error) {
	task, err := strconv.ParseInt(r.PathValue("task"), 10, 64)
	if err == nil {
		for _, l := range s.Lines {
			if l.TaskID == task {
				return task, nil
			}
		}
	}
	return 0, apperr.New(apperr.NotFound, "error.report_line_not_found")
}

// PutEvidence stores an evidence file for a task line of a report (POST
// /api/v1/reports/{id}/lines/{task}/evidence, multipart, field "file"),
// replacing the line's file, with the web form's checks: who may write
// the report (its agency, or the coordinator for it), only while it is a
// draft or returned, at most evidence.MaxSize, a type sniffed from the
// content. Answers the report as it stands.
func (h *Handler) PutEvidence(w http.ResponseWriter, r *http.Request) {
	u, s, ok := h.readReport(w, r)
	if !ok {
		return
	}
	task, err := lineTask(r, s)
	switch {
	case err != nil:
	case !auth.CanSubmitReport(u, s.AgencyID):
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	case !s.State.Editable():
		err = apperr.New(apperr.Conflict, "error.report.locked")
	}
	var f *store.File
	if err == nil {
		if perr := r.ParseMultipartForm(evidence.MaxSize); perr != nil {
			err = evidence.FormError(perr)
			if errors.Is(perr, http.ErrNotMultipart) {
				err = apperr.Wrap(apperr.Invalid, "error.bad_form", perr)
			}
		}
	}
	if err == nil {
		f, err = evidence.FromForm(r, "file")
		if err == nil && f == nil {
			err = apperr.FieldErrors{"file": "error.field.required"}.Err()
		}
		if ae := apperr.As(err); err != nil && ae.Code == apperr.Validation && len(ae.Fields) == 0 {
			err = apperr.FieldErrors{"file": ae.Key}.Err() // name the field, as the form does
		}
	}
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error {
			return tx.AttachReportEvidence(r.Context(), s.ID, task, f)
		})
	}
	if err == nil {
		s, err = h.store.Submission(r.Context(), s.ID)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, s)
}

// Evidence sends the evidence file of a task line of a report (GET
// /api/v1/reports/{id}/lines/{task}/evidence) to a caller who may read the
// report, always as a download.
func (h *Handler) Evidence(w http.ResponseWriter, r *http.Request) {
	_, s, ok := h.readReport(w, r)
	if !ok {
		return
	}
	task, err := lineTask(r, s)
	var f store.File
	if err == nil {
		f, err = h.store.ReportLineFile(r.Context(), s.ID, task)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(f.Size, 10))
	// An uploaded HTML or SVG must never run on our origin.
	w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''`+evidence.AttachmentName(f.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(f.Data)
}
