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
