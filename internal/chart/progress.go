package chart

import "html/template"

// Geometry of progress bars: like Bar, a row per label with the label
// above and the value after the bar.
const progressTrack = barWidth - barValueW

// Progress draws the first series as progress bars, one row per label,
// each from 0 to of (100 for a percentage): an outlined track, the part
// done filled in the first pattern, and the value after it. A bar with an
// href links to it.
func Progress(d Data, of float64) template.HTML {
	var b svg
	h := barRow*max(len(d.Labels), 1) + 4
	b.open(d, barWidth, h)
	b.defs(d, 1)
	var s Series
	if len(d.Series) > 0 {
		s = d.Series[0]
	}
	for i, label := range d.Labels {
		y := i * barRow
		v := s.value(i)
		w := 0.0
		if of > 0 {
			w = min(max(v, 0), of) / of * progressTrack
		}
		b.f(`<text x="0" y="%d" font-size="12">%s</text>`, y+barLabelY, esc(label))
		b.link(s.href(i), func() {
			b.f(`<rect x="0" y="%d" width="%d" height="%d" fill="#fff" stroke="#000" stroke-width="1"/>`, y+barTop, progressTrack, barHeight)
			b.f(`<rect x="0" y="%d" width="%s" height="%d" fill="%s"><title>%s: %s</title></rect>`,
				y+barTop, fmtf(w), barHeight, fill(d, 0), esc(label), esc(d.Format(v)))
		})
		b.f(`<text x="%d" y="%d" font-size="12" font-weight="bold">%s</text>`, progressTrack+6, y+barTop+13, esc(d.Format(v)))
	}
	return b.close()
}
