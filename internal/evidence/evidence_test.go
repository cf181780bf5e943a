package evidence

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
)

// form is a parsed multipart request with one file in "file" (none when
// name is empty).
func form(t *testing.T, name string, data []byte) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if name != "" {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", &buf)
	r.Header.Set("Content-Type", w.FormDataContentType())
	if err := r.ParseMultipartForm(MaxSize); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFromForm: the type comes from the content, a renamed executable is
// refused, and so are an empty file, one over the cap and a name hiding a
// direction override; no file is no error.
func TestFromForm(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.4\n%bao cao\n")
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 64)...)
	big := append(append([]byte{}, pdf...), make([]byte, MaxSize)...)
	tests := []struct {
		name, file string
		data       []byte
		wantType   string
		wantCode   apperr.Code
	}{
		{"a pdf", "biên bản.pdf", pdf, "application/pdf", ""},
		{"an executable named .pdf", "bien-ban.pdf", exe, "", apperr.Validation},
		{"empty", "bien-ban.pdf", []byte{}, "", apperr.Validation},
		{"over the cap", "bien-ban.pdf", big, "", apperr.TooLarge},
		{"a hidden direction override", "bao cao\u202efdp.exe", pdf, "", apperr.Validation},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := FromForm(form(t, tc.file, tc.data), "file")
			if tc.wantCode != "" {
				if f != nil || apperr.CodeOf(err) != tc.wantCode {
					t.Errorf("got %v, %v; want a %s error", f, err, tc.wantCode)
				}
				return
			}
			if err != nil || f == nil || f.ContentType != tc.wantType || f.Name != tc.file || !bytes.Equal(f.Data, tc.data) {
				t.Errorf("got %+v, %v; want %s", f, err, tc.wantType)
			}
		})
	}
	if f, err := FromForm(form(t, "", nil), "file"); f != nil || err != nil {
		t.Errorf("no file: %v, %v", f, err)
	}
}
