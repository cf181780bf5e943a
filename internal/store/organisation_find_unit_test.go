package store

import (
	"slices"
	"strings"
	"testing"
)

// TestCoverCond checks the shape of a unit cover's condition: codes in
// force over the same days share one IN list per commune column, a code
// in force every day has no test of the day, and the bound values follow
// the placeholders. TestOrganisationsSameAsReference compares what it
// selects with the per-row EXISTS of unitCond on both backends.
func TestCoverCond(t *testing.T) {
	old, reform := "2025-06-30", "2025-07-01"
	tests := []struct {
		name     string
		codes    []string
		spans    map[string][]coverSpan
		wantIN   int // IN lists, both columns
		wantDays int // tests of a recorded day
		wantArgs []any
	}{
		{"one code in force every day", []string{"01"}, map[string][]coverSpan{"01": {{}}},
			2, 0, []any{"01", "01"}},
		{"old communes share a list", []string{"10507", "10510"},
			map[string][]coverSpan{"10507": {{to: &old}}, "10510": {{to: &old}}},
			2, 2, []any{"10507", "10510", old, "10507", "10510", old}},
		{"a reused code, old and new", []string{"10507", "10516"},
			map[string][]coverSpan{"10507": {{to: &old}, {from: &reform}}, "10516": {{from: &reform}}},
			4, 4, []any{"10507", old, reform, "10516", reform, "10507", old, reform, "10516", reform}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cond, args := coverCond(tt.codes, tt.spans)
			if n := strings.Count(cond, " IN ("); n != tt.wantIN {
				t.Errorf("%d IN lists, want %d: %s", n, tt.wantIN, cond)
			}
			if n := strings.Count(cond, "_valid_from IS NULL"); n != tt.wantDays {
				t.Errorf("%d day tests, want %d: %s", n, tt.wantDays, cond)
			}
			if n := strings.Count(cond, "?"); n != len(args) {
				t.Errorf("%d placeholders, %d values: %s", n, len(args), cond)
			}
			if !slices.Equal(args, tt.wantArgs) {
				t.Errorf("values %v, want %v", args, tt.wantArgs)
			}
		})
	}
}
