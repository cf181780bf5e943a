package unit

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestValidOn(t *testing.T) {
	last, first := LastOldDay, ReformDay
	old := Unit{ValidTo: &last}
	cur := Unit{ValidFrom: &first}
	for _, tc := range []struct {
		on       string
		old, cur bool
	}{
		{"1990-01-01", true, false},
		{"2025-06-30", true, false},
		{"2025-07-01", false, true},
		{"2025-07-02", false, true},
	} {
		if got := old.ValidOn(day(tc.on)); got != tc.old {
			t.Errorf("old unit on %s: %v, want %v", tc.on, got, tc.old)
		}
		if got := cur.ValidOn(day(tc.on)); got != tc.cur {
			t.Errorf("new unit on %s: %v, want %v", tc.on, got, tc.cur)
		}
	}
	// The time of day and zone do not move the date: 23:30 in Vietnam on
	// 30 June is still 30 June.
	ict := time.FixedZone("ICT", 7*3600)
	if !old.ValidOn(time.Date(2025, 6, 30, 23, 30, 0, 0, ict)) {
		t.Error("old unit not valid late on its last day")
	}
}

func TestLevelOfCode(t *testing.T) {
	for code, want := range map[string]Level{"01": LevelProvince, "318": LevelDistrict, "10507": LevelCommune,
		"1": "", "1050": "", "1a507": "", "": ""} {
		if got := LevelOfCode(code); got != want {
			t.Errorf("LevelOfCode(%q) = %q, want %q", code, got, want)
		}
	}
}
