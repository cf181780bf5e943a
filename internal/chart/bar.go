package chart

import "html/template"

// Geometry of a horizontal bar chart, in SVG user units. Each category
// takes a row: its label on a line of its own (agency names are long),
// then its bar with the value written after it.
const (
	barWidth   = 640
	barValueW  = 90 // room after the longest bar for its value
	barRow     = 44
	barLabelY  = 13
	barTop     = 17
	barHeight  = 18
	legendRow  = 22
	minInlineW = 26 // a stacked segment narrower than this has no number inside
)

// Bar draws horizontal bars, one row per label. With one series each bar
// is that series' value; with several they are stacked, each segment in
// its series' pattern with its value inside when it fits, the total after
// the bar, and a legend on top. A segment with an href links to it.
func Bar(d Data) template.HTML {
	var b svg
	legend := 0
	if len(d.Series) > 1 {
		legend = legendRow
	}
	h := legend + barRow*len(d.Labels) + 4
	if len(d.Labels) == 0 {
		h = legend + barRow
	}
	b.open(d, barWidth, h)
	b.defs(d, len(d.Series))
	if legend > 0 {
		writeLegend(&b, d, 0)
	}
	top := 0.0
	for i := range d.Labels {
		top = max(top, rowTotal(d, i))
	}
	plot := float64(barWidth - barValueW)
	for i, label := range d.Labels {
		y := legend + i*barRow
		b.f(`<text x="0" y="%d" font-size="12">%s</text>`, y+barLabelY, esc(label))
		x := 0.0
		for si, s := range d.Series {
			v := s.value(i)
			if v <= 0 {
				continue
			}
			w := 0.0
			if top > 0 {
				w = v / top * plot
			}
			b.link(s.href(i), func() {
				b.f(`<rect x="%s" y="%d" width="%s" height="%d" fill="%s" stroke="#000" stroke-width="0.5"><title>%s%s: %s</title></rect>`,
					fmtf(x), y+barTop, fmtf(w), barHeight, fill(d, si), esc(label), seriesName(d, s), esc(d.Format(v)))
				if len(d.Series) > 1 && w >= minInlineW {
					// White on a paper-white box keeps the number legible
					// over any hatching, in colour or grey.
					b.f(`<text x="%s" y="%d" font-size="11" text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3">%s</text>`,
						fmtf(x+w/2), y+barTop+13, esc(d.Format(v)))
				}
			})
			x += w
		}
		b.f(`<text x="%s" y="%d" font-size="12" font-weight="bold">%s</text>`, fmtf(x+4), y+barTop+13, esc(d.Format(rowTotal(d, i))))
	}
	if len(d.Labels) == 0 {
		b.f(`<text x="0" y="%d" font-size="12">–</text>`, legend+barLabelY)
	}
	return b.close()
}

// rowTotal sums a label's values over every series.
func rowTotal(d Data, i int) float64 {
	t := 0.0
	for _, s := range d.Series {
		t += max(s.value(i), 0)
	}
	return t
}

// seriesName is ", name" of a stacked segment's series, for its tooltip.
func seriesName(d Data, s Series) string {
	if len(d.Series) < 2 {
		return ""
	}
	return " – " + esc(s.Name)
}

// writeLegend writes one swatch and name per series, in a row at y.
func writeLegend(b *svg, d Data, y int) {
	x := 0
	for i, s := range d.Series {
		swatch(b, d, i, x, y+2)
		b.f(`<text x="%d" y="%d" font-size="12">%s</text>`, x+16, y+12, esc(s.Name))
		x += 16 + 7*len([]rune(s.Name)) + 14
	}
}
