package consolidated_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/consolidated"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/reportdoc"
	"github.com/hoptac/hoptac/internal/store"
)

func vi(t testing.TB) i18n.Localizer {
	t.Helper()
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return b.For(i18n.Vietnamese)
}

// TestBuildFromReports: the report of 2025 quotes what each agency sent
// (not a draft), sums the budget per task and source, lists the plan's
// targets, counts the rates, and goes out from the coordinator of the day.
func TestBuildFromReports(t *testing.T) {
	t.Parallel()
	s := seed(t, 12, 3)
	ctx := context.Background()
	d, err := consolidated.Build(ctx, s.db, vi(t), s.plan.ID, "2025", clock)
	if err != nil {
		t.Fatal(err)
	}
	r := d.Report
	// On 10/12/2025 Sở Kế hoạch và Đầu tư's role is Sở Tài chính's.
	if r.IssuingBody != "Sở Tài chính" || r.ParentBody != "Ủy ban nhân dân tỉnh Hải Dương" {
		t.Errorf("issuing body %q under %q", r.IssuingBody, r.ParentBody)
	}
	if r.Place != "Hải Dương" || !r.Date.Equal(*day(2025, 12, 10)) || r.Number != "…/BC" {
		t.Errorf("place %q, date %s, number %q", r.Place, r.Date, r.Number)
	}
	if r.Subject != "Kết quả thực hiện Kế hoạch phát triển kinh tế tập thể năm 2025, năm 2025" {
		t.Errorf("subject %q", r.Subject)
	}
	if len(r.Groups) != 2 || r.Groups[0].Title != "I. Nhóm nhiệm vụ phát triển hợp tác xã số 1" || len(r.Groups[0].Tasks) != 10 || len(r.Groups[1].Tasks) != 2 {
		t.Fatalf("groups %+v", r.Groups)
	}
	first := r.Groups[0].Tasks[0]
	if first.Code != "I.1" || first.Title != "Nhiệm vụ số 1: hỗ trợ hợp tác xã ứng dụng công nghệ cao" || first.Status == "" {
		t.Errorf("first task %+v", first)
	}
	if len(first.Reports) != 1 || first.Reports[0].Agency != "Ủy ban nhân dân huyện số 01" ||
		!strings.Contains(first.Reports[0].Text, "đã mở lớp tập huấn") || !strings.Contains(first.Reports[0].Text, "3 lớp, 120 học viên") {
		t.Errorf("first task's words %+v", first.Reports)
	}
	// Task 3 is the third agency's, whose report is a draft: no words.
	if third := r.Groups[0].Tasks[2]; len(third.Reports) != 0 {
		t.Errorf("a draft's words reached the report: %+v", third.Reports)
	}
	// 12 tasks: agencies 1 and 2 sent 8 lines (tasks 1,2,4,5,7,8,10,11).
	if len(r.Budget) != 8 {
		t.Fatalf("budget has %d lines, want 8: %+v", len(r.Budget), r.Budget)
	}
	b := r.Budget[0]
	if b.Item != "I.1. Nhiệm vụ số 1: hỗ trợ hợp tác xã ứng dụng công nghệ cao" || b.Source != "Ngân sách địa phương" ||
		b.Estimated != 1_000_000 || b.Allocated != 800_000 || b.Spent != 500_000 {
		t.Errorf("first budget line %+v", b)
	}
	if len(r.Targets) != 1 || r.Targets[0].Planned != "> 50%" {
		t.Errorf("targets %+v", r.Targets)
	}
	// Three reports expected for 2025, two sent, both on time.
	if r.Rates != (reportdoc.Rates{Expected: 3, Submitted: 2, OnTime: 2}) {
		t.Errorf("rates %+v", r.Rates)
	}
	if len(r.Recipients) != 2 || r.Recipients[0] != "Ủy ban nhân dân tỉnh Hải Dương (để báo cáo);" {
		t.Errorf("recipients %q", r.Recipients)
	}
	for _, f := range consolidated.Formats() {
		var buf bytes.Buffer
		if err := d.Write(&buf, f); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %v (%d bytes)", f, err, buf.Len())
		}
	}
}

// TestSentDraftJoinsBudget: once the draft is sent, its money joins the
// budget table (the sums per task are TestBodySumsBudgetPerTaskAndSource's).
func TestSentDraftJoinsBudget(t *testing.T) {
	t.Parallel()
	s := seed(t, 2, 2)
	ctx := context.Background()
	// The draft of agency 2 is sent now: both tasks have a line.
	must(t, s.db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ActOnSubmission(ctx, s.draft, report.Submit, "")
		return err
	}))
	d, err := consolidated.Build(ctx, s.db, vi(t), s.plan.ID, "2025", clock)
	if err != nil {
		t.Fatal(err)
	}
	var est int64
	for _, b := range d.Report.Budget {
		est += b.Estimated
	}
	if len(d.Report.Budget) != 2 || est != 2_000_000 {
		t.Errorf("budget %+v", d.Report.Budget)
	}
}

// TestNarrativeOverridesDefaults: what the coordinator saved prints; a
// field left empty takes the generated text; the day of issue decides
// the issuing body (before the merger, Sở Kế hoạch và Đầu tư).
func TestNarrativeOverridesDefaults(t *testing.T) {
	t.Parallel()
	s := seed(t, 3, 2)
	ctx := context.Background()
	n := report.Narrative{PlanID: s.plan.ID, Period: "2025", Number: " 15/BC-SKHĐT ", IssuedOn: day(2025, 2, 20),
		Summary: "Tình hình chung:\r\nnăm 2025 thuận lợi.", Proposals: "Đề nghị bổ sung kinh phí.",
		Recipients: []string{"Như trên;", "", "Lưu: VT, KTTT."}, SignerTitle: "Giám đốc", SignerName: "Nguyễn Văn An"}
	must(t, s.db.Update(ctx, func(tx *store.Tx) error { return tx.SaveConsolidatedNarrative(ctx, &n) }))
	d, err := consolidated.Build(ctx, s.db, vi(t), s.plan.ID, "2025", clock)
	if err != nil {
		t.Fatal(err)
	}
	r := d.Report
	if !d.Saved || r.Number != "15/BC-SKHĐT" || r.IssuingBody != "Sở Kế hoạch và Đầu tư" || !r.Date.Equal(*day(2025, 2, 20)) {
		t.Errorf("saved %v, number %q, body %q, date %s", d.Saved, r.Number, r.IssuingBody, r.Date)
	}
	if r.Introduction != "Tình hình chung:\nnăm 2025 thuận lợi." || r.Closing != "Đề nghị bổ sung kinh phí." {
		t.Errorf("introduction %q, closing %q", r.Introduction, r.Closing)
	}
	if r.Place != "Hải Dương" || !strings.HasPrefix(r.Subject, "Kết quả thực hiện") {
		t.Errorf("defaults lost: place %q, subject %q", r.Place, r.Subject)
	}
	if strings.Join(r.Recipients, "|") != "Như trên;|Lưu: VT, KTTT." || r.Signature.Name != "Nguyễn Văn An" {
		t.Errorf("recipients %q, signature %+v", r.Recipients, r.Signature)
	}
	// Saving again replaces the row.
	n.Number = "16/BC-STC"
	must(t, s.db.Update(ctx, func(tx *store.Tx) error { return tx.SaveConsolidatedNarrative(ctx, &n) }))
	got, ok, err := s.db.ConsolidatedNarrative(ctx, s.plan.ID, "2025")
	if err != nil || !ok || got.Number != "16/BC-STC" {
		t.Errorf("after a second save: %+v %v %v", got, ok, err)
	}
}

// TestNarrativeRefused: bad input names its field and stores nothing.
func TestNarrativeRefused(t *testing.T) {
	t.Parallel()
	s := seed(t, 1, 1)
	ctx := context.Background()
	cases := []struct {
		name  string
		n     report.Narrative
		field string
	}{
		{"control character", report.Narrative{Period: "2025", Number: "15\x00/BC"}, "number"},
		{"too long", report.Narrative{Period: "2025", Summary: strings.Repeat("á", report.MaxTextLen+1)}, "summary"},
		{"bad period", report.Narrative{Period: "2025-Q9"}, "period"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.n.PlanID = s.plan.ID
			err := s.db.Update(ctx, func(tx *store.Tx) error { return tx.SaveConsolidatedNarrative(ctx, &c.n) })
			if e := apperr.As(err); e.Code != apperr.Validation || e.Fields[c.field] == "" {
				t.Fatalf("err = %v, want a field error on %s", err, c.field)
			}
			if _, ok, _ := s.db.ConsolidatedNarrative(ctx, s.plan.ID, "2025"); ok {
				t.Error("a refused narrative was stored")
			}
		})
	}
	// A period without a schedule of its frequency has no report.
	n := report.Narrative{PlanID: s.plan.ID, Period: "2025-Q1"}
	err := s.db.Update(ctx, func(tx *store.Tx) error { return tx.SaveConsolidatedNarrative(ctx, &n) })
	if apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("quarter without a schedule: %v", err)
	}
	if _, err := consolidated.Build(ctx, s.db, vi(t), s.plan.ID, "2025-Q1", clock); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("Build of a quarter without a schedule: %v", err)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]consolidated.Format{"docx": consolidated.DOCX, " PDF ": consolidated.PDF, "xlsx": consolidated.XLSX} {
		if got, err := consolidated.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := consolidated.ParseFormat("doc"); err == nil {
		t.Error("doc accepted")
	}
}

func TestPeriodName(t *testing.T) {
	l := vi(t)
	for key, want := range map[string]string{"2025": "năm 2025", "2025-H1": "6 tháng đầu năm 2025", "2025-H2": "6 tháng cuối năm 2025",
		"2025-Q3": "quý III năm 2025", "2025-M07": "tháng 7 năm 2025"} {
		p, err := report.ParsePeriod(key)
		if err != nil {
			t.Fatal(err)
		}
		if got := consolidated.PeriodName(l, p); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
}
