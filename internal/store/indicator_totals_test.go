package store_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/store"
)

// sameTotals asserts IndicatorTotalsFor is live, every commune's live
// sums of year, added up by their mapped flag. sameSums calls it for the
// whole register after every kind of write TestIndicatorSummarySameAsLive
// makes.
func sameTotals(t *testing.T, db *store.DB, year int, live []indicator.Sums, stage string) {
	t.Helper()
	var want []indicator.Sums
	for _, mapped := range []bool{false, true} {
		s := indicator.Sums{Mapped: mapped}
		n := 0
		for _, l := range live {
			if l.Mapped != mapped {
				continue
			}
			n++
			for i, v := range l.Sums {
				s.Sums[i] += v
			}
		}
		if n > 0 {
			want = append(want, s)
		}
	}
	if want == nil {
		want = []indicator.Sums{}
	}
	got, err := db.IndicatorTotalsFor(context.Background(), year)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s, %d: totals differ from the live sums added up:\n got %v\nwant %v", stage, year, got, want)
	}
}

// TestIndicatorTotalsWholeRegister: the whole register's indicators read
// from the totals equal those made from every commune's sums, on a
// random register, for a year with figures and for one without any.
func TestIndicatorTotalsWholeRegister(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	r := rand.New(rand.NewPCG(7, 19))
	ids := findRegister(t, db, r, 60, 0)
	randomiseRegister(t, db, r, ids)
	reg := indicator.NewRegister(db)
	for _, year := range []int{2024, 2025, 1990} {
		got, err := reg.Compute(ctx, year, "")
		if err != nil {
			t.Fatal(err)
		}
		want, err := indicator.NewRegister(sumsOnly{db}).Compute(ctx, year, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d: whole register from totals:\n got %+v\nwant %+v", year, got, want)
		}
	}
}

// sumsOnly answers the whole register's totals with every commune's rows,
// as the computation read them before the totals existed.
type sumsOnly struct{ *store.DB }

func (s sumsOnly) IndicatorTotalsFor(ctx context.Context, year int) ([]indicator.Sums, error) {
	return s.IndicatorSumsFor(ctx, year, nil)
}
