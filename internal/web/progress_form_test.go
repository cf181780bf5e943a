package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
)

func postRequest(v url.Values) *http.Request {
	r := httptest.NewRequest("POST", "/tasks/7/progress", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// TestProgressFormParse: the form is read once into its struct, refills the
// page with exactly what was typed, and gives the entry to record.
func TestProgressFormParse(t *testing.T) {
	t.Parallel()
	fifty := 50
	for _, tc := range []struct {
		name      string
		form      url.Values
		want      plan.Progress
		wantField map[string]string // field -> message key
	}{
		{"every field", url.Values{"status": {"in_progress"}, "percent": {" 50 "}, "note": {" Đã họp "},
			"evidence_url": {"https://a.vn"}},
			plan.Progress{TaskID: 7, Status: plan.StatusInProgress, Percent: &fifty, Note: " Đã họp ",
				EvidenceURL: "https://a.vn"}, nil},
		{"percent left empty", url.Values{"status": {"done"}, "percent": {"  "}},
			plan.Progress{TaskID: 7, Status: plan.StatusDone}, nil},
		{"status left empty", url.Values{"note": {"Ghi chú"}},
			plan.Progress{TaskID: 7, Note: "Ghi chú"}, nil},
		{"percent not a number", url.Values{"status": {"in_progress"}, "percent": {"năm mươi"}},
			plan.Progress{}, map[string]string{"percent": "error.field.percent"}},
		{"percent with a decimal", url.Values{"status": {"in_progress"}, "percent": {"50.5"}},
			plan.Progress{}, map[string]string{"percent": "error.field.percent"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseProgressForm(postRequest(tc.form))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			for field, v := range f.Values() {
				if v != tc.form.Get(field) {
					t.Errorf("refill %s = %q, want %q as typed", field, v, tc.form.Get(field))
				}
			}
			fe := f.Validate()
			if len(fe) != len(tc.wantField) {
				t.Errorf("Validate = %v, want %v", fe, tc.wantField)
			}
			for field, key := range tc.wantField {
				if fe[field] != key {
					t.Errorf("Validate[%s] = %q, want %q", field, fe[field], key)
				}
			}
			if len(tc.wantField) > 0 {
				return
			}
			got := f.Progress(7)
			if got.TaskID != tc.want.TaskID || got.Status != tc.want.Status || got.Note != tc.want.Note ||
				got.EvidenceURL != tc.want.EvidenceURL || (got.Percent == nil) != (tc.want.Percent == nil) ||
				got.Percent != nil && *got.Percent != *tc.want.Percent {
				t.Errorf("Progress = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestProgressFormFile: a file that cannot be used is a message beside the
// file field, the other fields still refilled; a broken request is an
// error of its own, not a field's.
func TestProgressFormFile(t *testing.T) {
	t.Parallel()
	multipartRequest := func(fileName string, data []byte) *http.Request {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		if err := mw.WriteField("status", "in_progress"); err != nil {
			t.Fatal(err)
		}
		if err := mw.WriteField("note", "Kèm tệp"); err != nil {
			t.Fatal(err)
		}
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("POST", "/tasks/7/progress", &b)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		return r
	}
	t.Run("empty file", func(t *testing.T) {
		f, err := parseProgressForm(multipartRequest("rong.pdf", nil))
		if err != nil {
			t.Fatal(err)
		}
		if fe := f.Validate(); fe["file"] != "error.field.file_empty" || len(fe) != 1 {
			t.Errorf("Validate = %v, want the file refused as empty", fe)
		}
		if f.Values()["note"] != "Kèm tệp" {
			t.Errorf("note not kept: %q", f.Values()["note"])
		}
	})
	t.Run("a file", func(t *testing.T) {
		f, err := parseProgressForm(multipartRequest("bao-cao.txt", []byte("Báo cáo quý")))
		if err != nil {
			t.Fatal(err)
		}
		if fe := f.Validate(); len(fe) != 0 {
			t.Errorf("Validate = %v", fe)
		}
		if f.File == nil || string(f.File.Data) != "Báo cáo quý" {
			t.Errorf("file = %+v", f.File)
		}
	})
	t.Run("broken multipart", func(t *testing.T) {
		r := httptest.NewRequest("POST", "/tasks/7/progress", strings.NewReader("--x\r\nnot a part"))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		if _, err := parseProgressForm(r); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("err = %v, want invalid", err)
		}
	})
}
