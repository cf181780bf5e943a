// Package chart draws charts as SVG on the server: horizontal bars, lines
// and sparklines, progress bars and donuts. Pages need no script to show
// them. Each chart is readable printed in black and white (series differ by
// pattern or line style, not colour alone, and every bar or point carries
// its value as text) and comes with Table, the same data as an HTML table
// that screen readers use and that holds the links to the rows behind each
// number.
//
// Labels come from user data (agency, unit and group names): every string
// is escaped on the way out, so a label may hold "<script>" or "&".
package chart

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/hoptac/hoptac/internal/vntext"
)

// Data is what a chart shows: categories (Labels) down the rows and one
// or more series across them.
type Data struct {
	// ID is unique within the page: the SVG's element ids (title, desc,
	// patterns) start with it, so two charts on one page do not collide.
	ID    string
	Title string
	Desc  string
	// Category heads the table's first column (e.g. "Cơ quan").
	Category string
	Labels   []string
	Series   []Series
	// Decimals is the number of decimals values are written with;
	// Suffix follows each value ("%").
	Decimals int
	Suffix   string
	// NoValue is what the table writes for a value a series marks
	// missing (Series.Missing), e.g. "Chưa có số liệu".
	NoValue string
}

// Series is one set of values, one per label. Hrefs, when given, link each
// value to the rows it counts ("" for no link).
type Series struct {
	Name   string
	Values []float64
	Hrefs  []string
	// Missing, when given, marks the labels that have no value (their
	// Values entry is ignored): a sparkline leaves a gap in its line
	// there and the table writes Data.NoValue, without a link.
	Missing []bool
}

// Format writes a value the Vietnamese way, with d's decimals and suffix.
func (d Data) Format(v float64) string {
	return vntext.FormatDecimal(v, d.Decimals) + d.Suffix
}

func (s Series) href(i int) string {
	if i < len(s.Hrefs) {
		return s.Hrefs[i]
	}
	return ""
}

func (s Series) missing(i int) bool {
	return i < len(s.Missing) && s.Missing[i]
}

func (s Series) value(i int) float64 {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

// esc escapes text and attribute values alike (&, <, >, ', ").
func esc(s string) string { return html.EscapeString(s) }

// svg accumulates one chart's markup.
type svg struct{ strings.Builder }

func (b *svg) f(format string, args ...any) { fmt.Fprintf(b, format, args...) }

// open writes the <svg> element with its accessible name and description:
// role="img" with aria-labelledby pointing at <title> and <desc>, so a
// screen reader announces the chart once and reads the table for figures.
func (b *svg) open(d Data, w, h int) {
	b.f(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" font-family="sans-serif">`,
		esc(d.ID), esc(d.ID), w, h)
	b.f(`<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(d.ID), esc(d.Title), esc(d.ID), esc(d.Desc))
}

func (b *svg) close() template.HTML {
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every value was escaped by esc
}

// link wraps inner in an <a> when href is set.
func (b *svg) link(href string, inner func()) {
	if href == "" {
		inner()
		return
	}
	b.f(`<a href="%s">`, esc(href))
	inner()
	b.WriteString(`</a>`)
}

// Series are told apart by a fill pattern (bars, donut slices) and by a
// dash style and marker (lines). The colours help on screen; printed in
// grey, the hatching still separates them.
var (
	colours = []string{"#1f5f8b", "#c8553d", "#2f6f4e", "#8a6d1f", "#6b4c9a", "#555555"}
	// pattern draws over a series' colour: none, diagonal, dots, cross,
	// horizontal, vertical.
	patterns = []string{
		``,
		`<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.5"/>`,
		`<circle cx="3" cy="3" r="1.3" fill="#fff"/>`,
		`<path d="M0,0 L6,6 M0,6 L6,0" stroke="#fff" stroke-width="1"/>`,
		`<path d="M0,3 L6,3" stroke="#fff" stroke-width="1.5"/>`,
		`<path d="M3,0 L3,6" stroke="#fff" stroke-width="1.5"/>`,
	}
	dashes = []string{"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"}
)

// defs writes one pattern per series for fills: the series' colour with
// its hatching over it.
func (b *svg) defs(d Data, n int) {
	b.WriteString(`<defs>`)
	for i := range n {
		b.f(`<pattern id="%s-p%d" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="%s"/>%s</pattern>`,
			esc(d.ID), i, colours[i%len(colours)], patterns[i%len(patterns)])
	}
	b.WriteString(`</defs>`)
}

func fill(d Data, i int) string { return fmt.Sprintf("url(#%s-p%d)", esc(d.ID), i) }

// Swatch is a small legend box in series i's pattern, for legends that a
// page writes in HTML.
func swatch(b *svg, d Data, i, x, y int) {
	b.f(`<rect x="%d" y="%d" width="12" height="12" fill="%s" stroke="#000" stroke-width="0.5"/>`, x, y, fill(d, i))
}

// fmtf writes SVG coordinates with at most two decimals.
func fmtf(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}
