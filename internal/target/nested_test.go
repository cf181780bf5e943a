package target

import (
	"math"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"
)

func TestRebase(t *testing.T) {
	parent := []indicator.Value{share("p", 2018, 110, 200), share("p", 2019, 0, 200), {ID: "p", Year: 2020}}
	child := []indicator.Value{share("c", 2018, 80, 200), share("c", 2019, 0, 200), share("c", 2020, 5, 10), share("c", 2021, 1, 2)}
	got := Rebase(child, parent)
	if len(got) != 4 {
		t.Fatalf("got %d years", len(got))
	}
	if got[0].Value == nil || math.Abs(*got[0].Value-80.0/110*100) > 1e-9 || got[0].Denominator != 110 || got[0].Numerator != 80 {
		t.Errorf("2018 = %+v, want 80/110 of the parent's population", got[0])
	}
	for i, why := range []string{"", "parent numerator zero", "parent without value", "parent without that year"} {
		if i > 0 && got[i].Value != nil {
			t.Errorf("%d: %s: value %v, want none", got[i].Year, why, *got[i].Value)
		}
	}
}

// Only a share nested under a share is read on its parent's population:
// a count ("10 hợp tác xã điển hình") or a hand-entered figure under a
// share keeps its own.
func TestNested(t *testing.T) {
	for _, c := range []struct {
		child, parent string
		want          bool
	}{
		{indicator.ShareManagersCollege, indicator.ShareManagersTrained, true},
		{indicator.Exemplary, indicator.ShareManagersTrained, false},
		{indicator.ShareManagersCollege, indicator.Exemplary, false},
		{indicator.ShareManagersCollege, indicator.GRDPShare, false},
		{"share_unknown", indicator.ShareManagersTrained, false},
	} {
		if got := Nested(c.child, c.parent); got != c.want {
			t.Errorf("Nested(%s, %s) = %v, want %v", c.child, c.parent, got, c.want)
		}
	}
}
