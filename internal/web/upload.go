package web

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/evidence"
	"github.com/hoptac/hoptac/internal/store"
)

// MaxUpload is the largest evidence file accepted, and so the largest form.
const MaxUpload = evidence.MaxSize

// evidenceFile reads the optional "file" field. Its type is decided by its
// content, not its name: a renamed executable is refused.
func evidenceFile(r *http.Request) (*store.File, error) { return evidenceFileField(r, "file") }

// evidenceFileField is evidenceFile for a form with several file fields
// (the report form has one per task). The API's uploads read through the
// same package, so the checks are one.
func evidenceFileField(r *http.Request, field string) (*store.File, error) {
	return evidence.FromForm(r, field)
}

// uploadedFile reads an optional file field whole (evidence.Read).
func uploadedFile(r *http.Request, field string) (string, []byte, error) {
	return evidence.Read(r, field)
}

// evidenceType sniffs the content (evidence.Type).
func evidenceType(name string, data []byte) (string, bool) { return evidence.Type(name, data) }

func uploadError(err error) error { return evidence.FormError(err) }

// attachmentName encodes a file name for Content-Disposition's filename*
// (evidence.AttachmentName).
func attachmentName(s string) string { return evidence.AttachmentName(s) }
