package registerload

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/registerimport"
)

// The law a file does not state is the one in force when the
// organisation registered.
func TestLawOf(t *testing.T) {
	d := func(y, m, dd int) *time.Time { v := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC); return &v }
	for _, tc := range []struct {
		reg  *time.Time
		want coop.Law
	}{{nil, 2023}, {d(2024, 7, 1), 2023}, {d(2024, 6, 30), 2012}, {d(2013, 7, 1), 2012}, {d(2010, 1, 1), 2003}, {d(1999, 1, 1), 1996}} {
		rec := registerimport.Record{Registered: tc.reg}
		if got := lawOf(&rec); got != tc.want {
			t.Errorf("registered %v: law %d, want %d", tc.reg, got, tc.want)
		}
	}
}
