package registerimport

import "testing"

// What a spreadsheet did to a code is undone where only one reading is
// possible; what stays malformed fails the format check.
func TestNormalizeCode(t *testing.T) {
	tests := map[string]string{
		"0101234567":     "0101234567",
		"101234567":      "0101234567",     // a leading zero lost to a number
		"101234567001":   "0101234567-001", // the same with a branch
		"2800123456001":  "2800123456-001", // a branch code stored as a number
		"101234567-001":  "0101234567-001",
		"2800123456-001": "2800123456-001",
		"12345678":       "12345678",
	}
	for in, want := range tests {
		got := normalizeCode(in)
		if got != want {
			t.Errorf("normalizeCode(%q) = %q, want %q", in, got, want)
		}
		if ok := codeRE.MatchString(got); ok != (len(want) >= 10) {
			t.Errorf("%q: format check %v", got, ok)
		}
	}
}
