package report

import "testing"

func TestRates(t *testing.T) {
	var r Rates
	r.Add(true, true)
	r.Add(true, false)
	r.Add(false, false)
	r.Add(false, true) // not sent: on time means nothing
	if r.ReportingRate() != 50 || r.OnTimeRate() != 25 || r.Missing() != 2 {
		t.Errorf("rates %v: %v %v %v", r, r.ReportingRate(), r.OnTimeRate(), r.Missing())
	}
	if (Rates{}).ReportingRate() != 0 || (Rates{}).OnTimeRate() != 0 {
		t.Error("nothing expected must read 0")
	}
	// Counts that disagree (more sent than expected) never read over 100%.
	over := Rates{Expected: 2, Sent: 3, OnTime: 3}
	if over.ReportingRate() != 100 || over.OnTimeRate() != 100 || over.Missing() != 0 {
		t.Errorf("over: %v %v %v", over.ReportingRate(), over.OnTimeRate(), over.Missing())
	}
	var total Rates
	total.Merge(over)
	total.Merge(Rates{Expected: 2})
	if total.ReportingRate() != 50 || total.OnTimeRate() != 50 {
		t.Errorf("merged %v: %v %v", total, total.ReportingRate(), total.OnTimeRate())
	}
}
