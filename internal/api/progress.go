package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// progressRequest is the body of POST /api/v1/tasks/{id}/progress.
type progressRequest struct {
	Status      plan.Status `json:"status"`
	Percent     *int        `json:"percent"`
	Note        string      `json:"note"`
	EvidenceURL string      `json:"evidence_url"`
}

// maxJSONBody bounds request bodies; a progress entry is a few KB.
const maxJSONBody = 1 << 20

// RecordProgress stores a progress entry and answers 201 with it.
func (h *Handler) RecordProgress(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	var req progressRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.Error(w, r, apperr.Wrap(apperr.TooLarge, "error.body_too_large", err))
			return
		}
		h.Error(w, r, apperr.Wrap(apperr.Invalid, "error.bad_json", err))
		return
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.bad_json"))
		return
	}
	p := plan.Progress{TaskID: id, Status: req.Status, Percent: req.Percent, Note: req.Note, EvidenceURL: req.EvidenceURL}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.RecordProgress(r.Context(), &p, nil) }); err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}
