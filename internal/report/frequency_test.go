package report

import "testing"

func TestFrequencyValid(t *testing.T) {
	for _, f := range []Frequency{"yearly", "half_yearly", "quarterly", "monthly", "ad_hoc"} {
		if !f.Valid() {
			t.Errorf("%q refused", f)
		}
	}
	// "once" was the plan package's word for ad hoc; it is no longer one.
	for _, f := range []Frequency{"once", "", "Yearly", "weekly"} {
		if f.Valid() {
			t.Errorf("%q accepted", f)
		}
	}
}
