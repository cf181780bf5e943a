package chart

import (
	"html/template"
	"math"

	"github.com/hoptac/hoptac/internal/vntext"
)

// Geometry of a donut: the ring on the left, its legend on the right.
const (
	donutWidth  = 560
	donutSize   = 220
	donutOuter  = 100.0
	donutInner  = 58.0
	legendLeft  = 240
	legendEntry = 24
)

// Donut draws the first series as a ring of slices, one per label, each
// in its own pattern, with the total in the middle and a legend of
// swatch, label, value and share beside it: the legend is the direct
// label, so the ring needs no colour to be read. A slice and its legend
// line with an href link to it. Zero values keep their legend line.
func Donut(d Data) template.HTML {
	var b svg
	h := max(donutSize, legendEntry*len(d.Labels)+8)
	b.open(d, donutWidth, h)
	b.defs(d, len(d.Labels))
	var s Series
	if len(d.Series) > 0 {
		s = d.Series[0]
	}
	total := 0.0
	for i := range d.Labels {
		total += max(s.value(i), 0)
	}
	c := donutSize / 2.0
	if total <= 0 {
		b.f(`<circle cx="%s" cy="%s" r="%s" fill="none" stroke="#999" stroke-width="%s"/>`,
			fmtf(c), fmtf(c), fmtf((donutOuter+donutInner)/2), fmtf(donutOuter-donutInner))
	}
	angle := 0.0
	for i, label := range d.Labels {
		v := max(s.value(i), 0)
		if v <= 0 || total <= 0 {
			continue
		}
		sweep := v / total * 2 * math.Pi
		b.link(s.href(i), func() {
			b.f(`<path d="%s" fill="%s" stroke="#000" stroke-width="0.75"><title>%s: %s</title></path>`,
				slice(c, angle, sweep), fill(d, i), esc(label), esc(d.Format(v)))
		})
		angle += sweep
	}
	b.f(`<text x="%s" y="%s" font-size="22" font-weight="bold" text-anchor="middle">%s</text>`, fmtf(c), fmtf(c+8), esc(d.Format(total)))
	for i, label := range d.Labels {
		v := max(s.value(i), 0)
		y := 4 + i*legendEntry
		share := 0.0
		if total > 0 {
			share = v / total * 100
		}
		b.link(s.href(i), func() {
			swatch(&b, d, i, legendLeft, y+3)
			b.f(`<text x="%d" y="%d" font-size="13">%s: <tspan font-weight="bold">%s</tspan> (%s%%)</text>`,
				legendLeft+18, y+14, esc(label), esc(d.Format(v)), vntext.FormatDecimal(share, 1))
		})
	}
	return b.close()
}

// slice is the path of a ring segment from angle a (radians, clockwise
// from 12 o'clock) through sweep. A whole ring is drawn as two halves, as
// an arc cannot end where it starts.
func slice(c, a, sweep float64) string {
	if sweep >= 2*math.Pi-1e-9 {
		return slice(c, a, math.Pi) + " " + slice(c, a+math.Pi, math.Pi)
	}
	pt := func(r, t float64) string {
		return fmtf(c+r*math.Sin(t)) + "," + fmtf(c-r*math.Cos(t))
	}
	large := 0
	if sweep > math.Pi {
		large = 1
	}
	return "M" + pt(donutOuter, a) +
		" A" + fmtf(donutOuter) + "," + fmtf(donutOuter) + " 0 " + itoa(large) + ",1 " + pt(donutOuter, a+sweep) +
		" L" + pt(donutInner, a+sweep) +
		" A" + fmtf(donutInner) + "," + fmtf(donutInner) + " 0 " + itoa(large) + ",0 " + pt(donutInner, a) + " Z"
}

func itoa(n int) string { return vntext.FormatInt(int64(n)) }
