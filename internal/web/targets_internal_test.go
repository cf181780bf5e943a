package web

import (
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/target"
)

// Every comparator the link form offers has a label in both languages
// (the key test of package i18n lists the same names).
func TestComparatorOptionsLabelled(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	opts := comparatorOptions()
	if len(opts) != len(target.Comparators()) {
		t.Fatalf("%d options for %d comparators", len(opts), len(target.Comparators()))
	}
	for _, o := range opts {
		for _, lang := range []string{i18n.Vietnamese, i18n.English} {
			if !b.Has(lang, o.Key) {
				t.Errorf("%s: no %s label %q", o.Value, lang, o.Key)
			}
		}
	}
}

func TestFormFloat(t *testing.T) {
	cases := []struct {
		in   string
		want *float64
		ok   bool
	}{
		{"", nil, true}, {" 1,2 ", targetFloat(1.2), true}, {"1.000", targetFloat(1000), true}, {"-3,5", targetFloat(-3.5), true},
		{"50%", nil, false}, {"một", nil, false}, {"--1", nil, false},
	}
	for _, c := range cases {
		got, ok := formFloat(c.in)
		if ok != c.ok || (got == nil) != (c.want == nil) || (got != nil && *got != *c.want) {
			t.Errorf("formFloat(%q) = %v %v, want %v %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func targetFloat(f float64) *float64 { return &f }
