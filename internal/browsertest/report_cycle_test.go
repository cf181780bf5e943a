package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
)

// The reporting cycle in a real browser: the finance officer opens its
// 2026 report from the tracking page, fills a task's figures and budget
// (typed the Vietnamese way) with an evidence file and sends it; the
// coordinator returns it with a comment; the officer reads the comment,
// corrects and sends it again; the coordinator accepts it, and the
// report is locked. Once with JavaScript, once without: the form and the
// review are plain forms.
func TestReportCycle(t *testing.T) { reportCycle(t) }

func TestReportCycleWithoutJavaScript(t *testing.T) { reportCycle(t, WithoutJavaScript()) }

func reportCycle(t *testing.T, opts ...Option) {
	app, b := NewApp(t), NewBrowser(t)
	officer := b.NewSession(t, app.URL, opts...)
	officer.Login(OfficerEmail, app.Password(OfficerEmail))
	coord := b.NewSession(t, app.URL, opts...)
	coord.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	returnAndAccept(t, app, officer, coord)
}

// returnAndAccept walks the finance department's 2026 report from its
// draft to its acceptance, the officer and the coordinator logged in:
// sent, returned with a comment (first refused without one), corrected
// and sent again, accepted and locked. It returns the report's path.
func returnAndAccept(t *testing.T, app *App, officer, coord *Session) string {
	t.Helper()
	evidenceFile := filepath.Join(t.TempDir(), "Biên bản kiểm tra.pdf")
	if err := os.WriteFile(evidenceFile, []byte("%PDF-1.4\n%bien ban\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tracking := fmt.Sprintf("/plans/%d/reports?period=2026", app.PlanID)
	state := func(s *Session, want report.State) {
		s.t.Helper()
		if got := s.Text("#report-state"); got != s.T("report.state."+string(want)) {
			s.Fatalf("report state %q, want %s", got, want)
		}
	}
	const form = "#report-form"

	officer.Visit(tracking)
	p := officer.Click("form.open-report button")
	reportPath := p.Path()
	if !strings.HasPrefix(reportPath, "/reports/") {
		officer.Fatalf("opening the report led to %s", reportPath)
	}
	state(officer, report.Draft)
	if officer.Count(form+" fieldset.report-line") == 0 {
		officer.Fatalf("the draft has no task lines")
	}
	officer.Fill(form, map[string]string{
		"lines.1.figures": "4 hợp tác xã được hỗ trợ", "lines.1.budget_estimated": "2.000.000.000",
		"lines.1.budget_allocated": "1.500.000.000", "lines.1.budget_spent": "1.234.567",
		"lines.1.budget_source": "local", "lines.1.file": evidenceFile,
		"narrative": "Cơ bản hoàn thành nhiệm vụ năm 2026.", "difficulties": "Nguồn vốn đối ứng hạn chế.",
	})
	officer.Click("#report-submit")
	state(officer, report.Submitted)
	officer.MustContain("#report-lines", "1.234.567")
	officer.MustContain("#report-lines", "Biên bản kiểm tra.pdf")
	if officer.Has(form) {
		officer.Fatalf("the sent report is still a form for its officer")
	}

	coord.Visit(tracking)
	coord.Click(fmt.Sprintf(`a[href=%q]`, reportPath))
	coord.MustContain("#report-narrative", "Cơ bản hoàn thành nhiệm vụ năm 2026.")
	coord.Expect(422)
	coord.Click("#report-return") // no comment: refused, the field named
	coord.MustContain("#comment-error", coord.T("error.field.required"))
	coord.Fill(`form[action$="/review"]`, map[string]string{"comment": "Đề nghị bổ sung số liệu giải ngân quý IV."})
	coord.Click("#report-return")
	state(coord, report.Returned)

	officer.Visit(reportPath)
	state(officer, report.Returned)
	officer.MustContain("#report-history", "Đề nghị bổ sung số liệu giải ngân quý IV.")
	officer.Fill(form, map[string]string{"lines.1.budget_spent": "1.734.567"})
	officer.Click("#report-submit")
	state(officer, report.Resubmitted)

	coord.Visit(reportPath)
	coord.MustContain("#report-lines", "1.734.567")
	coord.Click("#report-accept")
	state(coord, report.Accepted)
	if coord.Has(form) || coord.Has("#report-accept") || !coord.Has("#report-reopen") {
		coord.Fatalf("an accepted report is not locked, or cannot be reopened")
	}

	officer.Visit(reportPath)
	if officer.Has(form) {
		officer.Fatalf("the officer can still edit the accepted report")
	}
	var id int64
	if _, err := fmt.Sscanf(reportPath, "/reports/%d", &id); err != nil {
		t.Fatalf("report path %q: %v", reportPath, err)
	}
	s, err := app.DB.Submission(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if s.State != report.Accepted || s.Lines[0].Spent != 1_734_567 || s.Lines[0].Allocated != 1_500_000_000 ||
		s.Lines[0].FileID == nil || len(s.Events) != 5 {
		t.Fatalf("stored %s, line %+v, %d steps", s.State, s.Lines[0], len(s.Events))
	}
	return reportPath
}
