package indicator

import (
	"math"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// A hand-entered value names each wrong field.
func TestCheckEntry(t *testing.T) {
	today := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		e      Entry
		fields []string
	}{
		{"good share", Entry{Indicator: GRDPShare, Year: 2024, Value: 1.1, Source: "Niên giám"}, nil},
		{"good budget", Entry{Indicator: SupportBudget, Year: 2027, Value: 5e12, Source: "Sở Tài chính"}, nil},
		{"computed indicator", Entry{Indicator: Members, Year: 2024, Value: 1, Source: "x"}, []string{"indicator"}},
		{"share over 100", Entry{Indicator: GRDPShare, Year: 2024, Value: 101, Source: "x"}, []string{"value"}},
		{"negative", Entry{Indicator: SupportBudget, Year: 2024, Value: -1, Source: "x"}, []string{"value"}},
		{"not a number", Entry{Indicator: SupportBudget, Year: 2024, Value: math.NaN(), Source: "x"}, []string{"value"}},
		{"year too far", Entry{Indicator: GRDPShare, Year: 2028, Value: 1, Source: "x"}, []string{"year"}},
		{"no source", Entry{Indicator: GRDPShare, Year: 1995, Value: 1, Source: "  "}, []string{"year", "source"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckEntry(&c.e, today)
			if c.fields == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			got := apperr.As(err).Fields
			if len(got) != len(c.fields) {
				t.Errorf("fields %v, want %v", got, c.fields)
			}
			for _, f := range c.fields {
				if got[f] == "" {
					t.Errorf("%s not named: %v", f, got)
				}
			}
		})
	}
}
