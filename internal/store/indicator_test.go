package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"

	"github.com/hoptac/hoptac/internal/coop"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// An empty commune list selects nothing; nil selects everything.
func TestIndicatorSumsEmptyFilter(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.CreateOrganisation(ctx, &coop.Organisation{Code: "0100000001", Name: "HTX Một", Form: coop.FormHTX,
			Sector: coop.SectorTrade, Law: 2023})
	}); err != nil {
		t.Fatal(err)
	}
	all, err := db.IndicatorSumsFor(ctx, 2024, nil)
	if err != nil || len(all) != 1 || all[0].Sums[indicator.SumActiveHTX] != 1 {
		t.Errorf("nil filter: %+v, %v", all, err)
	}
	none, err := db.IndicatorSumsFor(ctx, 2024, []string{})
	if err != nil || len(none) != 0 {
		t.Errorf("empty filter: %+v, %v", none, err)
	}
}
