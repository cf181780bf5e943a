package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestConsolidatedEditor: the coordinator opens the draft of 2026, sees
// the finance department's words on its tasks, edits the narrative and
// downloads the three files; a bad field is named and nothing is saved.
func TestConsolidatedEditor(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	officer, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	err = e.db.Update(ctx, func(tx *store.Tx) error {
		uctx := auth.WithUser(ctx, &officer)
		s, err := tx.OpenSubmission(uctx, e.planID, "2026", e.financeID)
		if err != nil {
			return err
		}
		for i := range s.Lines {
			s.Lines[i].Done = "Đã hướng dẫn hợp tác xã lập dự toán"
			s.Lines[i].Estimated, s.Lines[i].Source = 2_500_000, report.SourceState
		}
		if err := tx.SaveSubmission(uctx, &s); err != nil {
			return err
		}
		_, err = tx.ActOnSubmission(uctx, s.ID, report.Submit, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	coord := e.login(coordinatorEmail)
	base := pathf("/plans/%d/consolidated/2026", e.planID)
	body := e.page(coord, base)
	for _, want := range []string{`id="issuing-body">Sở Tài chính<`, `name="subject" value="Kết quả thực hiện`, "năm 2026",
		`href="` + base + `.docx"`, `href="` + base + `.pdf"`, "Sở Tài chính</td>", "2.500.000", "Ngân sách trung ương",
		`<button type="submit">Lưu phần lời văn</button>`} {
		if !strings.Contains(body, want) {
			t.Errorf("editor lacks %q", want)
		}
	}

	form := url.Values{"number": {"15/BC-STC"}, "place": {"Hải Phòng"}, "issued_on": {"2026-12-18"},
		"summary": {"Năm 2026, các cơ quan đã triển khai đồng bộ."}, "recipients": {"Như trên;\r\nLưu: VT, KTTT."},
		"signer_title": {"Giám đốc"}, "signer_name": {"Trần Thị Bình"}}
	if resp, _ := e.postForm(coord, base, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	body = e.page(coord, base)
	for _, want := range []string{`value="15/BC-STC"`, `value="2026-12-18"`, "Năm 2026, các cơ quan đã triển khai đồng bộ.", "Như trên;\nLưu: VT, KTTT.", "Đã lưu phần lời văn"} {
		if !strings.Contains(body, want) {
			t.Errorf("after saving, the editor lacks %q", want)
		}
	}

	magic := map[string][]byte{"docx": []byte("PK\x03\x04"), "xlsx": []byte("PK\x03\x04"), "pdf": []byte("%PDF-")}
	for ext, m := range magic {
		resp, err := coord.Get(e.ts.URL + base + "." + ext)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(b, m) ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "bao-cao-tong-hop-") {
			t.Errorf("%s: %d, %q, starts %q", ext, resp.StatusCode, resp.Header.Get("Content-Disposition"), b[:min(8, len(b))])
		}
	}

	// Bad input: the fields are named, the saved narrative stays.
	for field, v := range map[string]url.Values{
		"issued_on": {"issued_on": {"18/12/2026"}},
		"number":    {"number": {"15\x00/BC"}},
		"summary":   {"summary": {strings.Repeat("á", report.MaxTextLen+1)}},
	} {
		resp, body := e.postForm(coord, base, v)
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, field) == "" {
			t.Errorf("%s: %d, error %q", field, resp.StatusCode, fieldError(body, field))
		}
	}
	if n, _, _ := e.db.ConsolidatedNarrative(ctx, e.planID, "2026"); n.Number != "15/BC-STC" {
		t.Errorf("a refused form changed the narrative: %+v", n)
	}

	for _, bad := range []string{base + ".doc", pathf("/plans/%d/consolidated/2026-Q9", e.planID),
		pathf("/plans/%d/consolidated/2026-Q1.pdf", e.planID), "/plans/999999/consolidated/2026"} {
		if resp, _ := e.get(coord, bad); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, resp.StatusCode)
		}
	}
}

// TestConsolidatedRoles: a leader reads the draft and downloads it but
// cannot edit; an agency officer, who sees only its own agency's reports,
// gets neither.
func TestConsolidatedRoles(t *testing.T) {
	e := newEnv(t)
	base := pathf("/plans/%d/consolidated/2026", e.planID)
	viewer := e.login(viewerEmail)
	body := e.page(viewer, base)
	if !strings.Contains(body, "<fieldset disabled>") || strings.Contains(body, "Lưu phần lời văn</button>") {
		t.Error("the leader's page is editable")
	}
	if resp, _ := e.get(viewer, base+".pdf"); resp.StatusCode != http.StatusOK {
		t.Errorf("leader's download: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(viewer, base, url.Values{"number": {"1/BC"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader's save: %d", resp.StatusCode)
	}
	officer := e.login(financeEmail)
	for _, p := range []string{base, base + ".docx"} {
		if resp, _ := e.get(officer, p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("officer %s: %d", p, resp.StatusCode)
		}
	}
}
