// Package reportdoc writes a plan's consolidated report (báo cáo tổng hợp)
// as .docx, .xlsx and .pdf, in the administrative layout of Decree
// 30/2020/NĐ-CP: issuing body and national motto side by side, number and
// symbol, place and date, title, body, recipients and signature.
//
// It knows nothing of the database: the reporting side fills a Report and
// calls WriteDOCX, WriteXLSX or WritePDF. Every text is normalised to NFC
// (vntext) before it is written, so a decomposed "ệ" from a pasted note
// renders as one glyph in every format.
package reportdoc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Report is one consolidated report, ready to write. Texts are as the
// reader sees them (statuses and budget sources already translated);
// Labels holds the fixed wording of the layout.
type Report struct {
	Labels Labels // NewLabels(localizer): motto, headers, "Nơi nhận"

	ParentBody  string    // "UBND THÀNH PHỐ HẢI PHÒNG" (cơ quan chủ quản), optional
	IssuingBody string    // "Sở Tài chính": written in bold capitals
	Number      string    // "123/BC-STC": written as "Số: 123/BC-STC"
	Place       string    // "Hải Phòng"
	Date        time.Time // the day of issue; only its date counts
	Subject     string    // what follows "BÁO CÁO": "Kết quả thực hiện Kế hoạch … năm 2025"

	Introduction string // narrative; a blank line separates paragraphs
	Groups       []Group
	Targets      []Target
	Budget       []BudgetLine
	Rates        Rates
	Closing      string // narrative after the rates

	Recipients []string // "Như trên;", "Lưu: VT, KTTT."
	Signature  Signature
}

// Group is a task group of the plan with its tasks, in the plan's order.
type Group struct {
	Title string // "Nhóm nhiệm vụ 1: Tuyên truyền, nâng cao nhận thức"
	Tasks []Task
}

// Task is one task's result for the period.
type Task struct {
	Code    string // "1.2"
	Title   string
	Status  string         // translated: "Đang thực hiện"
	Reports []AgencyReport // what each agency wrote, in its own words
}

// AgencyReport is an agency's own words on a task.
type AgencyReport struct {
	Agency string
	Text   string
}

// Target is a row of the targets table; values come formatted
// ("Trên 50%", "42,5%") since a target may be a range or a phrase.
type Target struct {
	Text       string
	Planned    string
	Achieved   string
	Assessment string // "Đạt", "Chưa đạt", …
}

// BudgetLine is a row of the budget table, in đồng.
type BudgetLine struct {
	Item      string // "1.2. Đào tạo cán bộ quản lý HTX"
	Source    string // translated: "Ngân sách địa phương"
	Estimated int64
	Allocated int64
	Spent     int64
}

// Rates are the period's reporting counts (DHIS2's reporting rate).
type Rates struct {
	Expected  int // reports expected in the period
	Submitted int // of them, submitted
	OnTime    int // of them, submitted by the due date
}

// Signature is the signing block at the lower right.
type Signature struct {
	Authority string // "KT. GIÁM ĐỐC" (may be empty when the head signs)
	Title     string // "PHÓ GIÁM ĐỐC"
	Name      string // "Nguyễn Văn A"
}

// budgetTotal is the sum of a budget column.
type budgetTotal struct{ Estimated, Allocated, Spent int64 }

// prepared is a Report checked and normalised, with what every writer
// derives from it computed once.
type prepared struct {
	Report
	total budgetTotal
}

// prepare checks r and returns a normalised copy; it reports every wrong
// field at once as an apperr.Validation error naming the fields.
func prepare(r Report) (*prepared, error) {
	fe := apperr.FieldErrors{}
	if !r.Labels.ok() {
		fe.Add("labels", "error.field.required")
	}
	p := &prepared{Report: r}
	p.ParentBody = upper(r.ParentBody)
	p.IssuingBody = upper(r.IssuingBody)
	p.Number = vntext.Clean(r.Number)
	p.Place = vntext.Clean(r.Place)
	p.Subject = vntext.Clean(r.Subject)
	p.Introduction = text(r.Introduction)
	p.Closing = text(r.Closing)
	for field, v := range map[string]string{"issuing_body": p.IssuingBody, "number": p.Number, "place": p.Place, "subject": p.Subject} {
		if v == "" {
			fe.Add(field, "error.field.required")
		}
	}
	if r.Date.IsZero() {
		fe.Add("date", "error.field.date")
	}
	p.Groups = make([]Group, len(r.Groups))
	for i, g := range r.Groups {
		p.Groups[i] = Group{Title: vntext.Clean(g.Title), Tasks: make([]Task, len(g.Tasks))}
		for j, t := range g.Tasks {
			nt := Task{Code: vntext.Clean(t.Code), Title: vntext.Clean(t.Title), Status: vntext.Clean(t.Status), Reports: make([]AgencyReport, len(t.Reports))}
			if nt.Title == "" {
				fe.Add("groups.tasks.title", "error.field.required")
			}
			for k, a := range t.Reports {
				nt.Reports[k] = AgencyReport{Agency: vntext.Clean(a.Agency), Text: text(a.Text)}
			}
			p.Groups[i].Tasks[j] = nt
		}
	}
	p.Targets = make([]Target, len(r.Targets))
	for i, t := range r.Targets {
		p.Targets[i] = Target{Text: vntext.Clean(t.Text), Planned: vntext.Clean(t.Planned), Achieved: vntext.Clean(t.Achieved), Assessment: vntext.Clean(t.Assessment)}
	}
	p.Budget = make([]BudgetLine, len(r.Budget))
	for i, b := range r.Budget {
		p.Budget[i] = BudgetLine{Item: vntext.Clean(b.Item), Source: vntext.Clean(b.Source), Estimated: b.Estimated, Allocated: b.Allocated, Spent: b.Spent}
		if b.Estimated < 0 || b.Allocated < 0 || b.Spent < 0 {
			fe.Add("budget", "error.field.amount")
			continue
		}
		// A sum past int64 would print as a negative total.
		if !addTo(&p.total.Estimated, b.Estimated) || !addTo(&p.total.Allocated, b.Allocated) || !addTo(&p.total.Spent, b.Spent) {
			fe.Add("budget", "error.field.amount")
		}
	}
	if r.Rates.Expected < 0 || r.Rates.Submitted < 0 || r.Rates.OnTime < 0 ||
		r.Rates.Submitted > r.Rates.Expected || r.Rates.OnTime > r.Rates.Submitted {
		// A rate past 100% is a counting error upstream, never printed.
		fe.Add("rates", "error.field.rates")
	}
	p.Recipients = make([]string, 0, len(r.Recipients))
	for _, s := range r.Recipients {
		if s = vntext.Clean(s); s != "" {
			p.Recipients = append(p.Recipients, s)
		}
	}
	p.Signature = Signature{Authority: upper(r.Signature.Authority), Title: upper(r.Signature.Title), Name: vntext.Clean(r.Signature.Name)}
	p.Labels = r.Labels.normalized()
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// addTo adds v to *sum unless the sum would overflow.
func addTo(sum *int64, v int64) bool {
	if *sum > math.MaxInt64-v {
		return false
	}
	*sum += v
	return true
}

// upper cleans s and writes it in capitals, as Decree 30 sets the issuing
// body, the parent body and the signer's title.
func upper(s string) string { return strings.ToUpper(vntext.Clean(s)) }

// text normalises a narrative: NFC, line breaks unified, each line's
// spaces collapsed, the whole trimmed.
func text(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(vntext.Normalize(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// paragraphs splits a narrative into paragraphs: every non-empty line is
// one, as people type them in a text area.
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// percent is n of d as a Vietnamese percentage with one decimal, "93,3";
// "0" when nothing was expected.
func percent(n, d int) string {
	if d == 0 {
		return "0"
	}
	return vntext.FormatDecimal(float64(n)*100/float64(d), 1)
}

// placeDate writes "Hải Phòng, ngày 05 tháng 02 năm 2025": Decree 30 puts
// a 0 before days under 10 and before the months 1 and 2, so a date
// cannot be altered by adding a digit.
func (p *prepared) placeDate() string {
	d, m, y := p.Date.Day(), int(p.Date.Month()), p.Date.Year()
	day := itoa(d)
	if d < 10 {
		day = "0" + day
	}
	month := itoa(m)
	if m < 3 {
		month = "0" + month
	}
	return fmt.Sprintf(p.Labels.PlaceDate, p.Place, day, month, itoa(y))
}

func itoa(n int) string { return strconv.Itoa(n) }

// tasks counts the report's tasks, for sizing the tables.
func (p *prepared) tasks() int {
	n := 0
	for _, g := range p.Groups {
		n += len(g.Tasks)
	}
	return n
}
