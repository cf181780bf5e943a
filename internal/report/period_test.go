package report

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

func d(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }

// TestDefaultWindows: Decree 09/2019/NĐ-CP's windows, for every frequency,
// across the turn of the year and in leap years.
func TestDefaultWindows(t *testing.T) {
	tests := []struct {
		key        string
		start, end time.Time
	}{
		{"2025", d(2024, 12, 15), d(2025, 12, 14)},
		{"2024", d(2023, 12, 15), d(2024, 12, 14)},
		{"2025-H1", d(2024, 12, 15), d(2025, 6, 14)},
		{"2025-H2", d(2025, 6, 15), d(2025, 12, 14)},
		{"2025-Q1", d(2024, 12, 15), d(2025, 3, 14)},
		{"2025-Q2", d(2025, 3, 15), d(2025, 6, 14)},
		{"2025-Q3", d(2025, 6, 15), d(2025, 9, 14)},
		{"2025-Q4", d(2025, 9, 15), d(2025, 12, 14)},
		{"2025-M01", d(2024, 12, 15), d(2025, 1, 14)},
		{"2025-M02", d(2025, 1, 15), d(2025, 2, 14)},
		{"2025-M03", d(2025, 2, 15), d(2025, 3, 14)},
		{"2025-M12", d(2025, 11, 15), d(2025, 12, 14)},
		// Leap years: February's window is still 15/1 to 14/2, March's
		// runs over 29 February.
		{"2024-M03", d(2024, 2, 15), d(2024, 3, 14)},
		{"2000-M03", d(2000, 2, 15), d(2000, 3, 14)},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			p, err := ParsePeriod(tt.key)
			if err != nil {
				t.Fatal(err)
			}
			w := NewSchedule(p.Frequency).Window(p)
			if !w.Start.Equal(tt.start) || !w.End.Equal(tt.end) {
				t.Errorf("window %s – %s, want %s – %s", w.Start.Format(time.DateOnly), w.End.Format(time.DateOnly),
					tt.start.Format(time.DateOnly), tt.end.Format(time.DateOnly))
			}
			if p.Key() != tt.key {
				t.Errorf("key %q, want %q", p.Key(), tt.key)
			}
		})
	}
}

// TestWindowsTile: a year's periods of every frequency cover its window
// day after day, with no gap and no overlap, leap years included.
func TestWindowsTile(t *testing.T) {
	for _, year := range []int{2023, 2024, 2025, 2100} {
		for _, cutoff := range []int{1, 15, 28} {
			for _, f := range []Frequency{HalfYearly, Quarterly, Monthly} {
				s := NewSchedule(f)
				s.Cutoff = cutoff
				yw := WindowOf(Period{Frequency: Yearly, Year: year, N: 1}, cutoff)
				next := yw.Start
				for _, p := range Periods(f, year) {
					w := s.Window(p)
					if !w.Start.Equal(next) {
						t.Fatalf("%d cutoff %d %s starts %s, want %s", year, cutoff, p, w.Start, next)
					}
					next = w.End.AddDate(0, 0, 1)
				}
				if !next.Equal(yw.End.AddDate(0, 0, 1)) {
					t.Errorf("%d cutoff %d %s ends at %s, want %s", year, cutoff, f, next, yw.End)
				}
			}
		}
	}
}

func TestCalendarWindow(t *testing.T) {
	w := WindowOf(Period{Frequency: Monthly, Year: 2024, N: 2}, 1)
	if !w.Start.Equal(d(2024, 2, 1)) || !w.End.Equal(d(2024, 2, 29)) {
		t.Errorf("February 2024 with cutoff 1: %v", w)
	}
}

func TestDueOn(t *testing.T) {
	yearly := NewSchedule(Yearly)
	yearly.DueMD = "12-30"
	jan := NewSchedule(Yearly)
	jan.DueMD = "01-10"
	feb := NewSchedule(Monthly)
	feb.DueMD = "02-29"
	adhoc := Schedule{Frequency: AdHoc, Cutoff: 15, Start: ptr(d(2025, 4, 1)), End: ptr(d(2025, 4, 30)), Due: ptr(d(2025, 5, 5))}
	tests := []struct {
		name string
		s    Schedule
		key  string
		due  time.Time
	}{
		{"default is the 20th", NewSchedule(Quarterly), "2025-Q1", d(2025, 3, 20)},
		{"yearly default", NewSchedule(Yearly), "2025", d(2025, 12, 20)},
		{"before 30/12", yearly, "2025", d(2025, 12, 30)},
		{"early next year", jan, "2025", d(2026, 1, 10)},
		{"29/2 in a leap year", feb, "2024-M02", d(2024, 2, 29)},
		{"29/2 without one", feb, "2025-M02", d(2025, 2, 28)},
		{"ad hoc", adhoc, "2025-X", d(2025, 5, 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePeriod(tt.key)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.s.DueOn(p); !got.Equal(tt.due) {
				t.Errorf("due %s, want %s", got.Format(time.DateOnly), tt.due.Format(time.DateOnly))
			}
		})
	}
	if w := adhoc.Window(Period{Frequency: AdHoc, Year: 2025, N: 1}); !w.Start.Equal(d(2025, 4, 1)) || !w.End.Equal(d(2025, 4, 30)) {
		t.Errorf("ad hoc window %v", w)
	}
}

func ptr[T any](v T) *T { return &v }

func TestParsePeriodRefuses(t *testing.T) {
	for _, s := range []string{"", "25", "2025-Q5", "2025-Q0", "2025-H3", "2025-M13", "2025-M00", "2025-W01", "1900", "2025-", "abcd"} {
		_, err := ParsePeriod(s)
		if e := apperr.As(err); err == nil || e.Fields["period"] != "error.field.period" {
			t.Errorf("%q: %v", s, err)
		}
	}
	if p, err := ParsePeriod(" 2025-q3 "); err != nil || p != (Period{Quarterly, 2025, 3}) {
		t.Errorf("lower case: %v %v", p, err)
	}
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		name  string
		s     Schedule
		field string
	}{
		{"default", NewSchedule(Monthly), ""},
		{"once is no longer a word", Schedule{Frequency: "once", Cutoff: 15}, "frequency"},
		{"cutoff 29", Schedule{Frequency: Yearly, Cutoff: 29}, "cutoff"},
		{"cutoff 0", Schedule{Frequency: Yearly, Cutoff: 0}, "cutoff"},
		{"due 02-30", Schedule{Frequency: Yearly, Cutoff: 15, DueMD: "02-30"}, "due_md"},
		{"due 02-29", Schedule{Frequency: Yearly, Cutoff: 15, DueMD: "02-29"}, ""},
		{"negative due", Schedule{Frequency: Yearly, Cutoff: 15, DueAfter: -1}, "due_after"},
		{"ad hoc without dates yet", Schedule{Frequency: AdHoc, Cutoff: 15}, ""},
		{"ad hoc without an end", Schedule{Frequency: AdHoc, Cutoff: 15, Start: ptr(d(2025, 5, 1))}, "end"},
		{"ad hoc without a start", Schedule{Frequency: AdHoc, Cutoff: 15, End: ptr(d(2025, 5, 1))}, "start"},
		{"ad hoc backwards", Schedule{Frequency: AdHoc, Cutoff: 15, Start: ptr(d(2025, 5, 1)), End: ptr(d(2025, 4, 1))}, "end"},
		{"bidi recipient", Schedule{Frequency: Yearly, Cutoff: 15, Recipient: "UBND\u202E"}, "recipient"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if _, ok := apperr.As(err).Fields[tt.field]; !ok {
				t.Errorf("err %v, want field %s", err, tt.field)
			}
		})
	}
}

func TestPeriodOfChecksFrequency(t *testing.T) {
	if _, err := NewSchedule(Yearly).PeriodOf("2025-Q1"); apperr.As(err).Fields["period"] != "error.field.period_frequency" {
		t.Errorf("quarter of a yearly schedule: %v", err)
	}
	if p, err := NewSchedule(Yearly).PeriodOf("2025"); err != nil || p.Year != 2025 {
		t.Errorf("%v %v", p, err)
	}
}

func TestPeriodOn(t *testing.T) {
	tests := []struct {
		f    Frequency
		day  time.Time
		want string
	}{
		{Yearly, d(2026, 12, 5), "2026"},
		{Yearly, d(2026, 12, 15), "2027"}, // the next year's window has begun
		{Quarterly, d(2026, 12, 14), "2026-Q4"},
		{Quarterly, d(2026, 12, 15), "2027-Q1"},
		{Monthly, d(2024, 2, 29), "2024-M03"},
		{HalfYearly, d(2025, 6, 14), "2025-H1"},
	}
	for _, tt := range tests {
		if got := NewSchedule(tt.f).PeriodOn(tt.day).Key(); got != tt.want {
			t.Errorf("%s on %s: %s, want %s", tt.f, tt.day.Format(time.DateOnly), got, tt.want)
		}
	}
	adhoc := Schedule{Frequency: AdHoc, Cutoff: 15, Start: ptr(d(2025, 4, 1)), End: ptr(d(2025, 4, 30))}
	if got := adhoc.PeriodOn(d(2026, 1, 1)).Key(); got != "2025-X" {
		t.Errorf("ad hoc: %s", got)
	}
}
