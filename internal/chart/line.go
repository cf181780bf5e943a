package chart

import (
	"html/template"
	"strings"
)

// Geometry of a line chart.
const (
	lineWidth  = 640
	lineHeight = 240
	lineLeft   = 40 // room for the first label, centred on its point
	lineRight  = 40
	lineBottom = 24 // room for the labels along the axis
	lineTop    = 20 // room for the value over the highest point
)

// markers tell series apart where their lines cross: circle, square,
// triangle, diamond, and again.
var markers = []string{
	`<circle cx="%s" cy="%s" r="3.5" fill="#fff" stroke="%s" stroke-width="2"/>`,
	`<rect x="%[1]s" y="%[2]s" width="7" height="7" transform="translate(-3.5 -3.5)" fill="#fff" stroke="%[3]s" stroke-width="2"/>`,
	`<path d="M%s,%s m0,-4.5 l4,7 l-8,0 z" fill="#fff" stroke="%s" stroke-width="2"/>`,
	`<path d="M%s,%s m0,-5 l5,5 l-5,5 l-5,-5 z" fill="#fff" stroke="%s" stroke-width="2"/>`,
}

// Line draws each series as a line over the labels (years, periods), from
// zero to the highest value, each series with its own dash style and
// marker and each point with its value written over it; a legend on top
// when there are several. A point with an href links to it.
func Line(d Data) template.HTML {
	var b svg
	legend := 0
	if len(d.Series) > 1 {
		legend = legendRow
	}
	h := lineHeight + legend
	b.open(d, lineWidth, h)
	b.defs(d, len(d.Series))
	if legend > 0 {
		x := 0
		for i, s := range d.Series {
			c := colours[i%len(colours)]
			b.f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="%s"/>`, x, 8, x+24, 8, c, dashes[i%len(dashes)])
			b.f(markers[i%len(markers)], fmtf(float64(x+12)), "8", c)
			b.f(`<text x="%d" y="12" font-size="12">%s</text>`, x+30, esc(s.Name))
			x += 30 + 7*len([]rune(s.Name)) + 14
		}
	}
	top := 0.0
	for _, s := range d.Series {
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	base := float64(h - lineBottom)
	plotH := base - float64(legend+lineTop)
	xs := spread(len(d.Labels), lineLeft, lineWidth-lineRight)
	b.f(`<line x1="0" y1="%s" x2="%d" y2="%s" stroke="#000"/>`, fmtf(base), lineWidth, fmtf(base))
	for i, label := range d.Labels {
		b.f(`<text x="%s" y="%s" font-size="11" text-anchor="middle">%s</text>`, fmtf(xs[i]), fmtf(base+16), esc(label))
	}
	y := func(v float64) float64 {
		if top <= 0 {
			return base
		}
		return base - v/top*plotH
	}
	for si, s := range d.Series {
		c := colours[si%len(colours)]
		var pts []string
		for i := range d.Labels {
			pts = append(pts, fmtf(xs[i])+","+fmtf(y(s.value(i))))
		}
		b.f(`<polyline points="%s" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="%s"/>`, strings.Join(pts, " "), c, dashes[si%len(dashes)])
		for i, label := range d.Labels {
			v := s.value(i)
			b.link(s.href(i), func() {
				b.f(`<g><title>%s%s: %s</title>`, esc(label), seriesName(d, s), esc(d.Format(v)))
				b.f(markers[si%len(markers)], fmtf(xs[i]), fmtf(y(v)), c)
				b.f(`<text x="%s" y="%s" font-size="11" text-anchor="middle">%s</text></g>`, fmtf(xs[i]), fmtf(y(v)-8), esc(d.Format(v)))
			})
		}
	}
	return b.close()
}

// spread places n points evenly between from and to, one alone in the
// middle.
func spread(n int, from, to float64) []float64 {
	out := make([]float64, n)
	if n == 1 {
		out[0] = (from + to) / 2
		return out
	}
	for i := range n {
		out[i] = from + (to-from)*float64(i)/float64(n-1)
	}
	return out
}

// Geometry of a sparkline: a line the height of a text line, the last
// value written after it.
const (
	sparkWidth  = 160
	sparkLine   = 110
	sparkHeight = 28
)

// Sparkline draws the first series as a small line without axes, for a
// table cell: its lowest to highest value fill the height, the last point
// with a value is marked and its value written after the line. Points are
// spaced by label, so a caller gives a label per year (or period), and a
// label the series marks missing leaves a gap: the line stops before it
// and starts again after it, and a point with no neighbour is drawn as a
// dot. Title and Desc still name it; Table gives the figures.
func Sparkline(d Data) template.HTML {
	var b svg
	b.f(`<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="%d" height="%d" font-family="sans-serif">`,
		esc(d.ID), esc(d.ID), sparkWidth, sparkHeight, sparkWidth, sparkHeight)
	b.f(`<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(d.ID), esc(d.Title), esc(d.ID), esc(d.Desc))
	last := -1
	if len(d.Series) > 0 {
		s := d.Series[0]
		for i := range s.Values {
			if !s.missing(i) {
				last = i
			}
		}
	}
	if last < 0 {
		b.f(`<text x="0" y="18" font-size="12">–</text>`)
		return b.close()
	}
	s := d.Series[0]
	lo, hi := s.Values[last], s.Values[last]
	for i, v := range s.Values {
		if !s.missing(i) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	xs := spread(len(s.Values), 3, sparkLine)
	y := func(v float64) float64 {
		if hi == lo {
			return sparkHeight / 2
		}
		return sparkHeight - 4 - (v-lo)/(hi-lo)*(sparkHeight-8)
	}
	// Each run of points with values is a line of its own.
	var run []int
	flush := func() {
		switch len(run) {
		case 0:
		case 1:
			b.f(`<circle cx="%s" cy="%s" r="1.5" fill="#000"/>`, fmtf(xs[run[0]]), fmtf(y(s.Values[run[0]])))
		default:
			pts := make([]string, len(run))
			for k, i := range run {
				pts[k] = fmtf(xs[i]) + "," + fmtf(y(s.Values[i]))
			}
			b.f(`<polyline points="%s" fill="none" stroke="#000" stroke-width="1.5"/>`, strings.Join(pts, " "))
		}
		run = run[:0]
	}
	for i := range s.Values {
		if s.missing(i) {
			flush()
			continue
		}
		run = append(run, i)
	}
	flush()
	b.f(`<circle cx="%s" cy="%s" r="2.5" fill="#000"/>`, fmtf(xs[last]), fmtf(y(s.Values[last])))
	b.f(`<text x="%d" y="18" font-size="12">%s</text>`, sparkLine+6, esc(d.Format(s.Values[last])))
	return b.close()
}
