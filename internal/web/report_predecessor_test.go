package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/store"
)

// TestSuccessorReadsPredecessorReports: Sở Kế hoạch và Đầu tư's 2024
// report, with its evidence, is unreadable to Sở Tài chính's officer the
// day before 01/03/2025 and readable, only read, from that day on: the
// tracking page lists it, the page shows it without the form, the
// evidence downloads, and saving or sending it is refused. An unrelated
// agency's officer never reads it.
func TestSuccessorReadsPredecessorReports(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	clock := apptest.NewClock(time.Date(2025, 2, 28, 23, 30, 0, 0, ict))
	e := newEnvAt(t, clock.Now)
	ctx := context.Background()
	khdt := e.app.AgencyID("Sở Kế hoạch và Đầu tư")
	var id, fileID int64
	pdf := []byte("%PDF-1.4\n%bao cao 2024 cua So KH&DT\n")
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		s, err := tx.OpenSubmission(ctx, e.planID, "2024", khdt)
		if err != nil {
			return err
		}
		if len(s.Lines) == 0 {
			return fmt.Errorf("Sở Kế hoạch và Đầu tư's 2024 report has no line")
		}
		f := store.File{Name: "bien-ban-2024.pdf", ContentType: "application/pdf", Data: pdf}
		if err := tx.AttachReportFile(ctx, s.ID, s.Lines[0].TaskID, &f); err != nil {
			return err
		}
		s.Lines[0].FileID, s.Narrative = &f.ID, "Báo cáo năm 2024 của Sở Kế hoạch và Đầu tư"
		id, fileID = s.ID, f.ID
		return tx.SaveSubmission(ctx, &s)
	})
	if err != nil {
		t.Fatal(err)
	}
	path := pathf("/reports/%d", id)
	file := pathf("%s/files/%d", path, fileID)
	tracking := pathf("/plans/%d/reports?period=2024", e.planID)
	successor, unrelated := e.login(financeEmail), e.login(agricultureEmail)

	for _, c := range []struct {
		name string
		at   time.Time
		read bool
	}{
		{"the day before the succession", time.Date(2025, 2, 28, 23, 30, 0, 0, ict), false},
		{"the day of the succession", time.Date(2025, 3, 1, 0, 30, 0, 0, ict), true},
		{"a year on", time.Date(2026, 3, 1, 9, 0, 0, 0, ict), true},
	} {
		clock.Add(c.at.Sub(clock.Now()))
		t.Run(c.name, func(t *testing.T) {
			want := http.StatusForbidden
			if c.read {
				want = http.StatusOK
			}
			resp, body := e.get(successor, path)
			if resp.StatusCode != want {
				t.Fatalf("the successor's officer reads the report: %d, want %d", resp.StatusCode, want)
			}
			if c.read && (!strings.Contains(body, "Báo cáo năm 2024 của Sở Kế hoạch và Đầu tư") ||
				strings.Contains(body, `id="report-form"`) || strings.Contains(body, `id="report-review"`)) {
				t.Error("the predecessor's report is not shown read only")
			}
			if resp, got := e.get(successor, file); resp.StatusCode != want || c.read && got != string(pdf) {
				t.Errorf("the successor's officer reads the evidence: %d, want %d", resp.StatusCode, want)
			}
			listed := strings.Contains(e.page(successor, tracking), `href="`+path+`"`)
			if listed != c.read {
				t.Errorf("the tracking page links the predecessor's report: %v, want %v", listed, c.read)
			}
			fields := map[string]string{"narrative": "sửa hộ", "action": "submit"}
			if resp, _ := e.reportForm(successor, path, fields, nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("the successor's officer wrote the predecessor's report: %d", resp.StatusCode)
			}
			for _, p := range []string{path, file} {
				if resp, _ := e.get(unrelated, p); resp.StatusCode != http.StatusForbidden {
					t.Errorf("an unrelated agency's officer reads %s: %d", p, resp.StatusCode)
				}
			}
			if strings.Contains(e.page(unrelated, tracking), `href="`+path+`"`) {
				t.Error("the tracking page links the report for an unrelated agency's officer")
			}
		})
	}
	if s := e.submission(path); s.Narrative != "Báo cáo năm 2024 của Sở Kế hoạch và Đầu tư" || s.State != "draft" {
		t.Errorf("the report changed: %q %s", s.Narrative, s.State)
	}
}
