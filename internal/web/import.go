package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/planimport"
)

// importReview is the review screen: what was read and the source lines it
// came from. The result itself stays on the server as a pending import
// (store.PendingImport) until the coordinator confirms; the form carries
// only its id and the fields the coordinator may correct.
type importReview struct {
	Result     *planimport.Result
	PendingID  string
	Lines      []string
	SourceName string
	// Duplicates are the plans already stored from the same document
	// (number, issuer, issue date); storing another needs DuplicateOK.
	Duplicates  []int64
	DuplicateOK bool
	// Relink says which target links storing the document again keeps
	// from the newest of Duplicates, and which targets lose theirs.
	Relink planimport.Relink
	// Problems are the refused fields in screen order, for the summary
	// above the form; each message is also shown beside its field.
	Problems []reviewProblem
	// Checks are what to look at in the plan as it stands, Warnings what
	// the parser noted while reading; each links to its row.
	Checks, Warnings []reviewNote
}

type reviewProblem struct {
	Field, Text string
	Anchor      string // id of the form field to link to, "" when the form has none
}

// Line returns source line n for the review screen, or "".
func (r importReview) Line(n int) string {
	if n < 1 || n > len(r.Lines) {
		return ""
	}
	return r.Lines[n-1]
}

// ImportForm shows the upload-or-paste form.
func (h *Handler) ImportForm(w http.ResponseWriter, r *http.Request) {
	if !auth.CanImportPlans(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	h.render(w, r, http.StatusOK, "import", h.view(r, "import.title", nil))
}

// ImportRead reads an uploaded or pasted plan and shows the review screen.
func (h *Handler) ImportRead(w http.ResponseWriter, r *http.Request) {
	if !auth.CanImportPlans(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	if err := r.ParseMultipartForm(MaxUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.Error(w, r, uploadError(err))
		return
	}
	name, data, err := importSource(r)
	if err == nil && len(data) == 0 {
		err = apperr.New(apperr.Validation, "import.error.nothing")
	}
	var res *planimport.Result
	var lines []string
	if err == nil {
		resolver, rerr := h.resolver(r)
		if rerr != nil {
			h.Error(w, r, rerr)
			return
		}
		res, lines, err = h.imports.run(r.Context(), name, data, resolver)
		if errors.Is(err, errImportBusy) {
			h.importBusy(w, r)
			return
		}
	}
	if err != nil {
		v := h.view(r, "import.title", nil)
		v.Errors = map[string]string{"file": importErrorText(v.L.T, err)}
		v.Form = map[string]string{"text": r.PostFormValue("text")}
		h.render(w, r, http.StatusUnprocessableEntity, "import", v)
		return
	}
	rv := importReview{Result: res, Lines: lines, SourceName: name}
	if rv.PendingID, err = h.keepPending(r, res, lines, name); err == nil {
		rv.Duplicates, err = planimport.EarlierPlans(r.Context(), h.store, res.Document)
	}
	if err == nil {
		rv.Relink, err = planimport.PreviewRelink(r.Context(), h.store, res, rv.Duplicates)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	h.renderReview(w, r, http.StatusOK, rv, nil)
}

func (h *Handler) renderReview(w http.ResponseWriter, r *http.Request, status int, rv importReview, err error) {
	v := h.view(r, "import.review", nil)
	var inv *planimport.Invalid
	switch {
	case errors.As(err, &inv):
		v.Errors = map[string]string{}
		for _, f := range inv.Fields() {
			p := inv.Problems[f]
			text := v.L.T(p.Key, p.Args...)
			v.Errors[f] = text
			rv.Problems = append(rv.Problems, reviewProblem{Field: f, Text: text, Anchor: problemAnchor(f)})
		}
		v.Form = keptFigures(r, v.Errors)
	case err != nil:
		v.Errors = formErrors(v.L, err)
	}
	rv.Checks, rv.Warnings = reviewChecks(v.L.T, rv.Result), warningNotes(rv.Result)
	v.Data = rv
	h.render(w, r, status, "import_review", v)
}

// importSource takes the uploaded file if there is one, else the pasted text.
func importSource(r *http.Request) (string, []byte, error) {
	if r.MultipartForm != nil {
		if fh := r.MultipartForm.File["file"]; len(fh) > 0 && fh[0].Size > 0 {
			f, err := fh[0].Open()
			if err != nil {
				return "", nil, apperr.Wrap(apperr.Invalid, "error.field.file_unreadable", err)
			}
			defer func() { _ = f.Close() }() // read only: nothing to flush
			data, err := io.ReadAll(io.LimitReader(f, MaxUpload+1))
			if err != nil {
				return "", nil, apperr.Wrap(apperr.Invalid, "error.field.file_unreadable", err)
			}
			return fh[0].Filename, data, nil
		}
	}
	return "dan-van-ban.txt", []byte(strings.TrimSpace(r.PostFormValue("text"))), nil
}

// importErrorText explains why a file could not be read: the parser's own
// Vietnamese message, which names the encoding or the line.
func importErrorText(t func(string, ...any) string, err error) string {
	var pe *planimport.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return t(apperr.As(err).Key)
}

// resolver resolves agency names against the province's own agencies,
// then the built-in catalog.
func (h *Handler) resolver(r *http.Request) (planimport.Resolver, error) {
	agencies, err := h.store.AllAgencyNames(r.Context())
	if err != nil {
		return nil, err
	}
	return planimport.ProvinceResolver(agencies), nil
}
