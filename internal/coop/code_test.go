package coop

import "testing"

func TestNormalizeCode(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"2800123456", "2800123456", true},
		{"0101234567", "0101234567", true}, // Hà Nội codes start with 0: text, not a number
		{" 2800123456 ", "2800123456", true},
		{"2800123456-001", "2800123456-001", true},
		{"2800123456001", "2800123456-001", true}, // the suffix without its hyphen
		{"2800 123 456-001", "2800123456-001", true},
		{"2800123456-000", "", false}, // branches are numbered from 001
		{"2800123456-01", "", false},
		{"2800123456-0001", "", false},
		{"280012345", "", false},   // 9 digits: a leading zero lost in a spreadsheet
		{"28001234567", "", false}, // 11 digits
		{"2800123456-", "", false},
		{"-001", "", false},
		{"28001234S6", "", false},
		{"2,800123E+09", "", false},
		{"0000000000", "", false},
		{"", "", false},
		{"２８００１２３４５６", "", false}, // full-width digits are not a code
	} {
		t.Run(c.in, func(t *testing.T) {
			got, ok := NormalizeCode(c.in)
			if got != c.want || ok != c.ok {
				t.Errorf("NormalizeCode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			}
			if ok && !ValidCode(got) {
				t.Errorf("the stored form %q is not valid", got)
			}
		})
	}
	if ValidCode("2800123456001") {
		t.Error("ValidCode accepts the form without hyphen, which is never stored")
	}
}
