package api_test

import (
	"net/http"
	"testing"
)

type filingOverview struct {
	Year     int    `json:"year"`
	DueOn    string `json:"due_on"`
	Communes []struct {
		Commune string           `json:"commune"`
		Counts  map[string]int64 `json:"counts"`
		Total   int64            `json:"total"`
	} `json:"communes"`
}

// The keepers see who has filed; after 15/12 what is not filed is late,
// before it nothing is.
func TestFilings(t *testing.T) {
	e := newEnv(t)
	coordinator := e.token(coordinatorEmail)
	sum := func(query string) (filingOverview, map[string]int64, int64) {
		t.Helper()
		var o filingOverview
		e.get("/api/v1/filings?"+query, coordinator).must(t, http.StatusOK).decode(t, &o)
		per := map[string]int64{}
		var total int64
		for _, c := range o.Communes {
			var n int64
			for s, k := range c.Counts {
				per[s] += k
				n += k
			}
			if n != c.Total {
				t.Errorf("%s: counts %v, total %d", c.Commune, c.Counts, c.Total)
			}
			total += c.Total
		}
		return o, per, total
	}
	// The demo's clock is 24/11/2026: 2025's figures were due on 15/12/2025.
	past, per, total := sum("year=2025")
	if past.DueOn != "2025-12-15" || total != 5 || per["late"]+per["filed"] != 5 || per["not_started"] != 0 || per["filed"] == 0 {
		t.Errorf("2025, five active organisations: %+v %v", past, per)
	}
	if _, per, _ := sum("year=2026"); per["late"] != 0 || per["not_started"] == 0 {
		t.Errorf("2026, before its due day: %v", per)
	}
	if o, _, _ := sum(""); o.Year != 2026 {
		t.Errorf("the default year: %d", o.Year)
	}
	if _, _, total := sum("year=2025&unit=17611"); total != 1 {
		t.Errorf("one commune: %d", total)
	}
	e.get("/api/v1/filings?year=19x", coordinator).must(t, http.StatusBadRequest)
	e.get("/api/v1/filings", e.token(viewerEmail)).must(t, http.StatusForbidden)
}
