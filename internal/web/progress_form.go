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

// progressForm is the task page's progress form as submitted: the fields
// as typed, so a refused form comes back exactly as it was sent, and the
// evidence file as read.
type progressForm struct {
	Status      string
	Percent     string
	Note        string
	EvidenceURL string
	File        *store.File
	// fileErr is the message key of a file that could not be read.
	fileErr string
}

// parseProgressForm reads the form once. The error is for a request that
// is not a form at all (too large, broken multipart), which has no field
// to show it beside.
func parseProgressForm(r *http.Request) (progressForm, error) {
	if err := r.ParseMultipartForm(MaxUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return progressForm{}, uploadError(err)
	}
	f := progressForm{Status: r.PostFormValue("status"), Percent: r.PostFormValue("percent"),
		Note: r.PostFormValue("note"), EvidenceURL: r.PostFormValue("evidence_url")}
	file, err := evidenceFile(r)
	if err != nil {
		if f.fileErr = apperr.As(err).Key; f.fileErr == "" {
			f.fileErr = "error.field.file_unreadable"
		}
	}
	f.File = file
	return f, nil
}

// Validate reports what the form alone can tell: a percentage that is not
// a whole number and a file that could not be read. What depends on the
// task (a status left empty keeps the task's; a file is evidence enough)
// is the store's to check, and its field errors join these.
func (f progressForm) Validate() apperr.FieldErrors {
	fe := apperr.FieldErrors{}
	if _, ok := f.percent(); !ok {
		fe.Add("percent", "error.field.percent")
	}
	if f.fileErr != "" {
		fe.Add("file", f.fileErr)
	}
	return fe
}

// percent is the typed percentage; nil when left empty, ok false when it
// is not a whole number.
func (f progressForm) percent() (p *int, ok bool) {
	s := strings.TrimSpace(f.Percent)
	if s == "" {
		return nil, true
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, false
	}
	return &n, true
}

// Progress is the entry for task the form asks to record; only meaningful
// once Validate found nothing.
func (f progressForm) Progress(task int64) plan.Progress {
	pct, _ := f.percent()
	return plan.Progress{TaskID: task, Status: plan.Status(f.Status), Percent: pct,
		Note: f.Note, EvidenceURL: f.EvidenceURL}
}

// Values refills the form's fields (the task template's .Form). A file
// input cannot be refilled; the message beside it asks for the file again.
func (f progressForm) Values() map[string]string {
	return map[string]string{"status": f.Status, "percent": f.Percent, "note": f.Note, "evidence_url": f.EvidenceURL}
}
