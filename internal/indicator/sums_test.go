package indicator_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
)

// A hand-entered value goes out through the API under these names, and
// its row number never does: clients and the open data rely on both.
func TestEntryJSON(t *testing.T) {
	e := indicator.Entry{ID: 42, Indicator: indicator.GRDPShare, Year: 2024, Unit: "31", Value: 1.1,
		Source: "Niên giám thống kê 2024", EnteredBy: "Nguyễn Thị Lan",
		EnteredAt: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"indicator":"grdp_share","year":2024,"unit":"31","value":1.1,"source":"Niên giám thống kê 2024",` +
		`"entered_by":"Nguyễn Thị Lan","entered_at":"2025-03-01T08:00:00Z"}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	if strings.Contains(string(b), "42") {
		t.Error("the row number is exposed")
	}
}

// Sums is indexed by the Sum constants: each names its own position and
// SumCount is the array's length, so the store's scan and the formulas
// agree on where each sum is.
func TestSumPositions(t *testing.T) {
	var s indicator.Sums
	if len(s.Sums) != indicator.SumCount || indicator.SumFigures != 0 || indicator.SumLaw2012 != indicator.SumCount-1 {
		t.Errorf("%d sums, first %d, last %d", len(s.Sums), indicator.SumFigures, indicator.SumLaw2012)
	}
}
