package consolidated

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/plan"
)

func TestPlanned(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		t    plan.Target
		want string
	}{
		{plan.Target{Comparator: plan.CmpGreater, Value: f(50), Unit: "%"}, "> 50%"},
		{plan.Target{Comparator: plan.CmpAtLeast, Value: f(1200), Unit: "hợp tác xã"}, "≥ 1.200 hợp tác xã"},
		{plan.Target{Comparator: plan.CmpBetween, Value: f(5.5), ValueMax: f(7), Unit: "%"}, "5,5 - 7%"},
		{plan.Target{Comparator: plan.CmpEqual, Value: f(3)}, "3"},
		{plan.Target{Text: "Phát triển bền vững"}, ""},
	}
	for _, c := range cases {
		if got := planned(c.t); got != c.want {
			t.Errorf("planned(%+v) = %q, want %q", c.t, got, c.want)
		}
	}
}

// TestItemCutsLongContent: a long task keeps its code and is cut at a
// word, with an ellipsis.
func TestItemCutsLongContent(t *testing.T) {
	long := strings.Repeat("hỗ trợ hợp tác xã ", 20)
	got := item(plan.Task{Code: "II.3", Content: long})
	if !strings.HasPrefix(got, "II.3. hỗ trợ") || !strings.HasSuffix(got, "…") || utf8.RuneCountInString(got) > maxItemLen+8 {
		t.Errorf("item = %q", got)
	}
	if got := item(plan.Task{Content: "Ngắn"}); got != "Ngắn" {
		t.Errorf("short item = %q", got)
	}
}
