package planimport

import (
	"reflect"
	"testing"
)

func TestParseVNNumber(t *testing.T) {
	t.Parallel()
	cases := map[string]float64{"1,0": 1, "1,2": 1.2, "1.234": 1234, "1.234,5": 1234.5, "50": 50, "2.5": 2.5, "10.000.000": 10000000}
	for in, want := range cases {
		if got, ok := parseVNNumber(in); !ok || got != want {
			t.Errorf("parseVNNumber(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := parseVNNumber("abc"); ok {
		t.Error("abc parsed")
	}
}

func TestRomanHeading(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"II. NỘI DUNG": "II", "V - Phát huy": "V", "IV: x": "IV", "VX. y": "", "I love": "", "Im. x": ""} {
		code, _, _ := romanHeading(in)
		if code != want {
			t.Errorf("romanHeading(%q) = %q, want %q", in, code, want)
		}
	}
}

func TestParseDateAt(t *testing.T) {
	t.Parallel()
	cases := map[string]string{"09/3/2020 của": "2020-03-09", "3-6-2020": "2020-06-03", "21.5.2002": "2002-05-21",
		"23 tháng 5 năm 2018": "2018-05-23", "31/2/2020": "", "3/6-2020": "", "1/1/1800": ""}
	for in, want := range cases {
		d, _ := parseDateAt(in)
		got := ""
		if d != nil {
			got = d.String()
		}
		if got != want {
			t.Errorf("parseDateAt(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	t.Parallel()
	got := sentences("Một; hai. Ba 1.5 bốn. năm")
	want := []string{"Một", " hai", " Ba 1.5 bốn. năm"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences = %q", got)
	}
}

func TestHasGlitch(t *testing.T) {
	t.Parallel()
	if !hasGlitch("Ban Thường vThành ủy") || hasGlitch("Ban Thường vụ Thành ủy") || hasGlitch("UBND") {
		t.Error("hasGlitch")
	}
}
