package chart

import (
	"encoding/xml"
	"flag"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata")

// sample is data with the awkward cases: a label that would be markup, an
// ampersand, a zero, thousands and a link.
func sample(series int) Data {
	d := Data{ID: "c1", Title: "Nhiệm vụ quá hạn theo cơ quan", Desc: "Số nhiệm vụ quá hạn của mỗi cơ quan chủ trì hoặc phối hợp.",
		Category: "Cơ quan", Labels: []string{"Sở Tài chính", `<script>alert("x")</script>`, "Sở Nông nghiệp & Môi trường", "UBND xã Tân Lập"}}
	names := []string{"Chưa thực hiện", "Đang thực hiện", "Hoàn thành"}
	for i := range series {
		d.Series = append(d.Series, Series{Name: names[i], Values: []float64{float64(12 * (i + 1)), 3, 0, 1234 + float64(i)},
			Hrefs: []string{"/plans/1?agency=2&status=overdue", "", "", "/plans/1?agency=9"}})
	}
	return d
}

func charts() map[string]template.HTML {
	rates := Data{ID: "rates", Title: "Tỷ lệ báo cáo đúng hạn", Desc: "Theo kỳ", Category: "Kỳ",
		Labels: []string{"2026-Q1", "2026-Q2", "2026-Q3"}, Decimals: 1, Suffix: "%",
		Series: []Series{{Name: "Tỷ lệ gửi", Values: []float64{100, 87.5, 33.3}}, {Name: "Đúng hạn", Values: []float64{90, 62.5, 0}}}}
	progress := rates
	progress.Series = rates.Series[:1]
	return map[string]template.HTML{
		"bar":          Bar(sample(1)),
		"bar_stacked":  Bar(sample(3)),
		"bar_empty":    Bar(Data{ID: "e", Title: "Trống"}),
		"line":         Line(rates),
		"line_one":     Line(Data{ID: "one", Title: "Một điểm", Labels: []string{"2025"}, Series: []Series{{Name: "a", Values: []float64{5}}}}),
		"sparkline":    Sparkline(Data{ID: "s", Title: "Số hợp tác xã", Series: []Series{{Values: []float64{1200, 1350, 1298, 1500}}}}),
		"sparkline_no": Sparkline(Data{ID: "s0", Title: "Không có số liệu"}),
		"sparkline_gap": Sparkline(Data{ID: "g", Title: "Năm thiếu số liệu", Series: []Series{{Values: []float64{4, 0, 6, 7, 0, 9, 0},
			Missing: []bool{false, true, false, false, true, false, true}}}}),
		"progress":    Progress(progress, 100),
		"donut":       Donut(sample(1)),
		"donut_whole": Donut(Data{ID: "w", Title: "Một phần", Labels: []string{"Hoàn thành", "Quá hạn"}, Series: []Series{{Values: []float64{7, 0}}}}),
		"donut_zero":  Donut(Data{ID: "z", Title: "Không", Labels: []string{"a"}, Series: []Series{{Values: []float64{0}}}}),
	}
}

func TestGolden(t *testing.T) {
	for name, got := range charts() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if string(got)+"\n" != string(want) {
				t.Errorf("%s differs from the golden file; run go test ./internal/chart -update and review the diff", path)
			}
		})
	}
}

// TestWellFormed parses every chart and every table as XML, checks the
// accessible name is wired (role, aria-labelledby to existing title and
// desc ids) and that no label escaped as markup.
func TestWellFormed(t *testing.T) {
	all := charts()
	all["table"] = Table(sample(3))
	for name, out := range all {
		t.Run(name, func(t *testing.T) {
			dec := xml.NewDecoder(strings.NewReader(string(out)))
			ids := map[string]bool{}
			var labelled []string
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v\n%s", err, out)
				}
				se, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				if se.Name.Local == "script" {
					t.Fatalf("a label became a <script> element")
				}
				for _, a := range se.Attr {
					switch a.Name.Local {
					case "id":
						ids[a.Value] = true
					case "aria-labelledby":
						labelled = strings.Fields(a.Value)
					case "role":
						if se.Name.Local == "svg" && a.Value != "img" {
							t.Errorf("role %q", a.Value)
						}
					}
				}
			}
			if name == "table" {
				return
			}
			if len(labelled) != 2 {
				t.Fatalf("aria-labelledby names %v", labelled)
			}
			for _, id := range labelled {
				if !ids[id] {
					t.Errorf("aria-labelledby names %q, which is no element", id)
				}
			}
			if !strings.Contains(string(out), "<title id=") || !strings.Contains(string(out), "<desc id=") {
				t.Error("no <title> or <desc>")
			}
		})
	}
}

func TestLabelsAreEscaped(t *testing.T) {
	for name, out := range map[string]template.HTML{"bar": Bar(sample(2)), "donut": Donut(sample(1)), "table": Table(sample(1)),
		"line": Line(sample(1)), "progress": Progress(sample(1), 2000)} {
		s := string(out)
		if strings.Contains(s, "<script>") || strings.Contains(s, "& ") {
			t.Errorf("%s: unescaped label:\n%s", name, s)
		}
		if !strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, "Nông nghiệp &amp; Môi trường") {
			t.Errorf("%s: the labels are missing, escaped:\n%s", name, s)
		}
	}
}

// TestValuesWrittenVietnamese checks the direct labels: values with "."
// between thousands and "," before decimals, and links to the rows.
func TestValuesWrittenVietnamese(t *testing.T) {
	bar := string(Bar(sample(1)))
	if !strings.Contains(bar, ">1.234<") {
		t.Errorf("bar value not written 1.234:\n%s", bar)
	}
	if !strings.Contains(bar, `<a href="/plans/1?agency=2&amp;status=overdue">`) {
		t.Errorf("bar not linked to its rows:\n%s", bar)
	}
	rates := Data{ID: "r", Labels: []string{"Q1"}, Decimals: 1, Suffix: "%", Series: []Series{{Name: "x", Values: []float64{87.5}}}}
	for name, out := range map[string]template.HTML{"progress": Progress(rates, 100), "line": Line(rates), "table": Table(rates)} {
		if !strings.Contains(string(out), "87,5%") {
			t.Errorf("%s: 87.5%% not written 87,5%%:\n%s", name, out)
		}
	}
	table := string(Table(sample(2)))
	if !strings.Contains(table, `<a href="/plans/1?agency=9">1.235</a>`) || !strings.Contains(table, `<th scope="row">Sở Tài chính</th>`) {
		t.Errorf("table:\n%s", table)
	}
}

// TestSeriesDifferWithoutColour: printed in grey, each series of a
// stacked bar still has its own pattern, and each line its own dash.
func TestSeriesDifferWithoutColour(t *testing.T) {
	seen := map[string]bool{}
	for i := range 3 {
		if seen[patterns[i]] || seen[dashes[i]+"d"] {
			t.Fatalf("series %d repeats a pattern or dash", i)
		}
		seen[patterns[i]], seen[dashes[i]+"d"] = true, true
	}
	// Each segment is filled with its own series' pattern, not only its
	// legend swatch.
	bar := string(Bar(sample(3)))
	for i, name := range []string{"Chưa thực hiện", "Đang thực hiện", "Hoàn thành"} {
		seg := regexp.MustCompile(`fill="url\(#c1-p` + strconv.Itoa(i) + `\)" stroke="#000" stroke-width="0.5"><title>Sở Tài chính – ` + name)
		if !seg.MatchString(bar) {
			t.Errorf("the segment of %s is not in pattern %d:\n%s", name, i, bar)
		}
	}
}

func TestDonutSharesAddUp(t *testing.T) {
	d := Donut(Data{ID: "d", Labels: []string{"a", "b", "c"}, Series: []Series{{Values: []float64{1, 1, 2}}}})
	for _, want := range []string{"(25%)", "(50%)", ">4<"} {
		if !strings.Contains(string(d), want) {
			t.Errorf("donut lacks %s:\n%s", want, d)
		}
	}
}
