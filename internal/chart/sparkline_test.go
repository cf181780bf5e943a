package chart

import (
	"regexp"
	"strings"
	"testing"
)

// A year with no figure is a gap in the sparkline, not a point left out:
// the points stay where their years are, the line stops before the gap
// and starts again after it, a point alone is a dot, and the last point
// with a value is the one marked and written.
func TestSparklineGaps(t *testing.T) {
	for _, c := range []struct {
		name    string
		values  []float64
		missing []bool
		// lines are the x of each polyline's points; dots the x of the
		// small dots; mark the x of the marked last point; text what is
		// written after the line.
		lines [][]string
		dots  []string
		mark  string
		text  string
	}{
		{name: "none missing", values: []float64{1, 2, 3}, lines: [][]string{{"3", "56.5", "110"}}, mark: "110", text: "3"},
		{name: "middle", values: []float64{1, 0, 3}, missing: []bool{false, true, false},
			dots: []string{"3", "110"}, mark: "110", text: "3"},
		{name: "two runs", values: []float64{1, 2, 0, 0, 5, 6}, missing: []bool{false, false, true, true, false, false},
			lines: [][]string{{"3", "24.4"}, {"88.6", "110"}}, mark: "110", text: "6"},
		{name: "last missing", values: []float64{1, 2, 3, 0}, missing: []bool{false, false, false, true},
			lines: [][]string{{"3", "38.67", "74.33"}}, mark: "74.33", text: "3"},
		{name: "first missing", values: []float64{0, 2, 3}, missing: []bool{true, false, false},
			lines: [][]string{{"56.5", "110"}}, mark: "110", text: "3"},
		{name: "all missing", values: []float64{1, 2}, missing: []bool{true, true}, text: "–"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := string(Sparkline(Data{ID: "s", Title: "t", Series: []Series{{Values: c.values, Missing: c.missing}}}))
			var lines [][]string
			for _, m := range regexp.MustCompile(`<polyline points="([^"]*)"`).FindAllStringSubmatch(out, -1) {
				var xs []string
				for _, pt := range strings.Fields(m[1]) {
					xs = append(xs, strings.Split(pt, ",")[0])
				}
				lines = append(lines, xs)
			}
			if !equalLines(lines, c.lines) {
				t.Errorf("lines at x %v, want %v:\n%s", lines, c.lines, out)
			}
			var dots []string
			for _, m := range regexp.MustCompile(`<circle cx="([^"]*)" cy="[^"]*" r="1.5"`).FindAllStringSubmatch(out, -1) {
				dots = append(dots, m[1])
			}
			if strings.Join(dots, " ") != strings.Join(c.dots, " ") {
				t.Errorf("dots at x %v, want %v:\n%s", dots, c.dots, out)
			}
			mark := regexp.MustCompile(`<circle cx="([^"]*)" cy="[^"]*" r="2.5"`).FindStringSubmatch(out)
			if (mark == nil) != (c.mark == "") || mark != nil && mark[1] != c.mark {
				t.Errorf("marked point %v, want x %q:\n%s", mark, c.mark, out)
			}
			if !strings.Contains(out, `font-size="12">`+c.text+`</text>`) {
				t.Errorf("the written value is not %q:\n%s", c.text, out)
			}
		})
	}
}

func equalLines(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], " ") != strings.Join(b[i], " ") {
			return false
		}
	}
	return true
}

// The table view writes Data.NoValue for a missing value, with no link,
// and every other value as before.
func TestTableWritesNoValue(t *testing.T) {
	d := Data{ID: "t", Title: "t", Category: "Năm", NoValue: "Chưa có số liệu", Labels: []string{"2018", "2019", "2020"},
		Series: []Series{{Name: "v", Values: []float64{1500, 0, 2}, Missing: []bool{false, true, false},
			Hrefs: []string{"/a", "/b", "/c"}}}}
	out := string(Table(d))
	for _, want := range []string{
		`<th scope="row">2018</th><td class="num"><a href="/a">1.500</a></td>`,
		`<th scope="row">2019</th><td class="num">Chưa có số liệu</td>`,
		`<th scope="row">2020</th><td class="num"><a href="/c">2</a></td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `href="/b"`) {
		t.Errorf("a missing value links to rows:\n%s", out)
	}
}
