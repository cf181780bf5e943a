package sheet

import (
	"math"
	"testing"
)

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		src  Source
		want int64
		key  string
	}{
		{"1.234.567", Vietnamese, 1234567, ""},
		{"1 234 567", Vietnamese, 1234567, ""},
		{"1,234,567", Vietnamese, 1234567, ""},
		{"-12", Vietnamese, -12, ""},
		{"12,0", Vietnamese, 12, ""},
		{"1.234", Vietnamese, 1234, ""},
		{"1234", Machine, 1234, ""},
		{"41.256", Machine, 41256, ""},      // a text cell of a workbook, typed the Vietnamese way
		{"1.234.567", Machine, 1234567, ""}, // the same
		{"1234.5", Machine, 0, KeyCellInteger},
		{"2800123456", Machine, 2800123456, ""},
		{"1.5", Vietnamese, 0, KeyCellInteger},
		{"12,5", Vietnamese, 0, KeyCellInteger},
		{"1.23.4", Vietnamese, 0, KeyCellNumber},
		{"abc", Vietnamese, 0, KeyCellNumber},
		{"", Vietnamese, 0, KeyCellNumber},
		{"1e999999999", Vietnamese, 0, KeyCellNumber},
		{"99999999999999999999", Vietnamese, 0, KeyCellOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseInt(tt.in, tt.src)
			if KeyOf(err) != tt.key {
				t.Fatalf("ParseInt(%q) error %v, want key %q", tt.in, err, tt.key)
			}
			if tt.key == "" && got != tt.want {
				t.Errorf("ParseInt(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		src  Source
		unit int64
		want int64
		key  string
	}{
		{"1,5", Vietnamese, 1_000_000, 1_500_000, ""},
		{"1.5", Machine, 1_000_000, 1_500_000, ""},
		{"1.2345", Machine, 1_000_000, 1_234_500, ""},
		{"1.076,7", Machine, 1_000_000, 1_076_700_000, ""},
		{"1.5", Vietnamese, 1_000_000, 1_500_000, ""}, // one "." and not three digits: a decimal point
		{"1.500", Vietnamese, 1_000_000, 1_500_000_000, ""},
		{"1.234,5", Vietnamese, 1_000, 1_234_500, ""},
		{"2.8E+3", Vietnamese, 1_000, 2_800_000, ""},
		{"0,0005", Vietnamese, 1_000, 1, ""}, // 0,5 đồng rounds away from zero
		{"-0,0004", Vietnamese, 1_000, 0, ""},
		{"500", Vietnamese, 0, 500, ""}, // no unit: đồng
		{"9.300.000.000.000", Vietnamese, 1_000_000, 0, KeyCellOverflow},
		{"x", Vietnamese, 1, 0, KeyCellNumber},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMoney(tt.in, tt.src, tt.unit)
			if KeyOf(err) != tt.key {
				t.Fatalf("ParseMoney(%q) error %v, want key %q", tt.in, err, tt.key)
			}
			if tt.key == "" && got != tt.want {
				t.Errorf("ParseMoney(%q, %d) = %d, want %d", tt.in, tt.unit, got, tt.want)
			}
		})
	}
	if _, err := ParseMoney("9.223.372.036.854.775.807", Vietnamese, 1); err != nil {
		t.Errorf("the largest int64 in đồng: %v", err)
	}
	if got, _ := ParseMoney("9.223.372.036.854.775.807", Vietnamese, 1); got != math.MaxInt64 {
		t.Errorf("got %d", got)
	}
}
