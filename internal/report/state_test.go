package report

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

func TestNext(t *testing.T) {
	tests := []struct {
		from    State
		a       Action
		comment string
		to      State
		code    apperr.Code // "" when allowed
	}{
		{Draft, Submit, "", Submitted, ""},
		{Submitted, Return, "thiếu số liệu", Returned, ""},
		{Submitted, Return, "  ", Submitted, apperr.Validation},
		{Returned, Submit, "", Resubmitted, ""},
		{Resubmitted, Accept, "", Accepted, ""},
		{Submitted, Accept, "", Accepted, ""},
		{Resubmitted, Return, "lại", Returned, ""},
		{Accepted, Reopen, "sai số liệu vốn", Returned, ""},
		{Accepted, Reopen, "", Accepted, apperr.Validation},
		// Accepted is locked: nothing else moves it.
		{Accepted, Submit, "", Accepted, apperr.Conflict},
		{Accepted, Return, "x", Accepted, apperr.Conflict},
		{Accepted, Accept, "", Accepted, apperr.Conflict},
		{Draft, Accept, "", Draft, apperr.Conflict},
		{Draft, Return, "x", Draft, apperr.Conflict},
		{Submitted, Submit, "", Submitted, apperr.Conflict},
		{Returned, Accept, "", Returned, apperr.Conflict},
		{Submitted, Reopen, "x", Submitted, apperr.Conflict},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"/"+string(tt.a), func(t *testing.T) {
			to, err := Next(tt.from, tt.a, tt.comment)
			if tt.code == "" && err != nil || tt.code != "" && apperr.CodeOf(err) != tt.code {
				t.Fatalf("err %v, want %q", err, tt.code)
			}
			if to != tt.to {
				t.Errorf("to %s, want %s", to, tt.to)
			}
		})
	}
}

func TestEditableAndSent(t *testing.T) {
	editable := map[State]bool{Draft: true, Returned: true}
	sent := map[State]bool{Submitted: true, Returned: true, Resubmitted: true, Accepted: true}
	for _, s := range States() {
		if s.Editable() != editable[s] || s.Sent() != sent[s] {
			t.Errorf("%s: editable %v sent %v", s, s.Editable(), s.Sent())
		}
	}
}

func TestIsLate(t *testing.T) {
	due := d(2025, 12, 30)
	tests := []struct {
		name string
		at   time.Time
		late bool
	}{
		{"on the due day, evening in Hà Nội", time.Date(2025, 12, 30, 16, 59, 0, 0, time.UTC), false},
		{"after midnight in Hà Nội", time.Date(2025, 12, 30, 17, 1, 0, 0, time.UTC), true},
		{"a week early", d(2025, 12, 23), false},
		{"next year", d(2026, 1, 2), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsLate(tt.at, due); got != tt.late {
				t.Errorf("late %v, want %v", got, tt.late)
			}
		})
	}
}
