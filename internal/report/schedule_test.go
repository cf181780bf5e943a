package report

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

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
