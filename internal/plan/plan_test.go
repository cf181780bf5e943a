package plan

import (
	"testing"
	"time"
)

// TestComputeFollowsSuccessionByDate: a task's agency shows the successor
// its duties reached by the task's day, each step of a chain from its own
// date, and Compute never writes into the agencies of the task it copied:
// kept rows are shared by pages of other days.
func TestComputeFollowsSuccessionByDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	finance := AgencyRef{ID: 2, Name: "Sở Tài chính"}
	merged := AgencyRef{ID: 3, Name: "Sở Tài chính (hợp nhất)"}
	planning := AgencyRef{ID: 1, Name: "Sở Kế hoạch và Đầu tư", Handovers: []Handover{
		{To: finance, Since: day(2025, 3, 1)}, {To: merged, Since: day(2030, 1, 1)}}}
	undated := AgencyRef{ID: 4, Name: "Sở cũ", Handovers: []Handover{{To: finance}}}
	kept := Task{Lead: []AgencyRef{planning}, Support: []AgencyRef{undated, finance}}
	tests := []struct {
		name string
		day  time.Time
		want string // the lead's successor; "" for none
	}{
		{"before the first step", day(2025, 2, 28), ""},
		{"on the first step's day", day(2025, 3, 1), "Sở Tài chính"},
		{"between the steps", day(2029, 12, 31), "Sở Tài chính"},
		{"after the last step", day(2030, 1, 1), "Sở Tài chính (hợp nhất)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := kept
			task.Compute(tc.day)
			got := ""
			if s := task.Lead[0].Successor; s != nil {
				got = s.Name
			}
			if got != tc.want {
				t.Errorf("successor %q, want %q", got, tc.want)
			}
			if task.Support[0].Successor != nil {
				t.Errorf("a step without a date was followed to %q", task.Support[0].Successor.Name)
			}
			if kept.Lead[0].Successor != nil {
				t.Error("Compute wrote into the kept task's agencies")
			}
		})
	}
}
