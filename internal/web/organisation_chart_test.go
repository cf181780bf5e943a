package web

import (
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
)

func TestRevenueChart(t *testing.T) {
	if newRevenueChart(nil) != nil {
		t.Error("a chart of nothing")
	}
	c := newRevenueChart([]coop.YearFigures{{Year: 2023, Revenue: 2_000_000_000}, {Year: 2024, Revenue: 8_000_000_000}, {Year: 2025}})
	if len(c.Bars) != 3 || c.Max != "8.000.000.000" {
		t.Fatalf("%+v", c)
	}
	top, quarter, zero := c.Bars[1], c.Bars[0], c.Bars[2]
	if top.H != c.Base-chartTop || top.Y != chartTop {
		t.Errorf("the largest bar does not fill the plot: %+v", top)
	}
	if quarter.H != top.H/4 {
		t.Errorf("a quarter of the revenue is %d high, want %d", quarter.H, top.H/4)
	}
	if zero.H != 0 || zero.Y != c.Base {
		t.Errorf("no revenue: %+v", zero)
	}
	if quarter.Value != "2.000.000.000" || quarter.X >= top.X {
		t.Errorf("labels and order: %+v %+v", quarter, top)
	}
}
