package web

import "testing"

// Values are typed as people write them, in Vietnamese or not.
func TestParseVNNumber(t *testing.T) {
	for in, want := range map[string]float64{"1,1": 1.1, "1.1": 1.1, "1.250.000.000": 1250000000, "1.250.000,5": 1250000.5, " 12 ": 12} {
		if got, err := parseVNNumber(in); err != nil || got != want {
			t.Errorf("%q: %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseVNNumber("một"); err == nil {
		t.Error("words accepted as a number")
	}
}
