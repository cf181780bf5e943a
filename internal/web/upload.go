package web

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

// MaxUpload is the largest evidence file accepted, and so the largest form.
const MaxUpload = 10 << 20

// evidenceFile reads the optional "file" field. Its type is decided by its
// content, not its name: a renamed executable is refused.
func evidenceFile(r *http.Request) (*store.File, error) { return evidenceFileField(r, "file") }

// evidenceFileField is evidenceFile for a form with several file fields
// (the report form has one per task).
func evidenceFileField(r *http.Request, field string) (*store.File, error) {
	name, data, err := uploadedFile(r, field)
	if err != nil || data == nil {
		return nil, err
	}
	ct, ok := evidenceType(name, data)
	if !ok {
		return nil, apperr.New(apperr.Validation, "error.field.file_type")
	}
	return &store.File{Name: name, ContentType: ct, Data: data}, nil
}

// uploadedFile reads an optional file field whole, never more than
// MaxUpload bytes of it, with its name cleaned to a base name. No file
// gives a nil data and no error; an empty one, a larger one or a name
// that hides a control character gives the field's error.
func uploadedFile(r *http.Request, field string) (string, []byte, error) {
	if r.MultipartForm == nil {
		return "", nil, nil
	}
	fh := r.MultipartForm.File[field]
	if len(fh) == 0 || fh[0].Size == 0 && fh[0].Filename == "" {
		return "", nil, nil
	}
	if fh[0].Size > MaxUpload {
		return "", nil, apperr.New(apperr.TooLarge, "error.field.file_too_large")
	}
	f, err := fh[0].Open()
	if err != nil {
		return "", nil, apperr.Wrap(apperr.Invalid, "error.field.file_unreadable", err)
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	data, err := io.ReadAll(io.LimitReader(f, MaxUpload+1))
	if err != nil {
		return "", nil, apperr.Wrap(apperr.Invalid, "error.field.file_unreadable", err)
	}
	if len(data) == 0 {
		return "", nil, apperr.New(apperr.Validation, "error.field.file_empty")
	}
	if len(data) > MaxUpload {
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

// evidenceType sniffs the content. Office files are ZIP containers, so for
// them the name's extension picks the exact type once the content is a ZIP.
func evidenceType(name string, data []byte) (string, bool) {
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

func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || strings.Contains(err.Error(), "too large") {
		return apperr.Wrap(apperr.TooLarge, "error.upload_too_large", err)
	}
	return apperr.Wrap(apperr.Invalid, "error.bad_form", err)
}

// attachmentName encodes a file name for Content-Disposition's filename*
// (RFC 5987): only attr-chars stay as they are, all else is %-encoded.
func attachmentName(s string) string {
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
