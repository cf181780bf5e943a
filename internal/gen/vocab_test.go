package gen

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// Every timeframe gen writes is one the plan parser understands, except
// the free texts it writes on purpose, so a generated dataset exercises
// the parsed kinds; all kinds appear.
func TestTimeframeTextParses(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	free := map[string]bool{}
	for _, s := range freeTimeframes {
		free[s] = true
	}
	kinds := map[plan.TimeframeKind]int{}
	for range 2000 {
		s := timeframeText(r, 2025)
		tf := plan.ParseTimeframe(s, 2025)
		kinds[tf.Kind]++
		if tf.Kind == plan.TimeframeText && !free[s] {
			t.Errorf("%q is not understood by the parser", s)
		}
	}
	if len(kinds) < 4 {
		t.Errorf("timeframes of only %d kinds: %v", len(kinds), kinds)
	}
}

// Texts gen composes are whole sentences with no formatting verbs or
// missing arguments left in them.
func TestComposedTexts(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for range 500 {
		for _, s := range []string{taskContent(r, 2025), progressNote(r, 1+r.IntN(4), 2025, r.IntN(2) == 0)} {
			if s == "" || !strings.HasSuffix(s, ".") || strings.Contains(s, "%!") || strings.Contains(s, "%[") ||
				strings.Contains(s, "%d") {
				t.Fatalf("composed %q", s)
			}
		}
	}
	plain := "không có tham số" // held in a variable: vet refuses a constant without verbs
	if got := fill(plain, 1, 2); got != plain {
		t.Errorf("fill without verbs = %q", got)
	}
	if got := fill("%[2]d nhiệm vụ, %[1]d cơ quan", 3, 4); got != "4 nhiệm vụ, 3 cơ quan" {
		t.Errorf("fill = %q", got)
	}
}
