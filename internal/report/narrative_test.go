package report

import (
	"strings"
	"testing"
)

func TestNarrativeNormalize(t *testing.T) {
	n := Narrative{Number: "  15/BC\n-STC ", Summary: " Dòng một\r\nDòng hai ", Recipients: []string{" Như trên; ", "", "  "}}
	n.Normalize()
	if n.Number != "15/BC -STC" || n.Summary != "Dòng một\nDòng hai" || len(n.Recipients) != 1 || n.Recipients[0] != "Như trên;" {
		t.Errorf("%+v", n)
	}
}

func TestNarrativeValidate(t *testing.T) {
	cases := []struct {
		name  string
		n     Narrative
		field string
	}{
		{"fine", Narrative{Number: "15/BC", Summary: "Dòng một\nDòng hai"}, ""},
		{"NUL in signer", Narrative{SignerName: "An\x00"}, "signer_name"},
		{"long place", Narrative{Place: strings.Repeat("a", MaxShortLen+1)}, "place"},
		{"long proposals", Narrative{Proposals: strings.Repeat("a", MaxTextLen+1)}, "proposals"},
		{"bidi in recipients", Narrative{Recipients: []string{"Như trên\u202e"}}, "recipients"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.n.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.field) {
				t.Errorf("err = %v, want one on %s", err, c.field)
			}
		})
	}
}
