package reportdoc

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
)

// labels returns the labels of a language from the real message files.
func labels(t testing.TB, lang string) Labels {
	t.Helper()
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return NewLabels(b.For(lang))
}

// decomposed is "Đào tạo nghề" in NFD, as a Mac or a PDF copy sends it;
// every writer must print it as the composed word.
const decomposed = "Đa\u0300o ta\u0323o nghê\u0300"

// small is a report with one of everything, including a task title in
// NFD, a multi-line agency text and a character XML cannot carry.
func small(t testing.TB) Report {
	return Report{
		Labels:       labels(t, i18n.Vietnamese),
		ParentBody:   "Ủy ban nhân dân thành phố Hải Phòng",
		IssuingBody:  "Sở Tài chính",
		Number:       "123/BC-STC",
		Place:        "Hải Phòng",
		Date:         time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC),
		Subject:      "Kết quả thực hiện Kế hoạch phát triển kinh tế tập thể năm 2025",
		Introduction: "Thực hiện Kế hoạch số 45/KH-UBND,\nSở Tài chính báo cáo như sau:",
		Groups: []Group{{
			Title: "1. Tuyên truyền, nâng cao nhận thức",
			Tasks: []Task{
				{Code: "1.1", Title: decomposed + " cho cán bộ hợp tác xã", Status: "Đang thực hiện",
					Reports: []AgencyReport{{Agency: "Sở Nông nghiệp và Môi trường", Text: "Đã mở 3 lớp <học> & tập huấn\x00.\nCòn 1 lớp."}}},
				{Code: "1.2", Title: "Hỗ trợ thành lập mới hợp tác xã", Status: "Chưa triển khai"},
			},
		}},
		Targets: []Target{{Text: "Trên 50% cán bộ quản lý HTX được đào tạo", Planned: "> 50%", Achieved: "42,5%", Assessment: "Chưa đạt"}},
		Budget: []BudgetLine{
			{Item: "1.1. Đào tạo", Source: "Ngân sách địa phương", Estimated: 1234567, Allocated: 1000000, Spent: 987654},
			{Item: "1.2. Thành lập", Source: "Nguồn khác", Estimated: 2000000, Allocated: 0, Spent: 0},
		},
		Rates:      Rates{Expected: 30, Submitted: 28, OnTime: 25},
		Closing:    "Trên đây là báo cáo của Sở Tài chính.",
		Recipients: []string{"UBND thành phố (để b/c);", "Lưu: VT, KTTT."},
		Signature:  Signature{Authority: "kt. giám đốc", Title: "Phó Giám đốc", Name: "Nguyễn Văn An"},
	}
}

// big is the benchmark's report: tasks spread over groups, and reports
// agencies wrote on them, each a few sentences long.
func big(t testing.TB, tasks, agencyReports int) Report {
	r := small(t)
	r.Groups = nil
	r.Budget = nil
	words := strings.Repeat("Đã tổ chức hội nghị tuyên truyền, hướng dẫn hợp tác xã xây dựng phương án sản xuất, kinh doanh. ", 4)
	for i := range tasks {
		if i%10 == 0 {
			r.Groups = append(r.Groups, Group{Title: fmt.Sprintf("Nhóm nhiệm vụ %d: phát triển hợp tác xã nông nghiệp", i/10+1)})
		}
		g := &r.Groups[len(r.Groups)-1]
		task := Task{Code: fmt.Sprintf("%d.%d", i/10+1, i%10+1), Title: fmt.Sprintf("Nhiệm vụ số %d: hỗ trợ hợp tác xã ứng dụng công nghệ cao", i+1), Status: "Đang thực hiện"}
		// Each agency report covers every task it leads: 30 agencies
		// spread over 100 tasks give each task about one agency's words.
		for a := range agencyReports {
			if a%tasks == i%agencyReports%tasks && (i+a)%3 == 0 || a == i%agencyReports {
				task.Reports = append(task.Reports, AgencyReport{Agency: fmt.Sprintf("Ủy ban nhân dân huyện số %d", a+1), Text: words})
			}
		}
		g.Tasks = append(g.Tasks, task)
		r.Budget = append(r.Budget, BudgetLine{Item: task.Code + ". " + task.Title, Source: "Ngân sách tỉnh", Estimated: int64(i+1) * 150_000_000, Allocated: int64(i+1) * 100_000_000, Spent: int64(i+1) * 75_000_000})
	}
	for i := range 20 {
		r.Targets = append(r.Targets, Target{Text: fmt.Sprintf("Chỉ tiêu %d: số hợp tác xã thành lập mới đạt tiêu chuẩn", i+1), Planned: "≥ 100", Achieved: "87", Assessment: "Chưa đạt"})
	}
	r.Rates = Rates{Expected: agencyReports, Submitted: agencyReports, OnTime: agencyReports - 2}
	return r
}

func TestPrepareRefusesBadInput(t *testing.T) {
	writers := map[string]func(*bytes.Buffer, Report) error{
		"docx": func(b *bytes.Buffer, r Report) error { return WriteDOCX(b, r) },
		"xlsx": func(b *bytes.Buffer, r Report) error { return WriteXLSX(b, r) },
		"pdf":  func(b *bytes.Buffer, r Report) error { return WritePDF(b, r) },
	}
	tests := []struct {
		name  string
		edit  func(*Report)
		field string
	}{
		{"no labels", func(r *Report) { r.Labels = Labels{} }, "labels"},
		{"one label missing", func(r *Report) { r.Labels.Country = "" }, "labels"},
		{"no issuing body", func(r *Report) { r.IssuingBody = " \u200b " }, "issuing_body"},
		{"no number", func(r *Report) { r.Number = "" }, "number"},
		{"no place", func(r *Report) { r.Place = "" }, "place"},
		{"no subject", func(r *Report) { r.Subject = "" }, "subject"},
		{"no date", func(r *Report) { r.Date = time.Time{} }, "date"},
		{"task without title", func(r *Report) { r.Groups[0].Tasks[1].Title = "" }, "groups.tasks.title"},
		{"negative money", func(r *Report) { r.Budget[0].Spent = -1 }, "budget"},
		{"total past int64", func(r *Report) { r.Budget[1].Estimated = math.MaxInt64 }, "budget"},
		{"more submitted than expected", func(r *Report) { r.Rates.Submitted = 31 }, "rates"},
		{"more on time than submitted", func(r *Report) { r.Rates.OnTime = 29 }, "rates"},
		{"negative count", func(r *Report) { r.Rates = Rates{Expected: -1, Submitted: -1, OnTime: -1} }, "rates"},
	}
	for _, tc := range tests {
		for format, write := range writers {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				r := small(t)
				tc.edit(&r)
				var buf bytes.Buffer
				err := write(&buf, r)
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Code != apperr.Validation {
					t.Fatalf("err = %v, want a validation error", err)
				}
				if _, ok := ae.Fields[tc.field]; !ok {
					t.Errorf("fields %v do not name %q", ae.Fields, tc.field)
				}
				if buf.Len() != 0 {
					t.Errorf("%d bytes written for a refused report", buf.Len())
				}
			})
		}
	}
}

func TestPlaceDate(t *testing.T) {
	tests := []struct {
		date time.Time
		lang string
		want string
	}{
		{time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), i18n.Vietnamese, "Hải Phòng, ngày 15 tháng 12 năm 2025"},
		// Decree 30: a 0 before days under 10 and the months 1 and 2.
		{time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC), i18n.Vietnamese, "Hải Phòng, ngày 05 tháng 02 năm 2026"},
		{time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), i18n.Vietnamese, "Hải Phòng, ngày 10 tháng 01 năm 2026"},
		{time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), i18n.Vietnamese, "Hải Phòng, ngày 09 tháng 3 năm 2026"},
		{time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), i18n.English, "Hải Phòng, 09/3/2026"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			r := small(t)
			r.Labels = labels(t, tc.lang)
			r.Date = tc.date
			p, err := prepare(r)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.placeDate(); got != tc.want {
				t.Errorf("placeDate = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPrepareNormalises(t *testing.T) {
	p, err := prepare(small(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Groups[0].Tasks[0].Title; !strings.HasPrefix(got, "Đào tạo nghề") {
		t.Errorf("title not in NFC: %q", got)
	}
	if p.IssuingBody != "SỞ TÀI CHÍNH" || p.ParentBody != "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" {
		t.Errorf("bodies not in capitals: %q, %q", p.IssuingBody, p.ParentBody)
	}
	if p.Signature.Authority != "KT. GIÁM ĐỐC" || p.Signature.Title != "PHÓ GIÁM ĐỐC" {
		t.Errorf("signature not in capitals: %+v", p.Signature)
	}
	if got := p.Groups[0].Tasks[0].Reports[0].Text; strings.ContainsRune(got, 0) {
		t.Errorf("NUL kept: %q", got)
	}
	if p.total != (budgetTotal{3234567, 1000000, 987654}) {
		t.Errorf("total = %+v", p.total)
	}
	if got := rateLines(p); got[0] != "Tỷ lệ báo cáo: 93,3% (28/30 báo cáo đã nộp)." || got[1] != "Tỷ lệ báo cáo đúng hạn: 83,3% (25/30 báo cáo nộp đúng hạn)." {
		t.Errorf("rates = %q", got)
	}
}
