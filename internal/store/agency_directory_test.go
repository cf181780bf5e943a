package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// TestResponsibleOnByDate: a task led by Sở Kế hoạch và Đầu tư is its
// responsibility until 28/02/2025 and Sở Tài chính's from 01/03/2025.
func TestResponsibleOnByDate(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	mergeKHDT(t, db, f)
	for _, tt := range []struct {
		name string
		day  [3]int
		want int64
	}{
		{"28/02/2025", [3]int{2025, 2, 28}, f.KHDT.ID},
		{"01/03/2025", [3]int{2025, 3, 1}, f.TC.ID},
		{"today", [3]int{2026, 12, 5}, f.TC.ID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := db.ResponsibleOn(ctx, f.KHDT.ID, *day(tt.day[0], time.Month(tt.day[1]), tt.day[2]))
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != tt.want {
				t.Errorf("responsible %d (%s), want %d", a.ID, a.Name, tt.want)
			}
		})
	}
	if _, err := db.ResponsibleOn(ctx, 999999, *day(2025, 3, 1)); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("unknown agency: %v", err)
	}
}
