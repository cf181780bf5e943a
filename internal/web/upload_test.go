package web

import (
	"archive/zip"
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
)

// zipBytes is a real ZIP container, as every Office Open XML file is.
func zipBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(`<?xml version="1.0"?><w:document/>`)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEvidenceType(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	jpeg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	docx := zipBytes(t)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 64)...)
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 64)...)
	text := []byte("Báo cáo tiến độ quý III/2026\nĐã hoàn thành 60%.\n")
	for _, tc := range []struct {
		name, file string
		data       []byte
		wantType   string
		wantOK     bool
	}{
		{"pdf", "bao-cao.pdf", pdf, "application/pdf", true},
		{"pdf with another name", "bao-cao.bin", pdf, "application/pdf", true},
		{"png", "anh.png", png, "image/png", true},
		{"jpeg named .jpg", "anh.JPG", jpeg, "image/jpeg", true},
		{"docx as zip", "bao-cao.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
		{"xlsx as zip, upper-case extension", "SO-LIEU.XLSX", docx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true},
		{"zip", "tai-lieu.zip", docx, "application/zip", true},
		{"zip named .pdf", "bao-cao.pdf", docx, "", false},
		{"zip named .exe", "setup.exe", docx, "", false},
		{"legacy .doc", "cong-van.doc", ole, "application/octet-stream", true},
		{"legacy container named .pdf", "cong-van.pdf", ole, "", false},
		{"exe renamed .pdf", "bao-cao.pdf", exe, "", false},
		{"elf renamed .pdf", "bao-cao.pdf", elf, "", false},
		{"exe renamed .docx", "bao-cao.docx", exe, "", false},
		{"text .txt", "ghi-chu.txt", text, "text/plain; charset=utf-8", true},
		{"text .csv", "so-lieu.csv", []byte("ma,ten\n1,HTX Cam Vinh\n"), "text/plain; charset=utf-8", true},
		{"text named .pdf", "ghi-chu.pdf", text, "", false},
		{"text named .html", "trang.html", text, "", false},
		{"html named .txt", "ghi-chu.txt", []byte("<!DOCTYPE html><script>alert(1)</script>"), "", false},
		{"svg named .png", "anh.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := evidenceType(tc.file, tc.data)
			if ok != tc.wantOK || got != tc.wantType {
				t.Errorf("evidenceType(%q) = %q, %v; want %q, %v", tc.file, got, ok, tc.wantType, tc.wantOK)
			}
		})
	}
}

// formRequest builds a parsed multipart request with one file field.
func formRequest(t *testing.T, fileName string, data []byte) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("note", "x"); err != nil {
		t.Fatal(err)
	}
	if fileName != "-" {
		fw, err := w.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	r := httptest.NewRequest(http.MethodPost, "/tasks/1/progress", &buf)
	r.Header.Set("Content-Type", w.FormDataContentType())
	if err := r.ParseMultipartForm(MaxUpload); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEvidenceFile(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.4\n")
	for _, tc := range []struct {
		name, file string
		data       []byte
		wantName   string
		wantKey    string // error key, "" for none
		wantNil    bool
	}{
		{"no file field", "-", nil, "", "", true},
		{"empty field as browsers send it", "", nil, "", "", true},
		{"pdf", "bao-cao.pdf", pdf, "bao-cao.pdf", "", false},
		{"windows path stripped", `C:\Users\lan\Desktop\Báo cáo.pdf`, pdf, "Báo cáo.pdf", "", false},
		{"unix path stripped", "../../etc/bao-cao.pdf", pdf, "bao-cao.pdf", "", false},
		{"spaces cleaned", "  bao   cao .pdf ", pdf, "bao cao .pdf", "", false},
		{"empty file", "rong.pdf", []byte{}, "", "error.field.file_empty", false},
		{"wrong type", "bao-cao.pdf", []byte("MZ\x90\x00"), "", "error.field.file_type", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := evidenceFile(formRequest(t, tc.file, tc.data))
			if tc.wantKey != "" {
				if err == nil || apperr.As(err).Key != tc.wantKey {
					t.Fatalf("err %v, want key %s", err, tc.wantKey)
				}
				return
			}
			if err != nil {
				t.Fatalf("err %v", err)
			}
			if tc.wantNil {
				if f != nil {
					t.Errorf("file %+v, want none", f)
				}
				return
			}
			if f == nil || f.Name != tc.wantName || !bytes.Equal(f.Data, tc.data) || f.ContentType != "application/pdf" {
				t.Errorf("file %+v, want name %q", f, tc.wantName)
			}
		})
	}
	t.Run("not multipart", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "/tasks/1/progress", nil)
		if f, err := evidenceFile(r); f != nil || err != nil {
			t.Errorf("got %v, %v", f, err)
		}
	})
}

func TestUploadError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		err  error
		code apperr.Code
	}{
		{"max bytes", &http.MaxBytesError{Limit: 10}, apperr.TooLarge},
		{"too large text", errTooLarge{}, apperr.TooLarge},
		{"other", http.ErrNotMultipart, apperr.Invalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := apperr.CodeOf(uploadError(tc.err)); got != tc.code {
				t.Errorf("code %s, want %s", got, tc.code)
			}
		})
	}
}

type errTooLarge struct{}

func (errTooLarge) Error() string { return "multipart: message too large" }
