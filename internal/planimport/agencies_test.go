package planimport

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitAgencies(t *testing.T) {
	t.Parallel()
	cases := []struct {
		cell string
		want []string // text=canonical, or text=? for unresolved, * marks collective
	}{
		{"Sở Kế hoạch và Đầu tư, Sở Nông nghiệp và PTNT, Sở Lao động, Thương binh và Xã hội, UBND các huyện, thị xã, thành phố",
			[]string{"Sở Kế hoạch và Đầu tư=Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và PTNT=Sở Nông nghiệp và Phát triển nông thôn",
				"Sở Lao động, Thương binh và Xã hội=Sở Lao động, Thương binh và Xã hội",
				"UBND các huyện, thị xã, thành phố=UBND các huyện, thị xã, thành phố*"}},
		{"Đài Phát thanh và Truyền hình Thanh Hóa, Báo Thanh Hóa",
			[]string{"Đài Phát thanh và Truyền hình Thanh Hóa=Đài Phát thanh và Truyền hình tỉnh", "Báo Thanh Hóa=Báo tỉnh"}},
		{"Các Sở, ngành, UBND cấp huyện, đơn vị có liên quan",
			[]string{"Các Sở, ngành, UBND cấp huyện, đơn vị có liên quan=Các sở, ngành, UBND cấp huyện, đơn vị có liên quan*"}},
		{"Sở Tài chính và Sở Kế hoạch và Đầu tư",
			[]string{"Sở Tài chính=Sở Tài chính", "Sở Kế hoạch và Đầu tư=Sở Kế hoạch và Đầu tư"}},
		{"Sở Tài chính (chủ trì); Sở Y tế.", []string{"Sở Tài chính (chủ trì)=Sở Tài chính", "Sở Y tế=Sở Y tế"}},
		{"- Sở Nội vụ\n- Sở Tư pháp", []string{"Sở Nội vụ=Sở Nội vụ", "Sở Tư pháp=Sở Tư pháp"}},
		{"Hợp tác xã Quyết Thắng, Sở Y tế", []string{"Hợp tác xã Quyết Thắng=?", "Sở Y tế=Sở Y tế"}},
		{"Các hợp tác xã, tổ hợp tác", []string{"Các hợp tác xã=?*", "tổ hợp tác=?"}},
		{"", nil},
	}
	for _, c := range cases {
		a := newAgencies(Catalog())
		var got []string
		for _, r := range a.split(c.cell, 7) {
			s := r.Text + "="
			if r.Agency != nil {
				s += *r.Agency
			} else {
				s += "?"
			}
			if r.Collective {
				s += "*"
			}
			got = append(got, s)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("split(%q) =\n%q\nwant\n%q", c.cell, got, c.want)
		}
	}
}

// TestSplitWithoutResolver: with no resolver the names stay whole, split
// where the next part starts like an agency name.
func TestSplitWithoutResolver(t *testing.T) {
	t.Parallel()
	a := newAgencies(nil)
	got := texts(a.split("Sở Kế hoạch và Đầu tư, Sở Lao động, Thương binh và Xã hội, UBND các huyện, thị xã, thành phố, Báo Thanh Hóa", 3))
	want := []string{"Sở Kế hoạch và Đầu tư", "Sở Lao động, Thương binh và Xã hội", "UBND các huyện, thị xã, thành phố", "Báo Thanh Hóa"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestUnknownAgencyWarnings(t *testing.T) {
	t.Parallel()
	a := newAgencies(Catalog())
	a.split("Hợp tác xã Quyết Thắng", 5)
	a.split("Sở Y tế, Hợp tác xã Quyết Thắng", 9)
	var r Result
	a.warnUnknown(&r)
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "«Hợp tác xã Quyết Thắng» (dòng 5 và 1 chỗ khác)") {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

type countingResolver struct{ n int }

func (c *countingResolver) Resolve(s string) (string, bool, bool) {
	c.n++
	return Catalog().Resolve(s)
}

// TestResolverMemo: a cell repeated on every row costs one lookup per
// distinct text.
func TestResolverMemo(t *testing.T) {
	t.Parallel()
	cr := &countingResolver{}
	a := newAgencies(cr)
	for i := 0; i < 100; i++ {
		a.split("Các Sở, ngành, đơn vị có liên quan", i)
	}
	if cr.n != 1 {
		t.Errorf("%d lookups", cr.n)
	}
}
