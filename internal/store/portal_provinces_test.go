package store_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

// provincesSameAsSums fails unless PortalProvinceCounts equals
// PortalRegisterCounts summed by province and form, names included: the
// portal's home shows the one and its statistics page the other, and a
// visitor must read the same province totals on both.
func provincesSameAsSums(t *testing.T, db *store.DB, stage string) {
	t.Helper()
	ctx := context.Background()
	cells, err := db.PortalRegisterCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	got, err := db.PortalProvinceCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	// The province's name is the first of its cells', as the portal's
	// statistics take it.
	names := map[string]string{}
	sums := map[store.ProvinceCount]int{}
	for _, c := range cells {
		if _, ok := names[c.ProvinceCode]; !ok {
			names[c.ProvinceCode] = c.ProvinceName
		}
		sums[store.ProvinceCount{ProvinceCode: c.ProvinceCode, ProvinceName: names[c.ProvinceCode], Form: c.Form}] += c.Active
	}
	var want []store.ProvinceCount
	for k, n := range sums {
		k.Active = n
		want = append(want, k)
	}
	order := func(a, b store.ProvinceCount) int {
		return cmp.Or(cmp.Compare(a.ProvinceCode, b.ProvinceCode), cmp.Compare(a.Form, b.Form))
	}
	slices.SortFunc(want, order)
	slices.SortFunc(got, order)
	if len(want) == 0 {
		t.Fatalf("%s: no active organisation; the comparison would prove nothing", stage)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: province counts differ from the sums of the commune cells\ngot  %+v\nwant %+v", stage, got, want)
	}
}
