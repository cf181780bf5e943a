package planimport

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// countingFinder counts the look-ups that reach the store.
type countingFinder struct {
	PlanFinder
	calls int
}

func (c *countingFinder) PlansByDocument(ctx context.Context, number, issuer string, issuedOn *time.Time) ([]int64, error) {
	c.calls++
	return c.PlanFinder.PlansByDocument(ctx, number, issuer, issuedOn)
}

// EarlierPlans finds a stored plan again from a document read with the
// same number, issuer and issue date, through the database and inside a
// transaction alike; any of the three differing finds nothing; and a
// number or issuer no plan may hold (a NUL, a line break) is not looked
// up at all.
func TestEarlierPlans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	issued := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	stored := plan.Plan{Number: "187/KH-UBND", Issuer: "UBND tỉnh", IssuedOn: &issued, Title: "Kế hoạch phát triển kinh tế tập thể"}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &stored) }); err != nil {
		t.Fatal(err)
	}
	s := func(v string) *string { return &v }
	on := func(y int, m time.Month, d int) *Date {
		v := DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
		return &v
	}
	tests := []struct {
		name     string
		doc      Document
		want     []int64
		lookedUp bool
	}{
		{"same document", Document{Number: s("187/KH-UBND"), Issuer: s("UBND tỉnh"), IssuedOn: on(2026, 3, 15)},
			[]int64{stored.ID}, true},
		{"other spacing", Document{Number: s(" 187/KH-UBND "), Issuer: s("UBND  tỉnh"), IssuedOn: on(2026, 3, 15)},
			[]int64{stored.ID}, true},
		{"other day", Document{Number: s("187/KH-UBND"), Issuer: s("UBND tỉnh"), IssuedOn: on(2026, 3, 16)}, nil, true},
		{"no day", Document{Number: s("187/KH-UBND"), Issuer: s("UBND tỉnh")}, nil, true},
		{"other issuer", Document{Number: s("187/KH-UBND"), Issuer: s("Tỉnh ủy"), IssuedOn: on(2026, 3, 15)}, nil, true},
		{"NUL in the number", Document{Number: s("187/KH\x00-UBND"), Issuer: s("UBND tỉnh"), IssuedOn: on(2026, 3, 15)},
			nil, false},
		{"line break in the issuer", Document{Number: s("187/KH-UBND"), Issuer: s("UBND\ntỉnh"), IssuedOn: on(2026, 3, 15)},
			nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &countingFinder{PlanFinder: db}
			got, err := EarlierPlans(ctx, f, tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("through the database: %v, want %v", got, tt.want)
			}
			if (f.calls > 0) != tt.lookedUp {
				t.Errorf("%d look-ups, want looked up: %v", f.calls, tt.lookedUp)
			}
			err = db.Update(ctx, func(tx *store.Tx) error {
				got, err := EarlierPlans(ctx, tx, tt.doc)
				if err == nil && !slices.Equal(got, tt.want) {
					t.Errorf("inside a transaction: %v, want %v", got, tt.want)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
