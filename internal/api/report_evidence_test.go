package api_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// evidenceBody is a multipart body with one file in the field "file".
func evidenceBody(t *testing.T, name string, data []byte) (string, map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), map[string]string{"Content-Type": w.FormDataContentType()}
}

// TestEvidenceThroughAPI: the report's officer uploads a PDF for a line,
// which then points at it and serves it back as a download; the upload
// is audited. A renamed executable, an empty file or one over 10 MiB is
// refused with the field named, as the form refuses them; another
// agency's officer and the leader may not upload; nobody uploads once
// the report is sent; a task without a line is not found; the leader
// reads the file, another agency does not.
func TestEvidenceThroughAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	officer, other, viewer := e.token(financeEmail), e.token(agricultureEmail), e.token(viewerEmail)
	var s report.Submission
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		var err error
		s, err = tx.OpenSubmission(ctx, e.planID, "2026", *e.users[financeEmail].AgencyID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	task := s.Lines[0].TaskID
	path := fmt.Sprintf("/api/v1/reports/%d/lines/%d/evidence", s.ID, task)
	upload := func(tok, name string, data []byte) response {
		body, hdr := evidenceBody(t, name, data)
		return e.do(request{Method: http.MethodPost, Path: path, Token: tok, Body: body, Header: hdr})
	}
	pdf := []byte("%PDF-1.4\n%minh chung giai ngan\n")
	audits := e.app.Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'report' AND action = 'evidence'")
	var got report.Submission
	upload(officer, "biên bản giải ngân.pdf", pdf).must(t, http.StatusCreated).decode(t, &got)
	if got.Lines[0].FileID == nil || got.Lines[0].TaskID != task {
		t.Fatalf("the line does not point at the upload: %+v", got.Lines[0])
	}
	if n := e.app.Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'report' AND action = 'evidence'"); n != audits+1 {
		t.Errorf("%d audit entries for the upload, want 1", n-audits)
	}
	for _, tok := range []string{officer, viewer} {
		r := e.get(path, tok)
		if r.Status != http.StatusOK || !bytes.Equal(r.Body, pdf) || r.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
			t.Errorf("download: %d %q %q", r.Status, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"))
		}
	}
	e.get(path, other).apiErr(t, http.StatusForbidden, "forbidden")

	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 64)...)
	for _, c := range []struct {
		name, file string
		data       []byte
		status     int
		code       string
	}{
		{"an executable named .pdf", "bien-ban.pdf", exe, http.StatusUnprocessableEntity, "validation"},
		{"an empty file", "bien-ban.pdf", nil, http.StatusUnprocessableEntity, "validation"},
		{"over 10 MiB", "bien-ban.pdf", append(append([]byte{}, pdf...), make([]byte, 10<<20)...), http.StatusRequestEntityTooLarge, "too_large"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fe := upload(officer, c.file, c.data).apiErr(t, c.status, c.code)
			if c.code == "validation" && fe.Error.Fields["file"] == "" {
				t.Errorf("the field is not named: %v", fe.Error.Fields)
			}
		})
	}
	upload(other, "x.pdf", pdf).apiErr(t, http.StatusForbidden, "forbidden")
	upload(viewer, "x.pdf", pdf).apiErr(t, http.StatusForbidden, "forbidden")
	e.do(request{Method: http.MethodPost, Path: path, Token: officer, Body: `{"file":"x"}`}).apiErr(t, http.StatusBadRequest, "invalid")
	unknown := fmt.Sprintf("/api/v1/reports/%d/lines/999999/evidence", s.ID)
	body, hdr := evidenceBody(t, "x.pdf", pdf)
	e.do(request{Method: http.MethodPost, Path: unknown, Token: officer, Body: body, Header: hdr}).apiErr(t, http.StatusNotFound, "not_found")
	e.get(unknown, officer).apiErr(t, http.StatusNotFound, "not_found")
	var now report.Submission
	e.get(fmt.Sprintf("/api/v1/reports/%d", s.ID), officer).must(t, http.StatusOK).decode(t, &now)
	if now.Lines[0].FileID == nil || *now.Lines[0].FileID != *got.Lines[0].FileID {
		t.Errorf("a refused upload changed the line's file: %v", now.Lines[0].FileID)
	}

	e.post(fmt.Sprintf("/api/v1/reports/%d/submit", s.ID), officer, "").must(t, http.StatusOK)
	upload(officer, "muon.pdf", pdf).apiErr(t, http.StatusConflict, "conflict")
}
