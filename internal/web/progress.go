package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/apperr"
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
	f, err := parseProgressForm(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	fe := f.Validate()
	if len(fe) == 0 {
		p := f.Progress(id)
		err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.RecordProgress(r.Context(), &p, f.File) })
		if err == nil {
			h.sessions.Put(r.Context(), "flash", "progress.saved")
			http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
		if code := apperr.CodeOf(err); code != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		for field, k := range apperr.As(err).Fields {
			fe.Add(field, k)
		}
	}
	v := h.view(r, "task.title", tv)
	v.Errors = formErrors(v.L, fe.Err())
	v.Form = f.Values()
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
