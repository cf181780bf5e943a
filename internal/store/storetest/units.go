package storetest

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// ImportReformUnits stores the smallest picture of the 2025 reform that
// tests need: Phường Cẩm Thượng (10507, Tỉnh Hải Dương) until 30/06/2025,
// and Phường Thành Đông (10507, Thành phố Hải Phòng) from 01/07/2025, its
// full successor. The same code on both sides is the point.
func ImportReformUnits(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, []*unit.File{
			{Kind: unit.KindOldList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "30", Name: "Tỉnh Hải Dương"},
				{Level: unit.LevelCommune, Code: "10507", Name: "Phường Cẩm Thượng", ParentCode: "30"}}},
			{Kind: unit.KindNewList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "31", Name: "Thành phố Hải Phòng"},
				{Level: unit.LevelCommune, Code: "10507", Name: "Phường Thành Đông", ParentCode: "31"}}},
			{Kind: unit.KindNewToOld, Links: []unit.Mapping{{OldCode: "10507", NewCode: "10507", Share: unit.ShareFull}}},
		})
		return err
	}); err != nil {
		t.Fatalf("import units: %v", err)
	}
}
