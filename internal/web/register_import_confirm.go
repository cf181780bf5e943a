package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/registerload"
	"github.com/hoptac/hoptac/internal/store"
)

// registerResult is the page after an import: what it did, and the audit
// batch that holds every change.
type registerResult struct {
	SourceName string
	Summary    *registerload.Summary
	CanAudit   bool // the audit log is the administrator's: others see the batch's number only
}

// RegisterImportConfirm takes the preview's form back: the mapping as the
// person left it, and either "preview" (show the file again with that
// mapping) or the import itself. The file is the one kept on the server;
// the mapping is checked again here. Nothing is written unless every row
// is good or "valid_only" is ticked.
func (h *Handler) RegisterImportConfirm(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanManageRegister)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, uploadError(err))
		return
	}
	p, err := h.store.PendingImport(r.Context(), r.PostFormValue("pending"), u.ID)
	if err == nil && !isRegisterPending(p) {
		err = apperr.New(apperr.NotFound, "import.error.pending_gone")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if p.ConfirmedAt != nil { // a second click: the first one's result
		http.Redirect(w, r, "/register/import/result?id="+p.ID, http.StatusSeeOther)
		return
	}
	release, err := h.imports.acquire(r.Context())
	if err != nil {
		h.registerBusy(w, r, err)
		return
	}
	defer release()
	validOnly := r.PostFormValue("valid_only") == "1"
	mapping, err := postedMapping(r)
	if err != nil || r.PostFormValue("action") == "preview" {
		h.renderPreview(w, r, p, mapping, validOnly, err)
		return
	}
	rp, data, err := pendingFile(p)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	sum, err := registerload.ImportMapped(r.Context(), h.store, p.SourceName, bytes.NewReader(data), int64(len(data)),
		registerload.Options{Year: rp.Year, ValidOnly: validOnly, Today: h.now()}, mapping)
	if err != nil {
		if _, ok := localized(err, "vi"); ok {
			h.renderPreview(w, r, p, mapping, validOnly, err)
			return
		}
		h.Error(w, r, err)
		return
	}
	if !sum.Written {
		h.renderPreview(w, r, p, mapping, validOnly, apperr.New(apperr.Validation, "register.import.refused"))
		return
	}
	rp.Summary = sum
	meta, err := json.Marshal(rp)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The register is written; the pending row now only remembers what
	// the import did, for the result page and a second click.
	err = h.store.Update(r.Context(), func(tx *store.Tx) error {
		if err := tx.ClaimPendingImport(r.Context(), p.ID, u.ID); err != nil {
			return err
		}
		return tx.SetPendingImportResult(r.Context(), p.ID, string(meta))
	})
	if err != nil && apperr.CodeOf(err) != apperr.Conflict {
		h.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/register/import/result?id="+p.ID, http.StatusSeeOther)
}

// RegisterImportResult shows what a confirmed import did.
func (h *Handler) RegisterImportResult(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanManageRegister)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p, err := h.store.PendingImport(r.Context(), r.URL.Query().Get("id"), u.ID)
	var rp registerPending
	if err == nil && (json.Unmarshal([]byte(p.Result), &rp) != nil || rp.Kind != registerKind || rp.Summary == nil) {
		err = apperr.New(apperr.NotFound, "import.error.pending_gone")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "register_import_result",
		h.view(r, "register.import.result", registerResult{SourceName: p.SourceName, Summary: rp.Summary, CanAudit: auth.CanReadAudit(u)}))
}

// postedMapping reads the preview's selects, "col.N" = field ("" leaves
// column N out). Whether the fields exist and are given once is the
// reader's check (sheet.Reader.SetMapping), made on the file itself.
func postedMapping(r *http.Request) (map[int]string, error) {
	var m map[int]string
	for k, vs := range r.PostForm {
		n, ok := strings.CutPrefix(k, "col.")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 || len(vs) != 1 {
			return nil, apperr.New(apperr.Validation, "register.import.bad_mapping")
		}
		if m == nil {
			m = map[int]string{}
		}
		m[i] = strings.TrimSpace(vs[0])
	}
	return m, nil
}
