package planimport

import (
	"context"
	"testing"
)

func TestGroupOf(t *testing.T) {
	t.Parallel()
	cases := []struct {
		r          row
		code, titl string
		ok         bool
	}{
		{row{stt: "II", content: "Rà soát"}, "II", "Rà soát", true},
		{row{stt: "III.", content: "**Củng cố**"}, "III", "Củng cố", true},
		{row{stt: "IV. Nâng cao hiệu quả"}, "IV", "Nâng cao hiệu quả", true},
		{row{content: "V. Phát huy vai trò"}, "V", "Phát huy vai trò", true},
		{row{stt: "1", content: "Việc"}, "", "", false},
		{row{content: "V. Phát huy", lead: "Sở Y tế"}, "", "", false},
	}
	for _, c := range cases {
		code, title, ok := groupOf(c.r)
		if code != c.code || title != c.titl || ok != c.ok {
			t.Errorf("groupOf(%+v) = %q, %q, %v", c.r, code, title, ok)
		}
	}
}

func TestLetterCode(t *testing.T) {
	t.Parallel()
	if letterCode(0) != "a" || letterCode(25) != "z" || letterCode(26) != "n27" {
		t.Error("letterCode")
	}
}

func TestTimeframeExtensions(t *testing.T) {
	t.Parallel()
	p := newParser(context.Background(), nil, nil)
	p.year = 2024
	cases := map[string]string{
		"Thường xuyên": "ongoing", "Hàng năm": "ongoing", "Hằng năm.": "ongoing", "Thường xuyên, hàng năm": "ongoing",
		"Quý IV": "quarter", "2020 – 2025": "range", "Năm 2020 và các năm tiếp theo": "text",
		"Đến năm 2025": "date", "Trước quý II/2026": "date", "Trong năm 2021": "year", "Đến 2021-2025": "text",
	}
	for in, want := range cases {
		if got := p.timeframe(in); got.Kind != want || got.Text != in {
			t.Errorf("timeframe(%q) = %+v, want %s", in, got, want)
		}
	}
}

func TestTimeframeDeadline(t *testing.T) {
	t.Parallel()
	p := newParser(context.Background(), nil, nil)
	if tf := p.timeframe("Đến năm 2025"); tf.Start != nil || tf.Due.String() != "2025-12-31" {
		t.Errorf("Đến năm 2025 = %+v", tf)
	}
	if tf := p.timeframe("Quý II"); tf.Kind != "text" {
		t.Errorf("a quarter without a year and no document year = %+v", tf)
	}
}

func TestCleanLines(t *testing.T) {
	t.Parallel()
	if got := cleanLines("  Một  dòng \n\n hai\u00A0 "); got != "Một dòng\nhai" {
		t.Errorf("cleanLines = %q", got)
	}
}
