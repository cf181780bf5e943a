package plan

import (
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// tfDay builds the UTC-midnight civil dates ParseTimeframe returns.
func tfDay(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func sameTFDate(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b) && a.Location() == b.Location()
}

func fmtTFDate(t *time.Time) string {
	if t == nil {
		return "nil"
	}
	return t.Format(time.RFC3339)
}

func TestParseTimeframe(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		defaultYear int
		kind        TimeframeKind
		start, due  *time.Time
	}{
		{"ongoing", "Thường xuyên", 2025, TimeframeOngoing, nil, nil},
		{"ongoing upper NFD", norm.NFD.String(" THƯỜNG  XUYÊN. "), 2025, TimeframeOngoing, nil, nil},
		{"year", "2020", 2025, TimeframeYear, tfDay(2020, 1, 1), tfDay(2020, 12, 31)},
		{"year with word", "Năm 2020", 0, TimeframeYear, tfDay(2020, 1, 1), tfDay(2020, 12, 31)},
		{"year trailing dot", "2020.", 0, TimeframeYear, tfDay(2020, 1, 1), tfDay(2020, 12, 31)},
		{"range hyphen", "2020-2025", 0, TimeframeRange, tfDay(2020, 1, 1), tfDay(2025, 12, 31)},
		{"range en dash spaced", "2020 – 2025", 0, TimeframeRange, tfDay(2020, 1, 1), tfDay(2025, 12, 31)},
		{"range em dash", "2020—2025", 0, TimeframeRange, tfDay(2020, 1, 1), tfDay(2025, 12, 31)},
		{"range giai doan", "giai đoạn 2021 - 2025", 0, TimeframeRange, tfDay(2021, 1, 1), tfDay(2025, 12, 31)},
		{"range giai doan capital", "Giai đoạn 2021-2025", 0, TimeframeRange, tfDay(2021, 1, 1), tfDay(2025, 12, 31)},
		{"range tu den", "Từ năm 2021 đến năm 2025", 0, TimeframeRange, tfDay(2021, 1, 1), tfDay(2025, 12, 31)},
		{"range same year", "2025-2025", 0, TimeframeRange, tfDay(2025, 1, 1), tfDay(2025, 12, 31)},
		{"quarter roman", "Quý II/2018", 0, TimeframeQuarter, tfDay(2018, 4, 1), tfDay(2018, 6, 30)},
		{"quarter digit", "quý 2/2018", 0, TimeframeQuarter, tfDay(2018, 4, 1), tfDay(2018, 6, 30)},
		{"quarter nam", "Quý II năm 2018", 0, TimeframeQuarter, tfDay(2018, 4, 1), tfDay(2018, 6, 30)},
		{"quarter I", "Quý I/2019", 0, TimeframeQuarter, tfDay(2019, 1, 1), tfDay(2019, 3, 31)},
		{"quarter III spaced", "QUÝ III / 2019", 0, TimeframeQuarter, tfDay(2019, 7, 1), tfDay(2019, 9, 30)},
		{"quarter IV", "quý IV/2019", 0, TimeframeQuarter, tfDay(2019, 10, 1), tfDay(2019, 12, 31)},
		{"quarter default year", "Quý I", 2025, TimeframeQuarter, tfDay(2025, 1, 1), tfDay(2025, 3, 31)},
		{"date default year", "trước ngày 30/12", 2025, TimeframeDate, nil, tfDay(2025, 12, 30)},
		{"date full", "30/6/2025", 0, TimeframeDate, nil, tfDay(2025, 6, 30)},
		{"date before full", "trước ngày 30/12/2025", 0, TimeframeDate, nil, tfDay(2025, 12, 30)},
		{"date dashes", "30-6-2025", 0, TimeframeDate, nil, tfDay(2025, 6, 30)},
		{"date leading zeros", "05/03/2025", 0, TimeframeDate, nil, tfDay(2025, 3, 5)},
		{"date leap day", "29/2/2024", 0, TimeframeDate, nil, tfDay(2024, 2, 29)},
		{"date in words", "ngày 15 tháng 3 năm 2025", 0, TimeframeDate, nil, tfDay(2025, 3, 15)},
		{"month", "Tháng 6/2025", 0, TimeframeDate, nil, tfDay(2025, 6, 30)},
		{"month february leap", "tháng 2/2024", 0, TimeframeDate, nil, tfDay(2024, 2, 29)},
		{"month december", "Tháng 12 năm 2025", 0, TimeframeDate, nil, tfDay(2025, 12, 31)},
		{"month bare", "6/2025", 0, TimeframeDate, nil, tfDay(2025, 6, 30)},

		{"junk word", "sớm", 2025, TimeframeText, nil, nil},
		{"empty", "", 2025, TimeframeText, nil, nil},
		{"blank", " \t ", 2025, TimeframeText, nil, nil},
		{"reversed range", "2020-2010", 2025, TimeframeText, nil, nil},
		{"quarter V", "quý V/2020", 2025, TimeframeText, nil, nil},
		{"quarter 5", "quý 5/2020", 2025, TimeframeText, nil, nil},
		{"day 32", "32/12/2020", 2025, TimeframeText, nil, nil},
		{"feb 31", "31/02/2025", 2025, TimeframeText, nil, nil},
		{"feb 29 non-leap", "29/2/2023", 2025, TimeframeText, nil, nil},
		{"month 13", "1/13/2025", 2025, TimeframeText, nil, nil},
		{"month 13 bare", "13/2025", 2025, TimeframeText, nil, nil},
		{"year too early", "1899", 2025, TimeframeText, nil, nil},
		{"year too late", "2101", 2025, TimeframeText, nil, nil},
		{"no default year", "trước ngày 30/12", 0, TimeframeText, nil, nil},
		{"quarter no default year", "Quý I", 0, TimeframeText, nil, nil},
		{"short dash date", "30-6", 2025, TimeframeText, nil, nil},
		{"two things", "Quý II/2018 và 2019", 2025, TimeframeText, nil, nil},
		{"ongoing plus more", "Thường xuyên hằng năm", 2025, TimeframeText, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseTimeframe(tt.in, tt.defaultYear)
			if got.Kind != tt.kind || !sameTFDate(got.Start, tt.start) || !sameTFDate(got.Due, tt.due) {
				t.Errorf("ParseTimeframe(%q, %d) = %s %s..%s, want %s %s..%s", tt.in, tt.defaultYear,
					got.Kind, fmtTFDate(got.Start), fmtTFDate(got.Due), tt.kind, fmtTFDate(tt.start), fmtTFDate(tt.due))
			}
		})
	}
}

func TestParseTimeframeText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"trimmed", "  Quý II/2018 \n", "Quý II/2018"},
		{"NFC and no BOM", "\uFEFF" + norm.NFD.String("Thường xuyên"), "Thường xuyên"},
		{"inner spacing kept", "giai đoạn  2021 - 2025", "giai đoạn  2021 - 2025"},
		{"junk kept", " sớm nhất có thể ", "sớm nhất có thể"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseTimeframe(tt.in, 2025).Text; got != tt.want {
				t.Errorf("Text = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTimeframeKindValid(t *testing.T) {
	tests := []struct {
		kind TimeframeKind
		want bool
	}{
		{TimeframeOngoing, true}, {TimeframeYear, true}, {TimeframeRange, true},
		{TimeframeQuarter, true}, {TimeframeDate, true}, {TimeframeText, true},
		{"", false}, {"Year", false}, {"month", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			if got := tt.kind.Valid(); got != tt.want {
				t.Errorf("%q.Valid() = %v, want %v", tt.kind, got, tt.want)
			}
		})
	}
}

func FuzzParseTimeframe(f *testing.F) {
	for _, s := range []string{"Thường xuyên", "2020", "giai đoạn 2021 – 2025", "Quý IV/2018",
		"trước ngày 30/12", "31/02/2025", "Tháng 2/2024", "ngày 1 tháng 1", "2020-2010", "\xff/\xfe"} {
		f.Add(s, 2025)
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, defaultYear int) {
		tf := ParseTimeframe(s, defaultYear)
		if !tf.Kind.Valid() {
			t.Fatalf("ParseTimeframe(%q) kind %q invalid", s, tf.Kind)
		}
		for _, d := range []*time.Time{tf.Start, tf.Due} {
			if d != nil && (d.Location() != time.UTC || !d.Equal(d.Truncate(24*time.Hour))) {
				t.Errorf("ParseTimeframe(%q) date %v is not UTC midnight", s, d)
			}
		}
		if tf.Start != nil && tf.Due != nil && tf.Due.Before(*tf.Start) {
			t.Errorf("ParseTimeframe(%q) due %v before start %v", s, tf.Due, tf.Start)
		}
		// Each kind's shape is what Effective and the UI rely on.
		hasDue := tf.Kind != TimeframeOngoing && tf.Kind != TimeframeText
		hasStart := hasDue && tf.Kind != TimeframeDate
		if (tf.Start != nil) != hasStart || (tf.Due != nil) != hasDue {
			t.Errorf("ParseTimeframe(%q) kind %s has start %v due %v", s, tf.Kind, tf.Start, tf.Due)
		}
	})
}
