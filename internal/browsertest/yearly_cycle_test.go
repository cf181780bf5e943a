package browsertest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/smtptest"
)

// TestYearlyCycle: a coordinator runs the whole 2026 reporting cycle in
// the browser, in the order of the year. The administrator points the
// mail settings at an SMTP server; the coordinator opens the period from
// the plan's schedules, sees the departments expected to report, urges
// the two that have sent nothing (their officers receive the e-mail with
// its Vietnamese subject); the finance report is returned once and
// accepted when sent again; an adjustment proposal is accepted; the
// coordinator edits the consolidated report's narrative and downloads it
// as .docx, .xlsx and .pdf.
func TestYearlyCycle(t *testing.T) {
	app, b := NewApp(t), NewBrowser(t)
	box := smtptest.Start(t)
	ctx := context.Background()
	finance, err := app.DB.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		t.Fatal(err)
	}
	farming, err := app.DB.AgencyByName(ctx, "Sở Nông nghiệp và Môi trường")
	if err != nil {
		t.Fatal(err)
	}

	// The mail settings, as an administrator saves them; the outbox's
	// worker reads them, as `hoptac serve` runs it.
	admin := b.NewSession(t, app.URL)
	admin.Login(AdminEmail, app.Password(AdminEmail))
	admin.Visit("/settings/mail")
	admin.FillAndSubmit(`form[action="/settings/mail"]`, map[string]string{"host": box.Host,
		"port": strconv.Itoa(box.Port), "tls": "none", "from": "hoptac@example.org", "from_name": "Hợp tác – Sở Tài chính"})
	admin.MustContain(".flash", admin.T("mail.saved"))
	runMailWorker(t, app)

	// Open the period and see the reports expected.
	coord := b.NewSession(t, app.URL)
	coord.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	coord.Visit(fmt.Sprintf("/plans/%d/schedules", app.PlanID))
	coord.Click(fmt.Sprintf(`#schedules a[href="/plans/%d/reports?period=2026"]`, app.PlanID))
	tracking := fmt.Sprintf("/plans/%d/reports?period=2026", app.PlanID)
	if got := coord.Location(); !strings.HasSuffix(got, tracking) {
		coord.Fatalf("the period's link led to %s", got)
	}
	for _, name := range []string{finance.Name, farming.Name} {
		coord.MustContain("#expected", name)
	}
	if coord.Number("#missing") < 2 {
		coord.Fatalf("missing reports %q, want at least the two departments", coord.Text("#missing"))
	}

	// Urge the departments that have sent nothing.
	for _, a := range []struct {
		id  int64
		msg string
	}{{finance.ID, "Đề nghị gửi báo cáo năm trước 15/12."}, {farming.ID, "Sở chưa gửi báo cáo năm."}} {
		form := fmt.Sprintf(`form.urge:has(input[name="agency"][value="%d"])`, a.id)
		coord.Fill(form, map[string]string{"message": a.msg})
		coord.Click(form + " button")
		coord.MustContain(".flash", coord.T("reports.urge_queued"))
	}
	if n := coord.Count("#expected .urge-count"); n != 2 {
		coord.Fatalf("%d rows count an urge, want 2", n)
	}
	for _, want := range []struct{ to, body string }{
		{OfficerEmail, "Đề nghị gửi báo cáo năm trước 15/12."}, {OtherOfficerEmail, "Sở chưa gửi báo cáo năm."},
	} {
		m := box.Await(t, want.to, StepTimeout)
		if !strings.HasPrefix(m.Subject, "Đôn đốc gửi báo cáo: ") || !strings.Contains(m.Subject, "kỳ 2026, hạn 15/12/2026") {
			t.Errorf("urge to %s: subject %q", want.to, m.Subject)
		}
		if !strings.Contains(m.Body, want.body) {
			t.Errorf("urge to %s lacks its message %q:\n%s", want.to, want.body, m.Body)
		}
	}

	// The finance report: returned once, accepted when sent again.
	officer := b.NewSession(t, app.URL)
	officer.Login(OfficerEmail, app.Password(OfficerEmail))
	reportPath := returnAndAccept(t, app, officer, coord)
	coord.Visit(tracking)
	coord.MustContain(fmt.Sprintf(`#expected tr:has(a[href=%q])`, reportPath), coord.T("report.state.accepted"))

	// An adjustment proposal, accepted.
	proposeAndAccept(t, app, officer, coord)

	// The consolidated report: the narrative edited, then downloaded.
	consolidated := fmt.Sprintf("/plans/%d/consolidated/2026", app.PlanID)
	coord.Visit(consolidated)
	const summary = "Năm 2026 các sở đã hoàn thành phần lớn nhiệm vụ phát triển kinh tế tập thể."
	coord.Fill("#narrative", map[string]string{"number": "125/BC-STC", "summary": summary})
	coord.Click(`#narrative button[type="submit"]`)
	coord.MustContain(".flash", coord.T("consolidated.saved"))
	if got := coord.Text("#summary"); got != summary {
		coord.Fatalf("the saved summary reads %q", got)
	}
	// docx and xlsx are zip files that name their main part; the names
	// stand uncompressed in the zip's headers.
	for _, f := range []struct{ ext, magic, part string }{
		{"docx", "PK\x03\x04", "word/document.xml"}, {"xlsx", "PK\x03\x04", "xl/workbook.xml"}, {"pdf", "%PDF-", "%%EOF"},
	} {
		d := coord.Download(fmt.Sprintf(`#downloads a[href="%s.%s"]`, consolidated, f.ext))
		if !strings.HasSuffix(d.Name, "."+f.ext) || !bytes.HasPrefix(d.Data, []byte(f.magic)) {
			coord.Fatalf("download %s: %q, %d bytes starting %q", f.ext, d.Name, len(d.Data), d.Data[:min(8, len(d.Data))])
		}
		if !bytes.Contains(d.Data, []byte(f.part)) {
			coord.Fatalf("the %s download lacks %s", f.ext, f.part)
		}
		if f.ext == "docx" && !strings.Contains(zipPart(t, d.Data, f.part), summary) {
			coord.Fatalf("the edited summary is not in the .docx")
		}
	}
}

// runMailWorker drains the outbox while the test runs, with the stored
// settings, and stops before the application does.
func runMailWorker(t *testing.T, app *App) {
	t.Helper()
	w := hmail.NewWorker(app.DB, func(string) string { return "" }, apptest.TestLog(t))
	w.Tick = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

// zipPart returns one file of a zip archive as text.
func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(b)
}
