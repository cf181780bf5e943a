package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// Period is one reporting period of a frequency: the year 2025, its second
// half, its third quarter, its July. An ad hoc period is its schedule's own
// dates, named by the year they end in.
type Period struct {
	Frequency Frequency
	Year      int
	N         int // 1-based half, quarter or month; 1 for yearly and ad hoc
}

// Key is the period as URLs, the API and the CLI write it: "2025",
// "2025-H2", "2025-Q3", "2025-M07", "2025-X" (ad hoc).
func (p Period) Key() string {
	switch p.Frequency {
	case HalfYearly:
		return fmt.Sprintf("%d-H%d", p.Year, p.N)
	case Quarterly:
		return fmt.Sprintf("%d-Q%d", p.Year, p.N)
	case Monthly:
		return fmt.Sprintf("%d-M%02d", p.Year, p.N)
	case AdHoc:
		return fmt.Sprintf("%d-X", p.Year)
	}
	return strconv.Itoa(p.Year)
}

func (p Period) String() string { return p.Key() }

// ParsePeriod reads a Key. A wrong key is a validation error on "period".
func ParsePeriod(s string) (Period, error) {
	bad := apperr.FieldErrors{"period": "error.field.period"}.Err()
	s = strings.ToUpper(strings.TrimSpace(s))
	year, rest, dash := strings.Cut(s, "-")
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 || y < 1945 || y > 9999 {
		return Period{}, bad
	}
	p := Period{Frequency: Yearly, Year: y, N: 1}
	if rest == "" && !dash {
		return p, nil
	}
	if rest == "X" {
		p.Frequency = AdHoc
		return p, nil
	}
	if len(rest) < 2 {
		return Period{}, bad
	}
	n, err := strconv.Atoi(rest[1:])
	if err != nil {
		return Period{}, bad
	}
	switch rest[0] {
	case 'H':
		p.Frequency = HalfYearly
	case 'Q':
		p.Frequency = Quarterly
	case 'M':
		p.Frequency = Monthly
	default:
		return Period{}, bad
	}
	if n < 1 || n > p.Frequency.periodsPerYear() {
		return Period{}, bad
	}
	p.N = n
	return p, nil
}

// Periods lists the periods of f that end in year, in order; none for AdHoc.
func Periods(f Frequency, year int) []Period {
	var out []Period
	for n := 1; n <= f.periodsPerYear(); n++ {
		out = append(out, Period{Frequency: f, Year: year, N: n})
	}
	return out
}

// months returns the first and last calendar month the period is about.
func (p Period) months() (first, last int) {
	span := 12 / p.Frequency.periodsPerYear()
	last = p.N * span
	return last - span + 1, last
}

// DefaultCutoff is the day of the month a window starts on under Decree
// 09/2019/NĐ-CP: data runs from the 15th of the month before the period to
// the 14th of its last month.
const DefaultCutoff = 15

// Window is the span of days a report covers, both days included.
type Window struct {
	Start, End time.Time
}

// Contains reports whether day d falls in w.
func (w Window) Contains(d time.Time) bool {
	d = Day(d)
	return !d.Before(w.Start) && !d.After(w.End)
}

// Day is t's calendar date at midnight UTC: dates here are days, compared
// as days, whatever clock wrote them.
func Day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// WindowOf returns the data window of a periodic period when windows start
// on day cutoff (1 to 28): from the cutoff of the month before the period
// to the day before the cutoff in its last month. Cutoff 1 gives calendar
// periods (1/1 to 31/12 for a year).
func WindowOf(p Period, cutoff int) Window {
	first, last := p.months()
	if cutoff <= 1 {
		return Window{Start: time.Date(p.Year, time.Month(first), 1, 0, 0, 0, 0, time.UTC),
			End: time.Date(p.Year, time.Month(last)+1, 0, 0, 0, 0, 0, time.UTC)}
	}
	// time.Date carries month 0 into December of the year before.
	return Window{Start: time.Date(p.Year, time.Month(first)-1, cutoff, 0, 0, 0, 0, time.UTC),
		End: time.Date(p.Year, time.Month(last), cutoff-1, 0, 0, 0, 0, time.UTC)}
}
