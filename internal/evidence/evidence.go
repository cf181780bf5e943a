// Package evidence reads the evidence files agencies attach to progress
// and report lines, for the web forms and the API alike, so both apply the
// same checks: a size cap, a name without hidden characters, and a type
// decided by the content, not the name.
package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// MaxSize is the largest evidence file accepted, and so the largest form.
const MaxSize = 10 << 20

// FromForm reads the optional evidence file in field of a parsed
// multipart form: nil without one, else the file with its sniffed type,
// or the field's error (too large, empty, a hidden character in its name,
// a type not accepted).
func FromForm(r *http.Request, field string) (*store.File, error) {
	name, data, err := Read(r, field)
	if err != nil || data == nil {
		return nil, err
	}
	ct, ok := Type(name, data)
	if !ok {
		return nil, apperr.New(apperr.Validation, "error.field.file_type")
	}
	return &store.File{Name: name, ContentType: ct, Data: data}, nil
}

// Read reads an optional file field whole, never more than MaxSize bytes
// of it, with its name cleaned to a base name. No file gives a nil data
// and no error; an empty one, a larger one or a name that hides a control
// character gives the field's error.
func Read(r *http.Request, field string) (string, []byte, error) {
	if r.MultipartForm == nil {
		return "", nil, nil
	}
	fh := r.MultipartForm.File[field]
	if len(fh) == 0 || fh[0].Size == 0 && fh[0].Filename == "" {
		return "", nil, nil
	}
	if fh[0].Size > MaxSize {
		return "", nil, apperr.New(apperr.TooLarge, "error.field.file_too_large")
	}
	f, err := fh[0].Open()
	if err != nil {
		return "", nil, apperr.Wrap(apperr.Invalid, "error.field.file_unreadable", err)
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return "", nil, apperr.Wrap(apperr.Invalid, "error.field.file_unreadable", err)
	}
	if len(data) == 0 {
		return "", nil, apperr.New(apperr.Validation, "error.field.file_empty")
	}
	if len(data) > MaxSize {
		return "", nil, apperr.New(apperr.TooLarge, "error.field.file_too_large")
	}
	// A name is refused, not cleaned, when it hides a control or a
	// direction override ("báo cáo\u202Efdp.exe" reads as an .exe's opposite).
	name, err := vntext.Line(filepath.Base(strings.ReplaceAll(fh[0].Filename, "\\", "/")))
	if err != nil {
		return "", nil, apperr.Wrap(apperr.Validation, "error.field.forbidden_chars", err)
	}
	return name, data, nil
}

// Type sniffs the content. Office files are ZIP containers, so for them
// the name's extension picks the exact type once the content is a ZIP.
func Type(name string, data []byte) (string, bool) {
	sniffed := http.DetectContentType(data)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case strings.HasPrefix(sniffed, "application/pdf"):
		return "application/pdf", true
	case sniffed == "image/png", sniffed == "image/jpeg", sniffed == "image/gif", sniffed == "image/webp":
		return sniffed, true
	case sniffed == "application/zip":
		switch ext {
		case ".docx":
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true
		case ".xlsx":
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true
		case ".pptx":
			return "application/vnd.openxmlformats-officedocument.presentationml.presentation", true
		case ".odt", ".ods", ".zip":
			return "application/zip", true
		}
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) && (ext == ".doc" || ext == ".xls"):
		return "application/octet-stream", true // legacy Office, still common in offices
	case strings.HasPrefix(sniffed, "text/plain") && (ext == ".txt" || ext == ".csv"):
		return "text/plain; charset=utf-8", true
	}
	return "", false
}

// FormError is the error of a multipart form that could not be parsed:
// too large, or malformed.
func FormError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || strings.Contains(err.Error(), "too large") {
		return apperr.Wrap(apperr.TooLarge, "error.upload_too_large", err)
	}
	return apperr.Wrap(apperr.Invalid, "error.bad_form", err)
}

// AttachmentName encodes a file name for Content-Disposition's filename*
// (RFC 5987): only attr-chars stay as they are, all else is %-encoded.
func AttachmentName(s string) string {
	const attrChars = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attrChars, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
