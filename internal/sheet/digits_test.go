package sheet

import "testing"

// A registration code a spreadsheet stored as a number is recovered when
// every digit is still written, and refused when digits are gone.
func TestParseDigits(t *testing.T) {
	tests := []struct{ in, want, key string }{
		{"2800123456", "2800123456", ""},
		{" 2800123456 ", "2800123456", ""},
		{"2800123456.0", "2800123456", ""},
		{"2.800123456E+09", "2800123456", ""},
		{"2,800123456E+09", "2800123456", ""},
		{"'0101234567", "0101234567", ""},
		{"2800123456-001", "2800123456-001", ""},
		{"2.8001E+09", "", KeyCellDigitsLost},
		{"2.8E+09", "", KeyCellDigitsLost},
		{"2.80012345678E+09", "", KeyCellDigits},
		{"28001A3456", "", KeyCellDigits},
		{"2800123456.5", "", KeyCellDigits},
		{"", "", KeyCellDigits},
		{"1E+999", "", KeyCellDigits},
	}
	for _, tt := range tests {
		got, err := ParseDigits(tt.in)
		if KeyOf(err) != tt.key || got != tt.want {
			t.Errorf("ParseDigits(%q) = %q, %v; want %q, key %q", tt.in, got, err, tt.want, tt.key)
		}
	}
}
