package demo

import (
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// The demo plan's document parts pass the plan's own checks, so the demo
// always loads: the nested target points back at its parent ("trong đó"
// follows the share it belongs to), a range has its upper bound above its
// lower one, and each implemented document has its number and date.
func TestPlanExtrasValid(t *testing.T) {
	implements, targets, reporting, coordinator := planExtras()
	p := plan.Plan{Title: "Kế hoạch thử", Implements: implements, Targets: targets, Reporting: reporting}
	if err := p.Validate(); err != nil {
		t.Fatalf("the demo's document parts are refused: %v", err)
	}
	if coordinator != "Sở Tài chính" {
		t.Errorf("coordinator %q", coordinator)
	}
	nested := 0
	for i, tg := range targets {
		if tg.Parent != nil {
			nested++
			if parent := targets[*tg.Parent]; parent.Unit != "%" || *tg.Parent >= i {
				t.Errorf("target %d nests under %d (%q), want the earlier share", i, *tg.Parent, parent.Text)
			}
		}
		if tg.Comparator == plan.CmpBetween && (tg.ValueMax == nil || *tg.ValueMax <= *tg.Value) {
			t.Errorf("range target %q has no upper bound above %v", tg.Text, *tg.Value)
		}
	}
	if nested != 1 {
		t.Errorf("%d nested targets, want 1", nested)
	}
	for _, d := range implements {
		if d.Number == "" || d.IssuedOn == nil {
			t.Errorf("implemented document %+v lacks its number or date", d)
		}
	}
}
