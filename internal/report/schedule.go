package report

import (
	"regexp"
	"strconv"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// DefaultDueAfter is how many days after its window a report is due by
// default: the 20th, five days before Decree 09's deadline for the
// provincial People's Committee to send its own.
const DefaultDueAfter = 6

// Schedule is a plan's reporting schedule: how often its agencies report,
// the window their data covers and when it is due.
type Schedule struct {
	ID        int64     `json:"id"`
	PlanID    int64     `json:"plan_id"`
	Frequency Frequency `json:"frequency"`
	// Cutoff is the day of the month windows start on (1 to 28).
	Cutoff int `json:"cutoff"`
	// DueMD ("12-30") fixes the due day in the window's last month or the
	// one after it; "" means DueAfter days after the window ends.
	DueMD    string `json:"due_md"`
	DueAfter int    `json:"due_after"`
	// Start, End and Due are an ad hoc report's own dates.
	Start *time.Time `json:"start"`
	End   *time.Time `json:"end"`
	Due   *time.Time `json:"due"`
	// IncludeSupport asks supporting agencies for a report too, not only
	// the agencies that lead a task.
	IncludeSupport bool   `json:"include_support"`
	Recipient      string `json:"recipient"`
	Via            string `json:"via"`
	DutyID         *int64 `json:"duty_id"` // the imported duty it came from
}

// NewSchedule is a schedule of frequency f with Decree 09's defaults.
func NewSchedule(f Frequency) Schedule {
	return Schedule{Frequency: f, Cutoff: DefaultCutoff, DueAfter: DefaultDueAfter}
}

var monthDayRE = regexp.MustCompile(`^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)

// Normalize cleans the free text fields.
func (s *Schedule) Normalize() {
	s.Recipient, s.Via = vntext.Clean(s.Recipient), vntext.Clean(s.Via)
}

// Validate names every wrong field.
func (s *Schedule) Validate() error {
	fe := apperr.FieldErrors{}
	if !s.Frequency.Valid() {
		fe.Add("frequency", "error.field.frequency")
	}
	if s.Cutoff < 1 || s.Cutoff > 28 {
		fe.Add("cutoff", "error.field.cutoff")
	}
	if s.DueMD != "" && !validMonthDay(s.DueMD) {
		fe.Add("due_md", "error.field.due_md")
	}
	if s.DueAfter < 0 || s.DueAfter > 366 {
		fe.Add("due_after", "error.field.due_after")
	}
	if s.Frequency == AdHoc {
		// An imported "đột xuất" duty has no dates until the coordinator
		// asks for a report; half a span is a mistake.
		switch {
		case s.Start == nil && s.End == nil:
		case s.Start == nil:
			fe.Add("start", "error.field.required")
		case s.End == nil:
			fe.Add("end", "error.field.required")
		case s.End.Before(*s.Start):
			fe.Add("end", "error.field.end_before_start")
		case s.Due != nil && s.Due.Before(*s.Start):
			fe.Add("due", "error.field.due_before_start")
		}
	}
	if vntext.Check(s.Recipient) != nil || vntext.Check(s.Via) != nil {
		fe.Add("recipient", "error.field.forbidden_chars")
	}
	return fe.Err()
}

func validMonthDay(md string) bool {
	if !monthDayRE.MatchString(md) {
		return false
	}
	m, _ := strconv.Atoi(md[:2])
	d, _ := strconv.Atoi(md[3:])
	// 02-29 exists in leap years; a leap year checks the day exists at all.
	return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// Window is the data window of period p under s; an ad hoc schedule
// without dates yet covers the year of its period.
func (s Schedule) Window(p Period) Window {
	if s.Frequency == AdHoc && s.Start != nil && s.End != nil {
		return Window{Start: Day(*s.Start), End: Day(*s.End)}
	}
	if p.Frequency == AdHoc {
		p = Period{Frequency: Yearly, Year: p.Year, N: 1}
	}
	return WindowOf(p, s.Cutoff)
}

// DueOn is the last day a report on p counts as on time.
func (s Schedule) DueOn(p Period) time.Time {
	w := s.Window(p)
	if s.Frequency == AdHoc && s.Due != nil {
		return Day(*s.Due)
	}
	if s.DueMD != "" && validMonthDay(s.DueMD) {
		m, _ := strconv.Atoi(s.DueMD[:2])
		d, _ := strconv.Atoi(s.DueMD[3:])
		due := dateClamped(w.End.Year(), time.Month(m), d)
		if due.Before(w.End) {
			// "12-30" for a window ending 14/12 is this year's; "01-10"
			// is the next year's.
			due = dateClamped(w.End.Year()+1, time.Month(m), d)
		}
		return due
	}
	return w.End.AddDate(0, 0, s.DueAfter)
}

// dateClamped is y-m-d, or the last day of m when d is past it (29/2 in a
// year without one is 28/2).
func dateClamped(y int, m time.Month, d int) time.Time {
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(y, m, min(d, last), 0, 0, 0, 0, time.UTC)
}

// PeriodOf returns the period of s that the ad hoc dates or a periodic
// frequency give for key, checking the key's frequency is s's.
func (s Schedule) PeriodOf(key string) (Period, error) {
	p, err := ParsePeriod(key)
	if err != nil {
		return p, err
	}
	if p.Frequency != s.Frequency {
		return p, apperr.FieldErrors{"period": "error.field.period_frequency"}.Err()
	}
	return p, nil
}

// PeriodOn returns the period of s whose window holds day: the one a
// tracking page opens on by default. An ad hoc schedule's period is named
// by the year its window ends in.
func (s Schedule) PeriodOn(day time.Time) Period {
	day = Day(day)
	if s.Frequency == AdHoc || !s.Frequency.Valid() {
		if s.End != nil {
			return Period{Frequency: AdHoc, Year: s.End.Year(), N: 1}
		}
		return Period{Frequency: AdHoc, Year: day.Year(), N: 1}
	}
	// A window ends in its period's year; with a cutoff it may start in
	// December of the year before, so day belongs to this year's periods
	// or next year's first.
	for _, y := range []int{day.Year(), day.Year() + 1} {
		for _, p := range Periods(s.Frequency, y) {
			if s.Window(p).Contains(day) {
				return p
			}
		}
	}
	return Period{Frequency: s.Frequency, Year: day.Year(), N: 1}
}
