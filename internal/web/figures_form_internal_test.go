package web

import "testing"

func TestParseWholeNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1.250.000.000", 1_250_000_000, true}, {"1 250 000", 1_250_000, true}, {"-45.000.000", -45_000_000, true},
		{"", 0, true}, {"12", 12, true}, {"1,5", 0, false}, {"mười", 0, false},
	} {
		got, ok := parseWholeNumber(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("%q: %d %v", c.in, got, ok)
		}
	}
}
