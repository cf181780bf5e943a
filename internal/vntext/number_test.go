package vntext_test

import (
	"math"
	"testing"

	"github.com/hoptac/hoptac/internal/vntext"
)

func TestFormatInt(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1.000"}, {12345, "12.345"},
		{1234567, "1.234.567"}, {-1234567, "-1.234.567"}, {-999, "-999"},
		{100000000000, "100.000.000.000"},
		{math.MaxInt64, "9.223.372.036.854.775.807"}, {math.MinInt64, "-9.223.372.036.854.775.808"},
	} {
		if got := vntext.FormatInt(tc.n); got != tc.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestFormatDecimal(t *testing.T) {
	for _, tc := range []struct {
		f      float64
		places int
		want   string
	}{
		{1.5, 2, "1,5"}, {1.75, 1, "1,8"}, {1234.5, 1, "1.234,5"}, {1234567.891, 2, "1.234.567,89"},
		{2, 2, "2"}, {0.05, 1, "0,1"}, {-0.5, 1, "-0,5"}, {-1234.5, 1, "-1.234,5"}, {100, 0, "100"},
		{1e20, 0, "100000000000000000000"},
	} {
		if got := vntext.FormatDecimal(tc.f, tc.places); got != tc.want {
			t.Errorf("FormatDecimal(%v, %d) = %q, want %q", tc.f, tc.places, got, tc.want)
		}
	}
}
