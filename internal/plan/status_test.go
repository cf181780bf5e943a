package plan

import (
	"testing"
	"time"
)

// ictZone stands in for Asia/Ho_Chi_Minh without needing tzdata on the host.
var ictZone = time.FixedZone("ICT", 7*60*60)

// fixedToday is mid-afternoon local time on 2026-11-24.
var fixedToday = time.Date(2026, 11, 24, 15, 0, 0, 0, ictZone)

func dueOnTF(y int, m time.Month, d int) Timeframe {
	return Timeframe{Kind: TimeframeDate, Due: tfDay(y, m, d)}
}

func TestEffective(t *testing.T) {
	earlyMorning := time.Date(2026, 11, 24, 0, 30, 0, 0, ictZone) // still 23 Nov in UTC
	tests := []struct {
		name     string
		recorded Status
		doneOn   *time.Time
		tf       Timeframe
		today    time.Time
		want     Status
	}{
		{"due today not overdue", StatusNotStarted, nil, dueOnTF(2026, 11, 24), fixedToday, StatusNotStarted},
		{"due today in progress", StatusInProgress, nil, dueOnTF(2026, 11, 24), fixedToday, StatusInProgress},
		{"due yesterday overdue", StatusInProgress, nil, dueOnTF(2026, 11, 23), fixedToday, StatusOverdue},
		{"empty means not started", "", nil, dueOnTF(2026, 11, 25), fixedToday, StatusNotStarted},
		{"empty and past due", "", nil, dueOnTF(2026, 11, 23), fixedToday, StatusOverdue},
		{"local date used, not UTC", StatusNotStarted, nil, dueOnTF(2026, 11, 23), earlyMorning, StatusOverdue},
		{"done on due day", StatusDone, tfDay(2026, 11, 23), dueOnTF(2026, 11, 23), fixedToday, StatusDone},
		{"done early", StatusDone, tfDay(2026, 1, 5), dueOnTF(2026, 11, 23), fixedToday, StatusDone},
		{"done late", StatusDone, tfDay(2026, 11, 24), dueOnTF(2026, 11, 23), fixedToday, StatusDoneLate},
		{"done late evening local is same day", StatusDone, ptrTo(time.Date(2026, 11, 23, 23, 30, 0, 0, ictZone)),
			dueOnTF(2026, 11, 23), fixedToday, StatusDone},
		{"done just after midnight local is late", StatusDone, ptrTo(time.Date(2026, 11, 24, 0, 30, 0, 0, ictZone)),
			dueOnTF(2026, 11, 23), fixedToday, StatusDoneLate},
		{"done without date", StatusDone, nil, dueOnTF(2020, 1, 1), fixedToday, StatusDone},
		{"done before due in future", StatusDone, tfDay(2026, 11, 20), dueOnTF(2026, 12, 31), fixedToday, StatusDone},

		{"year past", StatusNotStarted, nil, ParseTimeframe("2025", 0), fixedToday, StatusOverdue},
		{"year current", StatusInProgress, nil, ParseTimeframe("Năm 2026", 0), fixedToday, StatusInProgress},
		{"year done late", StatusDone, tfDay(2026, 1, 2), ParseTimeframe("2025", 0), fixedToday, StatusDoneLate},
		{"range past", StatusInProgress, nil, ParseTimeframe("2021-2025", 0), fixedToday, StatusOverdue},
		{"range current", StatusInProgress, nil, ParseTimeframe("2021-2030", 0), fixedToday, StatusInProgress},
		{"range done in time", StatusDone, tfDay(2025, 12, 31), ParseTimeframe("2021-2025", 0), fixedToday, StatusDone},
		{"quarter past", StatusNotStarted, nil, ParseTimeframe("Quý III/2026", 0), fixedToday, StatusOverdue},
		{"quarter current", StatusNotStarted, nil, ParseTimeframe("Quý IV/2026", 0), fixedToday, StatusNotStarted},
		{"quarter done late", StatusDone, tfDay(2026, 10, 1), ParseTimeframe("Quý III/2026", 0), fixedToday, StatusDoneLate},
		{"month past", StatusInProgress, nil, ParseTimeframe("Tháng 10/2026", 0), fixedToday, StatusOverdue},
		{"ongoing never overdue", StatusNotStarted, nil, ParseTimeframe("Thường xuyên", 0), fixedToday, StatusNotStarted},
		{"ongoing done", StatusDone, tfDay(2030, 1, 1), ParseTimeframe("Thường xuyên", 0), fixedToday, StatusDone},
		{"text never overdue", StatusInProgress, nil, ParseTimeframe("sớm", 0), fixedToday, StatusInProgress},
		{"text done never late", StatusDone, tfDay(2030, 1, 1), ParseTimeframe("sớm", 0), fixedToday, StatusDone},

		{"stale done_late recomputed", StatusDoneLate, tfDay(2026, 11, 1), dueOnTF(2026, 11, 23), fixedToday, StatusDone},
		{"stale overdue recomputed", StatusOverdue, nil, dueOnTF(2026, 12, 1), fixedToday, StatusInProgress},
		{"unknown kept", "paused", nil, dueOnTF(2020, 1, 1), fixedToday, "paused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Effective(tt.recorded, tt.doneOn, tt.tf, tt.today); got != tt.want {
				t.Errorf("Effective(%q, %s, %s due %s, %s) = %q, want %q", tt.recorded, fmtTFDate(tt.doneOn),
					tt.tf.Kind, fmtTFDate(tt.tf.Due), tt.today.Format(time.RFC3339), got, tt.want)
			}
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestDueSoon(t *testing.T) {
	tests := []struct {
		name     string
		recorded Status
		tf       Timeframe
		within   int
		want     bool
	}{
		{"due today", StatusNotStarted, dueOnTF(2026, 11, 24), 7, true},
		{"due at window end", StatusInProgress, dueOnTF(2026, 12, 1), 7, true},
		{"due after window", StatusInProgress, dueOnTF(2026, 12, 2), 7, false},
		{"already overdue", StatusInProgress, dueOnTF(2026, 11, 23), 7, false},
		{"empty status", "", dueOnTF(2026, 11, 25), 7, true},
		{"done", StatusDone, dueOnTF(2026, 11, 25), 7, false},
		{"done late", StatusDoneLate, dueOnTF(2026, 11, 25), 7, false},
		{"ongoing", StatusNotStarted, ParseTimeframe("Thường xuyên", 0), 7, false},
		{"text", StatusNotStarted, ParseTimeframe("sớm", 0), 7, false},
		{"quarter ending soon", StatusInProgress, ParseTimeframe("Quý IV/2026", 0), 40, true},
		{"zero window today", StatusNotStarted, dueOnTF(2026, 11, 24), 0, true},
		{"zero window tomorrow", StatusNotStarted, dueOnTF(2026, 11, 25), 0, false},
		{"negative window", StatusNotStarted, dueOnTF(2026, 11, 24), -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DueSoon(tt.recorded, tt.tf, fixedToday, tt.within); got != tt.want {
				t.Errorf("DueSoon(%q, due %s, %d) = %v, want %v", tt.recorded, fmtTFDate(tt.tf.Due), tt.within, got, tt.want)
			}
		})
	}
}

func TestStatusPredicates(t *testing.T) {
	tests := []struct {
		s                 Status
		recordable, valid bool
	}{
		{StatusNotStarted, true, true},
		{StatusInProgress, true, true},
		{StatusDone, true, true},
		{StatusDoneLate, false, true},
		{StatusOverdue, false, true},
		{"", false, false},
		{"Done", false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			if got := tt.s.Recordable(); got != tt.recordable {
				t.Errorf("%q.Recordable() = %v, want %v", tt.s, got, tt.recordable)
			}
			if got := tt.s.Valid(); got != tt.valid {
				t.Errorf("%q.Valid() = %v, want %v", tt.s, got, tt.valid)
			}
		})
	}
}

// TestComputeDropped: a dropped task is owed nothing, so it is never
// overdue or due soon and shows the last status recorded on it; done late
// stays done late. The same task not dropped is overdue or due soon.
func TestComputeDropped(t *testing.T) {
	due := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	tf := Timeframe{Kind: TimeframeDate, Due: &due}
	late := time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC)
	soon, past := time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		recorded Status
		doneOn   *time.Time
		today    time.Time
		live     Status
		liveSoon bool
		dropped  Status
	}{
		{"not started, past due", "", nil, past, StatusOverdue, false, StatusNotStarted},
		{"in progress, past due", StatusInProgress, nil, past, StatusOverdue, false, StatusInProgress},
		{"stale overdue recorded", StatusOverdue, nil, past, StatusOverdue, false, StatusInProgress},
		{"in progress, due soon", StatusInProgress, nil, soon, StatusInProgress, true, StatusInProgress},
		{"done late", StatusDone, &late, past, StatusDoneLate, false, StatusDoneLate},
	} {
		t.Run(c.name, func(t *testing.T) {
			task := Task{Recorded: c.recorded, DoneOn: c.doneOn, Timeframe: tf}
			task.Compute(c.today)
			if task.Status != c.live || task.DueSoon != c.liveSoon {
				t.Errorf("live: %s, due soon %v; want %s, %v", task.Status, task.DueSoon, c.live, c.liveSoon)
			}
			task = Task{Recorded: c.recorded, DoneOn: c.doneOn, Timeframe: tf,
				Dropped: &Drop{On: due.AddDate(0, -1, 0), Decision: "Quyết định 45/QĐ-UBND"}}
			task.Compute(c.today)
			if task.Status != c.dropped || task.DueSoon {
				t.Errorf("dropped: %s, due soon %v; want %s, not due soon", task.Status, task.DueSoon, c.dropped)
			}
		})
	}
}
