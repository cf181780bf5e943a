package reportdoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// wordRE is a word of pdftotext -bbox: its box in points.
var wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// pageRE is a page object of the PDF.
var pageRE = regexp.MustCompile(`/Type /Page\b[^s]`)

// TestPDFLongTablesWrapAndBreak: a report of 100 tasks, and a target whose
// text alone is longer than a page, stays inside the margins on every
// page, loses no word, and repeats the table header on each page the
// table crosses.
func TestPDFLongTablesWrapAndBreak(t *testing.T) {
	r := big(t, 100, 30)
	var long []string
	for i := range 400 {
		long = append(long, fmt.Sprintf("đoạn%d", i))
	}
	r.Targets = append(r.Targets[:3], append([]Target{{Text: strings.Join(long, " "), Planned: "100%", Achieved: "cuối", Assessment: "Đạt"}}, r.Targets[3:]...)...)
	pdf := writePDF(t, r)
	bbox := pdfText(t, pdf, "-bbox")
	const (
		pt     = 72 / 25.4
		left   = 30*pt - 1
		right  = 595.28 - 15*pt + 1
		bottom = 841.89 - 20*pt + 1
	)
	words := map[string]bool{}
	for _, m := range wordRE.FindAllStringSubmatch(bbox, -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		words[m[5]] = true
		// The page number sits in the top margin, as Decree 30 puts it.
		if x0 < left || x1 > right || y1 > bottom || y0 < 10*pt-1 {
			t.Errorf("%q at (%.0f,%.0f)-(%.0f,%.0f) pt is outside the margins", m[5], x0, y0, x1, y1)
		}
	}
	if len(words) < 100 {
		t.Fatalf("only %d distinct words read back", len(words))
	}
	for _, w := range long {
		if !words[w] {
			t.Errorf("word %q of the long target is lost", w)
		}
	}
	text := pdfText(t, pdf)
	for i := range 100 {
		if want := fmt.Sprintf("Nhiệm vụ số %d: hỗ trợ hợp tác xã ứng dụng công nghệ cao", i+1); !strings.Contains(text, want) {
			t.Errorf("task %d's title is missing", i+1)
		}
	}
	pages := len(pageRE.FindAll(pdf, -1))
	if pages < 10 {
		t.Errorf("%d pages for 100 tasks: the report cannot be whole", pages)
	}
	// The long target spans at least two pages of the targets table, the
	// budget's 100 rows at least three: each page starts with the header.
	if n := strings.Count(text, "Kết quả thực"); n < 3 {
		t.Errorf("targets header printed %d times, want it on every page of the table", n)
	}
	if n := strings.Count(text, "Đã giải ngân"); n < 3 {
		t.Errorf("budget header printed %d times, want it on every page of the table", n)
	}
}
