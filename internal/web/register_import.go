package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/registerimport"
	"github.com/hoptac/hoptac/internal/registerload"
	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// registerSampleRows is how many good rows the preview shows as they
// would be imported.
const registerSampleRows = 10

// registerPending is what a pending register import keeps besides the
// file (store.PendingImport.Lines, base64): it shares the plan import's
// table, told apart by Kind, so the file stays on the server, owned and
// expiring, between preview and confirm.
type registerPending struct {
	Kind    string                `json:"kind"` // always registerKind
	Year    int                   `json:"year,omitempty"`
	Summary *registerload.Summary `json:"summary,omitempty"` // set by the confirm that wrote it
}

const registerKind = "register"

// isRegisterPending reports a pending import of the register, which the
// plan import's confirm must not take for a plan.
func isRegisterPending(p store.PendingImport) bool {
	var rp registerPending
	return json.Unmarshal([]byte(p.Result), &rp) == nil && rp.Kind == registerKind
}

// registerPreview is the preview page: the mapping as a table of
// selects, the first good rows, every error and the counts.
type registerPreview struct {
	PendingID  string
	SourceName string
	Year       int
	Columns    []previewColumn
	Fields     []string // what a column may be mapped to, in the catalogue's order
	Sample     [][]string
	Summary    *registerload.Summary
	Skip       [4]int // title, blank, totals and column-number rows skipped
	Errors     []previewError
	ValidOnly  bool
	Problem    string // why the file or the mapping as a whole was refused
}

type previewColumn struct {
	Index  int
	Letter string
	Text   string // the header cell as the file writes it
	Field  string // "" for a column left out
}

type previewError struct {
	Row    int
	Column string
	Text   string
}

// RegisterImportForm shows the upload form.
func (h *Handler) RegisterImportForm(w http.ResponseWriter, r *http.Request) {
	if _, err := requireAllowed(r, auth.CanManageRegister); err != nil {
		h.Error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "register_import", h.view(r, "register.import.title", nil))
}

// RegisterImportRead reads an uploaded register, keeps it as a pending
// import and shows its preview. Nothing of the register is written.
func (h *Handler) RegisterImportRead(w http.ResponseWriter, r *http.Request) {
	u, err := requireAllowed(r, auth.CanManageRegister)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	fail := func(status int, key string, text string) {
		v := h.view(r, "register.import.title", nil)
		if text == "" {
			text = v.L.T(key)
		}
		v.Errors = map[string]string{"file": text}
		v.Form = map[string]string{"year": r.PostFormValue("year")}
		h.render(w, r, status, "register_import", v)
	}
	if err := r.ParseMultipartForm(MaxUpload); err != nil {
		if errors.Is(err, http.ErrNotMultipart) {
			fail(http.StatusUnprocessableEntity, "register.import.no_file", "")
			return
		}
		e := apperr.As(uploadError(err))
		fail(apperr.HTTPStatus(e.Code), e.Key, "")
		return
	}
	year, ok := importYear(r.PostFormValue("year"))
	if !ok {
		fail(http.StatusUnprocessableEntity, "register.import.bad_year", "")
		return
	}
	name, data, err := uploadedFile(r, "file")
	if err == nil && data == nil {
		err = apperr.New(apperr.Validation, "register.import.no_file")
	}
	if err != nil {
		e := apperr.As(err)
		fail(apperr.HTTPStatus(e.Code), e.Key, "")
		return
	}
	release, err := h.imports.acquire(r.Context())
	if err != nil {
		h.registerBusy(w, r, err)
		return
	}
	defer release()
	// A file that is no spreadsheet is refused before it is kept.
	if _, err := registerimport.Header(name, bytes.NewReader(data), int64(len(data)), sheet.Limits{}); err != nil {
		if text, ok := localized(err, i18n.Pick(r)); ok {
			fail(http.StatusUnprocessableEntity, "", text)
			return
		}
		h.Error(w, r, err)
		return
	}
	meta, err := json.Marshal(registerPending{Kind: registerKind, Year: year})
	if err != nil {
		h.Error(w, r, err)
		return
	}
	p := store.PendingImport{UserID: u.ID, SourceName: name, Result: string(meta), Lines: base64.StdEncoding.EncodeToString(data)}
	if err := h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.CreatePendingImport(r.Context(), &p) }); err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderPreview(w, r, p, nil, false, nil)
}

// registerBusy answers a register read turned away because every import
// slot stayed taken: 503, when to try again, and the message on the page
// (the upload form for an upload, the error page for a confirm, whose
// preview the browser's Back shows again).
func (h *Handler) registerBusy(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, errImportBusy) {
		h.Error(w, r, err)
		return
	}
	h.log.WarnContext(r.Context(), "register import turned away: every slot busy", "slots", cap(h.imports.slots))
	w.Header().Set("Retry-After", strconv.Itoa(importRetryAfter))
	if r.URL.Path == "/register/import" {
		v := h.view(r, "register.import.title", nil)
		v.Errors = map[string]string{"file": v.L.T("register.import.busy")}
		v.Form = map[string]string{"year": r.PostFormValue("year")}
		h.render(w, r, http.StatusServiceUnavailable, "register_import", v)
		return
	}
	v := h.view(r, "error.title", nil)
	v.Flash = v.L.T("register.import.busy")
	h.render(w, r, http.StatusServiceUnavailable, "error", v)
}

// importYear reads the optional year box: empty is 0 (the file's own
// "Năm" column), else a plausible year.
func importYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 1990 && y <= 2100
}

// localized is a file's or a mapping's own message (sheet and
// registerimport errors name the column, row or limit).
func localized(err error, lang string) (string, bool) {
	var e *i18n.Error
	if errors.As(err, &e) {
		return e.In(lang), true
	}
	return "", false
}

// pendingFile decodes the file a pending register import keeps.
func pendingFile(p store.PendingImport) (registerPending, []byte, error) {
	var rp registerPending
	if err := json.Unmarshal([]byte(p.Result), &rp); err != nil || rp.Kind != registerKind {
		return rp, nil, apperr.New(apperr.NotFound, "import.error.pending_gone")
	}
	data, err := base64.StdEncoding.DecodeString(p.Lines)
	if err != nil {
		return rp, nil, apperr.Wrap(apperr.Internal, "error.internal", err)
	}
	return rp, data, nil
}

// renderPreview checks the pending file with mapping (nil: the header's
// own) and shows the preview; problem, when set, is the error of the
// form just sent and makes the answer a 422.
func (h *Handler) renderPreview(w http.ResponseWriter, r *http.Request, p store.PendingImport, mapping map[int]string, validOnly bool, problem error) {
	rp, data, err := pendingFile(p)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	lang := i18n.Pick(r)
	v := h.view(r, "register.import.preview", nil)
	pv := registerPreview{PendingID: p.ID, SourceName: p.SourceName, Year: rp.Year, ValidOnly: validOnly}
	for _, c := range registerimport.Catalogue() {
		pv.Fields = append(pv.Fields, c.Field)
	}
	status := http.StatusOK
	if problem != nil {
		status = http.StatusUnprocessableEntity
		pv.Problem = problemText(v, problem, lang)
	}
	hdr, err := registerimport.Header(p.SourceName, bytes.NewReader(data), int64(len(data)), sheet.Limits{})
	if err != nil {
		h.previewProblem(w, r, v, pv, err)
		return
	}
	opt := registerload.Options{Year: rp.Year, Today: h.now()}
	ck, err := registerload.Check(r.Context(), h.store, p.SourceName, bytes.NewReader(data), int64(len(data)), opt, mapping, registerSampleRows)
	fields := hdr.Fields
	if err == nil {
		fields = ck.Header.Fields
	}
	for i, text := range hdr.Texts {
		c := previewColumn{Index: i, Letter: columnLetter(i), Text: text}
		if i < len(fields) {
			c.Field = fields[i]
		}
		if f, ok := mapping[i]; ok && err != nil {
			c.Field = f // the choice sent back, kept for the person to correct
		}
		pv.Columns = append(pv.Columns, c)
	}
	if err != nil {
		// The mapping is refused as a whole (a field twice, a required
		// column left out): the table stays, for the person to correct.
		h.previewProblem(w, r, v, pv, err)
		return
	}
	pv.Summary = ck.Summary
	for i, k := range []sheet.SkipKind{sheet.SkipTitle, sheet.SkipBlank, sheet.SkipTotals, sheet.SkipNumbers} {
		pv.Skip[i] = ck.Summary.Skipped[k]
	}
	for _, e := range ck.Summary.Errors {
		pv.Errors = append(pv.Errors, previewError{Row: e.Row, Column: e.Column, Text: e.In(lang)})
	}
	for _, rec := range ck.First {
		pv.Sample = append(pv.Sample, sampleCells(v, rec))
	}
	v.Data = pv
	h.render(w, r, status, "register_import_preview", v)
}

// previewProblem shows the preview with what refused the file or the
// mapping; an error that is not the file's is a server error.
func (h *Handler) previewProblem(w http.ResponseWriter, r *http.Request, v *view, pv registerPreview, err error) {
	text, ok := localized(err, v.L.Lang)
	if !ok {
		h.Error(w, r, err)
		return
	}
	pv.Problem = text
	v.Data = pv
	h.render(w, r, http.StatusUnprocessableEntity, "register_import_preview", v)
}

func problemText(v *view, err error, lang string) string {
	if text, ok := localized(err, lang); ok {
		return text
	}
	return v.L.T(apperr.As(err).Key)
}

// sampleCells is a good row as it would be imported: typed, money in
// đồng, the form and sector by name.
func sampleCells(v *view, rec registerimport.Record) []string {
	commune := rec.CommuneCode
	if rec.CommuneName != "" {
		commune = strings.TrimSpace(rec.CommuneName + " " + rec.CommuneCode)
	}
	opt := func(p *int64) string {
		if p == nil {
			return ""
		}
		return vntext.FormatInt(*p)
	}
	sector := ""
	if rec.Sector != "" {
		sector = v.L.T("coop.sector." + rec.Sector)
	}
	return []string{strconv.Itoa(rec.Row), rec.Code, rec.Name, v.L.T("coop.form." + rec.Form), sector, commune,
		strconv.Itoa(rec.Year), opt(rec.Members), opt(rec.CharterCapital), opt(rec.Revenue)}
}

// columnLetter is a column's spreadsheet letter: 0 → A, 26 → AA.
func columnLetter(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
