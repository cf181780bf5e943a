package planimport

import "testing"

// A figure is read the way Vietnamese plans write it, and written back so
// that reading it again gives the same number; anything else is refused
// rather than guessed.
func TestParseNumber(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"50", 50, true}, {" 1,2 ", 1.2, true}, {"1.000", 1000, true}, {"1.5", 1.5, true},
		{"1.000,5", 1000.5, true}, {"2 000", 2000, true}, {"0", 0, true},
		{"", 0, false}, {"abc", 0, false}, {"-5", 0, false}, {"1e5", 0, false}, {"NaN", 0, false},
		{"Inf", 0, false}, {"0x10", 0, false}, {"1,2,3", 0, false}, {"5%", 0, false}, {",5", 0, false},
	} {
		got, ok := ParseNumber(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	for _, v := range []float64{50, 1.2, 1000, 0.25, 1234567.5} {
		if got, ok := ParseNumber(FormatNumber(v)); !ok || got != v {
			t.Errorf("ParseNumber(FormatNumber(%v) = %q) = %v, %v", v, FormatNumber(v), got, ok)
		}
	}
}
