package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// A plan is found again by its number, issuer and issue date, as typed
// with other spacing or in NFD; any one of the three differing, or a plan
// without a number, finds nothing.
func TestPlansByDocument(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db) // 187/KH-UBND, UBND tỉnh, 15/3/2026
	undated := plan.Plan{Number: "5/KH-UBND", Issuer: "UBND tỉnh", Title: "Không ghi ngày"}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &undated) })
	for _, tc := range []struct {
		name           string
		number, issuer string
		issued         *time.Time
		want           []int64
	}{
		{"same document", "187/KH-UBND", "UBND tỉnh", day(2026, 3, 15), []int64{f.Plan.ID}},
		{"other spacing and NFD", " 187/KH-UBND ", "UBND  ti\u0309nh", day(2026, 3, 15), []int64{f.Plan.ID}},
		{"other number", "188/KH-UBND", "UBND tỉnh", day(2026, 3, 15), nil},
		{"other issuer", "187/KH-UBND", "Tỉnh ủy", day(2026, 3, 15), nil},
		{"other date", "187/KH-UBND", "UBND tỉnh", day(2026, 3, 16), nil},
		{"no date matches no date", "5/KH-UBND", "UBND tỉnh", nil, []int64{undated.ID}},
		{"a date does not match no date", "5/KH-UBND", "UBND tỉnh", day(2026, 3, 15), nil},
		{"no number", "", "UBND tỉnh", day(2026, 3, 15), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.PlansByDocument(ctx, tc.number, tc.issuer, tc.issued)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("PlansByDocument = %v, %v; want %v", got, err, tc.want)
			}
			update(t, db, func(tx *store.Tx) error {
				got, err := tx.PlansByDocument(ctx, tc.number, tc.issuer, tc.issued)
				if err != nil || !slices.Equal(got, tc.want) {
					t.Errorf("Tx.PlansByDocument = %v, %v; want %v", got, err, tc.want)
				}
				return nil
			})
		})
	}
}
