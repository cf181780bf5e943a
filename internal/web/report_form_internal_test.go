package web

import (
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

// TestReportFieldsHaveLabels: every field the report form can name in its
// list of problems has a label in both languages (the i18n key test
// leaves the "report.field." prefix to this one).
func TestReportFieldsHaveLabels(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(append([]string{}, reportTextFields...), reportLineFields...) {
		for _, lang := range []string{i18n.Vietnamese, i18n.English} {
			if !b.Has(lang, "report.field."+f) {
				t.Errorf("%s.json lacks report.field.%s", lang, f)
			}
		}
	}
}
