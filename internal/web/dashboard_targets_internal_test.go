package web

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/hoptac/hoptac/internal/chart"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/target"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// The dashboard's sparkline of a target's path, as drawn: a count
// without decimals and a share with them, the x axis by year, so a year
// without a figure (2018 in the count, 2018 and 2019 in the share, which
// the series does not even list) is a gap in the line and "Chưa có số
// liệu" in the table, the target's text escaped. Compared with golden
// SVG files.
func TestTargetSparklineGolden(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := b.For(i18n.Vietnamese)
	num := func(f float64) *float64 { return &f }
	for _, c := range []struct {
		name string
		row  target.Row
	}{
		{"count", target.Row{Target: plan.Target{ID: 8, Text: "Xây dựng 10 HTX điển hình <tiên tiến> & mở rộng"},
			Link: &target.Link{Indicator: indicator.Exemplary}, Result: &target.Result{Status: target.Missed},
			Series: []indicator.Value{{Year: 2017, Value: num(2)}, {Year: 2018}, {Year: 2019, Value: num(5)}, {Year: 2020, Value: num(7)}}}},
		{"share", target.Row{Target: plan.Target{ID: 3, Text: "Đóng góp 1,0 – 1,2 % GRDP"},
			Link: &target.Link{Indicator: indicator.GRDPShare}, Result: &target.Result{Status: target.Achieved},
			Series: []indicator.Value{{Year: 2017, Value: num(0.8)}, {Year: 2020, Value: num(1.15)}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := []byte(chart.Sparkline(targetSparkline(l, 4, c.row)) + "\n" + chart.Table(targetSparkline(l, 4, c.row)) + "\n")
			path := filepath.Join("testdata", "dashboard_sparkline_"+c.name+".svg.html")
			if *updateGolden {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from the golden file; run go test ./internal/web -run TestTargetSparklineGolden -update and review the diff:\n%s", path, got)
			}
		})
	}
}
