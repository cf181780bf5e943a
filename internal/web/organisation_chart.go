package web

import (
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/vntext"
)

// revenueChart is a bar chart of an organisation's revenue year by year,
// drawn on the server as SVG so it needs no script. The figures table
// beside it is its accessible alternative: the chart names it.
type revenueChart struct {
	Width, Height int
	Base          int // y of the axis
	Bars          []chartBar
	Max           string // the largest revenue, written the Vietnamese way
}

// chartBar is one year's bar, in the SVG's coordinates.
type chartBar struct {
	X, Y, W, H int
	Year       int
	Value      string // the revenue in đồng, 1.234.567
	LabelX     int
}

// Geometry of the chart, in SVG user units.
const (
	chartWidth  = 600
	chartHeight = 220
	chartTop    = 20
	chartBottom = 30 // room for the year labels
	chartGap    = 12
)

// newRevenueChart lays out figures (oldest year first) as bars scaled to
// the largest revenue; nil when there is nothing to draw.
func newRevenueChart(figures []coop.YearFigures) *revenueChart {
	if len(figures) == 0 {
		return nil
	}
	var top int64
	for _, f := range figures {
		top = max(top, f.Revenue)
	}
	c := &revenueChart{Width: chartWidth, Height: chartHeight, Base: chartHeight - chartBottom, Max: vntext.FormatInt(top)}
	slot := chartWidth / len(figures)
	plot := c.Base - chartTop
	for i, f := range figures {
		h := 0
		if top > 0 {
			// Scaled in float: revenues of 10^13 đồng times a few hundred
			// units would overflow nothing, but integer division would
			// flatten small bars to zero.
			h = int(float64(f.Revenue) / float64(top) * float64(plot))
		}
		x := i*slot + chartGap/2
		c.Bars = append(c.Bars, chartBar{X: x, Y: c.Base - h, W: slot - chartGap, H: h, Year: f.Year,
			Value: vntext.FormatInt(f.Revenue), LabelX: x + (slot-chartGap)/2})
	}
	return c
}
