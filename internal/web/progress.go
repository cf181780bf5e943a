package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// RecordProgress stores a progress entry from the task page's form, with an
// optional evidence file. On a wrong field the form comes back with the
// message beside it and what was typed still in place.
func (h *Handler) RecordProgress(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	tv, err := h.taskView(r, u, id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if !tv.CanRecord {
		h.Error(w, r, apperr.New(apperr.Forbidden, "error.forbidden_task"))
		return
	}
	if err := r.ParseMultipartForm(MaxUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.Error(w, r, uploadError(err))
		return
	}
	p := plan.Progress{TaskID: id, Status: plan.Status(r.PostFormValue("status")),
		Note: r.PostFormValue("note"), EvidenceURL: r.PostFormValue("evidence_url")}
	fe := apperr.FieldErrors{}
	if s := strings.TrimSpace(r.PostFormValue("percent")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			fe.Add("percent", "error.field.percent")
		}
		p.Percent = &n
	}
	file, err := evidenceFile(r)
	if err != nil {
		fe.Add("file", apperr.As(err).Key)
	}
	if err == nil && len(fe) == 0 {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.RecordProgress(r.Context(), &p, file) })
		if err == nil {
			h.sessions.Put(r.Context(), "flash", "progress.saved")
			http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
		if code := apperr.CodeOf(err); code != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		for f, k := range apperr.As(err).Fields {
			fe.Add(f, k)
		}
	}
	v := h.view(r, "task.title", tv)
	v.Errors = formErrors(v.L, fe.Err())
	v.Form = map[string]string{"status": r.PostFormValue("status"), "percent": r.PostFormValue("percent"),
		"note": r.PostFormValue("note"), "evidence_url": r.PostFormValue("evidence_url")}
	h.render(w, r, http.StatusUnprocessableEntity, "task", v)
}

// File sends an evidence file to a reader who may see its task.
func (h *Handler) File(w http.ResponseWriter, r *http.Request) {
	_, id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	f, _, err := h.store.File(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(f.Size, 10))
	// Always a download: an uploaded HTML or SVG must never run on our origin.
	w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''`+attachmentName(f.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(f.Data)
}
