package sheet

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
		key  string
	}{
		{"15/03/2020", d(2020, 3, 15), ""},
		{"5/3/2020", d(2020, 3, 5), ""},
		{"05-03-2020", d(2020, 3, 5), ""},
		{"05.03.2020", d(2020, 3, 5), ""},
		{"2020-03-05", d(2020, 3, 5), ""},
		{"15/03/2020 00:00:00", d(2020, 3, 15), ""},
		{"43905", d(2020, 3, 15), ""}, // Excel serial
		{"43905.75", d(2020, 3, 15), ""},
		{"29/02/2024", d(2024, 2, 29), ""},
		{"29/02/2023", time.Time{}, KeyCellDate},
		{"31/04/2020", time.Time{}, KeyCellDate},
		{"01/02/03", time.Time{}, KeyCellDate},
		{"03/15/2020", time.Time{}, KeyCellDate}, // month first is not read
		{"2020", time.Time{}, KeyCellSerial},
		{"99999999", time.Time{}, KeyCellSerial},
		{"hôm qua", time.Time{}, KeyCellDate},
		{"", time.Time{}, KeyCellDate},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if KeyOf(err) != tt.key || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, key %q", tt.in, got, err, tt.want, tt.key)
		}
	}
}
