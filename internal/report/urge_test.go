package report

import (
	"testing"
	"time"
)

func TestDueReminders(t *testing.T) {
	monthly := NewSchedule(Monthly)
	monthly.Cutoff = 1 // 2025-M07: 1/7 to 31/7, due 6/8
	leap := monthly    // 2024-M02 ends 29/2, due 6/3
	yearly := NewSchedule(Yearly)
	yearly.DueMD = "01-10" // 2024 ends 14/12/2024, due 10/01/2025
	tests := []struct {
		name    string
		s       Schedule
		p       Period
		missing []int64
		today   time.Time
		keys    []string // dedupe keys, in order
		due     string
	}{
		{"too early", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 7, 29), nil, ""},
		{"first day before", monthly, Period{Monthly, 2025, 7}, []int64{3, 4}, d(2025, 7, 30),
			[]string{"urge:9:2025-M07:3:before", "urge:9:2025-M07:4:before"}, "06/08/2025"},
		{"on the due day", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 8, 6), []string{"urge:9:2025-M07:3:before"}, "06/08/2025"},
		{"first overdue day", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 8, 7), []string{"urge:9:2025-M07:3:overdue:1"}, "06/08/2025"},
		{"end of first overdue week", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 8, 13), []string{"urge:9:2025-M07:3:overdue:1"}, "06/08/2025"},
		{"second overdue week", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 8, 14), []string{"urge:9:2025-M07:3:overdue:2"}, "06/08/2025"},
		{"last overdue week", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 8, 6).AddDate(0, 0, 7*UrgeOverdueWeeks), []string{"urge:9:2025-M07:3:overdue:12"}, "06/08/2025"},
		{"closed after the overdue weeks", monthly, Period{Monthly, 2025, 7}, []int64{3}, d(2025, 8, 7).AddDate(0, 0, 7*UrgeOverdueWeeks), nil, ""},
		{"all sent", monthly, Period{Monthly, 2025, 7}, nil, d(2025, 8, 1), nil, ""},
		{"leap year: due 6/3 after 29/2", leap, Period{Monthly, 2024, 2}, []int64{3}, d(2024, 2, 28), []string{"urge:9:2024-M02:3:before"}, "06/03/2024"},
		{"leap year: not yet on 27/2", leap, Period{Monthly, 2024, 2}, []int64{3}, d(2024, 2, 27), nil, ""},
		{"turn of year: before", yearly, Period{Yearly, 2024, 1}, []int64{5}, d(2025, 1, 3), []string{"urge:9:2024:5:before"}, "10/01/2025"},
		{"turn of year: not yet", yearly, Period{Yearly, 2024, 1}, []int64{5}, d(2025, 1, 2), nil, ""},
		{"turn of year: overdue", yearly, Period{Yearly, 2024, 1}, []int64{5}, d(2025, 1, 18), []string{"urge:9:2024:5:overdue:2"}, "10/01/2025"},
		{"ad hoc without dates", NewSchedule(AdHoc), Period{AdHoc, 2025, 1}, []int64{5}, d(2025, 12, 31), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DueReminders(UrgePlan{PlanID: 9, PlanTitle: "Kế hoạch", Schedule: tc.s, Period: tc.p,
				Missing: tc.missing, BaseURL: "https://hoptac.example"}, tc.today)
			if len(got) != len(tc.keys) {
				t.Fatalf("got %d reminders %+v, want %v", len(got), got, tc.keys)
			}
			for i, r := range got {
				if r.DedupeKey != tc.keys[i] || r.AgencyID != tc.missing[i] {
					t.Errorf("reminder %d: %+v, want key %s", i, r, tc.keys[i])
				}
				link := "https://hoptac.example" + TrackingPath(9, tc.p.Key())
				if len(r.Args) != 4 || r.Args[0] != "Kế hoạch" || r.Args[1] != tc.p.Key() || r.Args[2] != tc.due || r.Args[3] != link {
					t.Errorf("reminder %d args %q", i, r.Args)
				}
				if want := map[bool]string{true: "urge.before", false: "urge.overdue"}[r.Week == 0]; r.Key != want {
					t.Errorf("reminder %d key %s, want %s", i, r.Key, want)
				}
			}
		})
	}
}
