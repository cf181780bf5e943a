package plan

import (
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
)

// TestDutyFrequencies: a plan holds only the reporting frequencies the
// rest of hoptac knows; "once", the old word for ad hoc, is refused.
func TestDutyFrequencies(t *testing.T) {
	for _, tt := range []struct {
		freq string
		ok   bool
	}{{"yearly", true}, {"half_yearly", true}, {"quarterly", true}, {"monthly", true}, {"ad_hoc", true},
		{"once", false}, {"", false}, {"weekly", false}} {
		t.Run(tt.freq, func(t *testing.T) {
			p := Plan{Title: "Kế hoạch", Reporting: []Duty{{Frequency: tt.freq}}}
			err := p.Validate()
			if tt.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tt.ok && apperr.As(err).Fields["reporting"] != "error.field.frequency" {
				t.Fatalf("err %v, want error.field.frequency on reporting", err)
			}
		})
	}
}
