package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// reviewFlash is the message after each step of a review.
var reviewFlash = map[report.Action]string{report.Accept: "report.accepted", report.Return: "report.returned",
	report.Reopen: "report.reopened"}

// ReviewReport takes a step of the coordinator's review (POST
// /reports/{id}/review: action accept, return or reopen, and a comment):
// returning needs a comment, reopening an accepted report a reason, both
// kept in the report's history. Without one, the page comes back with the
// message beside the comment.
func (h *Handler) ReviewReport(w http.ResponseWriter, r *http.Request) {
	u, s, ok := h.reportFor(w, r)
	if !ok {
		return
	}
	if !auth.CanReviewReports(u) {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden"))
		return
	}
	action := report.Action(r.PostFormValue("action"))
	flash, known := reviewFlash[action]
	if !known {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.report.action"))
		return
	}
	ctx := r.Context()
	err := h.store.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ActOnSubmission(ctx, s.ID, action, r.PostFormValue("comment"))
		return err
	})
	switch {
	case err == nil:
		h.sessions.Put(ctx, "flash", flash)
		http.Redirect(w, r, reportPath(s.ID), http.StatusSeeOther)
	case apperr.CodeOf(err) == apperr.Validation:
		h.renderReport(w, r, u, s, lineForms(s), http.StatusUnprocessableEntity, err)
	default:
		h.Error(w, r, err)
	}
}

// ReportFile sends an evidence file of a report's task line (GET
// /reports/{id}/files/{file}) to a reader who may read the report.
func (h *Handler) ReportFile(w http.ResponseWriter, r *http.Request) {
	_, s, ok := h.reportFor(w, r)
	if !ok {
		return
	}
	fileID, err := pathID(r, "file")
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f, err := h.store.ReportFile(r.Context(), s.ID, fileID)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(f.Size, 10))
	// Always a download, as every evidence file: an uploaded HTML or SVG
	// must never run on our origin.
	w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''`+attachmentName(f.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(f.Data)
}
