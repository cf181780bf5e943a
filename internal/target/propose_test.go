package target

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/seeds"
)

// The import proposes a link for the seed 004 targets whose text names an
// indicator, and none for the others.
func TestProposeSeed004(t *testing.T) {
	matches, err := filepath.Glob(filepath.Join(seeds.Dir(t), "004_*.txt"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("seed 004: %v %v", matches, err)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	res, err := planimport.Parse(context.Background(), filepath.Base(matches[0]), data, planimport.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	p := planOf(res)
	want := []string{indicator.ShareLaw2012, indicator.Dissolved, indicator.GRDPShare, "",
		indicator.ShareManagersTrained, indicator.ShareManagersCollege, "", indicator.Exemplary}
	if len(p.Targets) != len(want) {
		t.Fatalf("%d targets, want %d", len(p.Targets), len(want))
	}
	for i, tg := range p.Targets {
		pr := ProposeFor(tg, p.IssuedOn)
		if pr.Indicator != want[i] {
			t.Errorf("target %d %q: proposed %q, want %q", i+1, tg.Text, pr.Indicator, want[i])
		}
		if pr.BaselineYear != 2017 {
			t.Errorf("target %d: baseline year %d, want 2017 (the plan is of 2018)", i+1, pr.BaselineYear)
		}
		if tg.Due == nil || pr.Deadline == nil || !pr.Deadline.Equal(*tg.Due) {
			t.Errorf("target %d: deadline %v, want the parsed due %v", i+1, pr.Deadline, tg.Due)
		}
	}
	check := func(i int, cmp string, value float64) {
		t.Helper()
		pr := ProposeFor(p.Targets[i], p.IssuedOn)
		if pr.Comparator != cmp || pr.Value == nil || *pr.Value != value {
			t.Errorf("target %d: %q %v, want %q %v", i+1, pr.Comparator, deref(pr.Value), cmp, value)
		}
	}
	check(2, Between, 1.0)
	check(4, Above, 50)
	check(5, AtLeast, 70) // "trong đó 70%": a plain figure is a floor
	check(7, AtLeast, 10)
	if pr := ProposeFor(p.Targets[2], p.IssuedOn); pr.ValueMax == nil || *pr.ValueMax != 1.2 {
		t.Errorf("range upper bound = %v", pr.ValueMax)
	}
	if pr := ProposeFor(p.Targets[0], p.IssuedOn); pr.Comparator != "" || pr.Value != nil {
		t.Errorf("a target without a figure got %q %v", pr.Comparator, deref(pr.Value))
	}
	if pr := ProposeFor(p.Targets[0], nil); pr.BaselineYear != 0 {
		t.Errorf("baseline year without an issue date = %d", pr.BaselineYear)
	}
}

func TestPropose(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Xây dựng 10 HỢP TÁC XÃ ĐIỂN HÌNH TIÊN TIẾN", indicator.Exemplary},
		{"xay dung hop tac xa dien hinh tien tien", indicator.Exemplary},
		{"đóng góp 1,0-1,2% GRDP", indicator.GRDPShare},
		{"chuyển đổi theo Luật Hợp tác xã năm 2012", indicator.ShareLaw2012},
		{"chuyển đổi mô hình sản xuất", ""},
		{"các hợp tác xã khác hoạt động tốt", ""}, // "khác" is not "khá"
		{"70% hợp tác xã hoạt động tốt, khá", indicator.ShareGoodFair},
		{"tham gia chuỗi giá trị", indicator.ShareValueChain},
		{"tăng thu nhập bình quân của người lao động", indicator.AvgIncome},
		{"thường xuyên được đào tạo lại", indicator.ShareManagersTrained},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			got, ok := Propose(c.text)
			if got != c.want || ok != (c.want != "") {
				t.Errorf("Propose = %q %v, want %q", got, ok, c.want)
			}
		})
	}
	for _, k := range keywords {
		if !Known(k.id) {
			t.Errorf("keyword table names unknown indicator %q", k.id)
		}
	}
}

func TestIndicatorKinds(t *testing.T) {
	if len(Indicators()) != 21 {
		t.Errorf("%d indicators, want every one of package indicator (21)", len(Indicators()))
	}
	for id, want := range map[string]bool{indicator.ShareManagersTrained: true, indicator.ShareLaw2012: true,
		indicator.GRDPShare: false, indicator.Exemplary: false, "share_unknown": false} {
		if IsShare(id) != want {
			t.Errorf("IsShare(%s) = %v", id, !want)
		}
	}
}

// planOf takes what the import read as a stored plan has it.
func planOf(res *planimport.Result) plan.Plan {
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	tm := func(d *planimport.Date) *time.Time {
		if d == nil {
			return nil
		}
		x := d.Time()
		return &x
	}
	p := plan.Plan{IssuedOn: tm(res.Document.IssuedOn)}
	for _, t := range res.Targets {
		p.Targets = append(p.Targets, plan.Target{Text: t.Text, Comparator: str(t.Comparator), Value: t.Value,
			ValueMax: t.ValueMax, Unit: str(t.Unit), Due: tm(t.Due), Parent: t.Parent})
	}
	return p
}
