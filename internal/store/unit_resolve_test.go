package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// These checks run inside TestImportRealUnits, on the real unit lists it
// imports once for all of them.

// checkResolveHaiDuong: an old commune of Hải Dương resolves to its new
// commune in the new Hải Phòng, and to that province.
func checkResolveHaiDuong(t *testing.T, db *store.DB) {
	ctx := context.Background()
	r, err := db.ResolveUnit(ctx, "10507", unitDay("2025-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Communes) != 1 || r.Communes[0].Unit.Name != "Phường Thành Đông" || r.Communes[0].Share != unit.ShareFull {
		t.Errorf("communes %+v, want Phường Thành Đông, full", r.Communes)
	}
	if len(r.Provinces) != 1 || r.Provinces[0].Code != "31" || r.Provinces[0].Name != "Thành phố Hải Phòng" || r.Provinces[0].ValidTo != nil {
		t.Errorf("provinces %+v, want the new Thành phố Hải Phòng", r.Provinces)
	}
	parent, err := db.Unit(ctx, *r.Unit.ParentID)
	if err != nil || parent.Name != "Thành phố Hải Dương" || parent.Level != unit.LevelDistrict {
		t.Errorf("old parent %+v, %v", parent, err)
	}
}

// checkResolveSplitCommune: a commune split by the reform resolves to
// every successor, each marked partial, within one province.
func checkResolveSplitCommune(t *testing.T, db *store.DB) {
	ctx := context.Background()
	u, err := db.UnitOn(ctx, "00019", unitDay("2025-01-01")) // Phường Điện Biên, Ba Đình
	if err != nil {
		t.Fatal(err)
	}
	succ, err := db.UnitSuccessors(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range succ {
		got = append(got, l.Unit.Code+" "+string(l.Share))
	}
	want := []string{"00004 partial", "00070 partial", "00190 partial", "00226 partial"}
	if !slices.Equal(got, want) {
		t.Errorf("successors of 00019: %v, want %v", got, want)
	}
	r, err := db.ResolveUnit(ctx, "00019", unitDay("2025-01-01"))
	if err != nil || len(r.Communes) != 4 || len(r.Provinces) != 1 || r.Provinces[0].Code != "01" {
		t.Errorf("ResolveUnit(00019) = %+v, %v", r, err)
	}
	// The other way: new Ba Đình was formed from whole and partial wards.
	ba, err := db.UnitOn(ctx, "00004", unitDay("2025-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	pred, err := db.UnitPredecessors(ctx, ba.ID)
	if err != nil || len(pred) != 10 || pred[0].Unit.Name != "Phường Trúc Bạch" || pred[0].Share != unit.ShareFull ||
		pred[2].Unit.Name != "Phường Ngọc Hà" || pred[2].Share != unit.SharePartial {
		t.Errorf("predecessors of new 00004: %+v, %v", pred, err)
	}
}

// checkCoverageHaiPhong: a filter on the new Hải Phòng takes in what was
// recorded in old Hải Dương and old Hải Phòng, and nothing of Hà Nội.
func checkCoverageHaiPhong(t *testing.T, db *store.DB) {
	ctx := context.Background()
	hp, err := db.UnitOn(ctx, "31", unitDay("2025-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	cover, err := db.UnitCoverage(ctx, hp.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := func(code, on string) bool {
		u, err := db.UnitOn(ctx, code, unitDay(on))
		if err != nil {
			t.Fatalf("%s on %s: %v", code, on, err)
		}
		_, found := slices.BinarySearch(cover, u.ID)
		return found
	}
	for _, c := range []struct {
		code, on string
		want     bool
	}{
		{"30", "2025-06-30", true},    // old Hải Dương
		{"31", "2025-06-30", true},    // old Hải Phòng
		{"10507", "2025-06-30", true}, // Phường Cẩm Thượng, Hải Dương
		{"10507", "2025-07-01", true}, // Phường Thành Đông
		{"288", "2025-06-30", true},   // Thành phố Hải Dương (district)
		{"01", "2025-06-30", false},   // Hà Nội
		{"00004", "2025-07-01", false},
	} {
		if got := in(c.code, c.on); got != c.want {
			t.Errorf("coverage of new Hải Phòng holds %s (%s): %v, want %v", c.code, c.on, got, c.want)
		}
	}
	// 114 new communes, 1 + 15 + 12 old provinces and districts and
	// their communes: all of old Hải Dương and old Hải Phòng.
	if len(cover) < 1+114+2+15+12+207 {
		t.Errorf("coverage holds %d units, fewer than new and old Hải Phòng and old Hải Dương", len(cover))
	}
}
