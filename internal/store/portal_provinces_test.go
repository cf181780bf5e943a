package store_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
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
	// The kept totals (migration 00032) against the cells placed afresh,
	// read again so that a rebuild by the first read is not all this sees.
	kept, err := db.PortalProvinceCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	live, err := db.LivePortalProvinceCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	if !slices.Equal(kept, live) {
		t.Errorf("%s: kept province totals differ from the live ones\nkept %+v\nlive %+v", stage, kept, live)
	}
}

// TestPortalProvinceCountsSharedCode: an old province whose code the
// merged province kept (as 15, Yên Bái then Lào Cai, on the national
// lists) does not name the row of that code: organisations recorded only
// in its communes are placed in no province (the row with an empty code,
// with those of a commune code no unit list knows), and the code's row is
// the province in force, named as such (store.PortalPlaces' rule).
func TestPortalProvinceCountsSharedCode(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	files := findUnits()
	files[0].Units = append(files[0].Units, unit.Record{Level: unit.LevelProvince, Code: "31", Name: "Tỉnh Ba Mốt Cũ"},
		unit.Record{Level: unit.LevelCommune, Code: "10100", Name: "Xã Cũ", ParentCode: "31"})
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, files); return err })
	var ids []int64
	for i, c := range []struct {
		commune string
		from    *time.Time
		form    coop.Form
	}{{"10100", day(2010, 5, 1), coop.FormHTX}, {"10507", day(2025, 7, 1), coop.FormTHT},
		{"10507", day(2025, 7, 1), coop.FormHTX}, {"29500", day(2010, 5, 1), coop.FormHTX}} {
		o := newOrg(fmt.Sprintf("09%08d", i), fmt.Sprintf("Hợp tác xã Ba Mốt %d", i))
		o.CommuneCode, o.CommuneValidFrom, o.Form = c.commune, c.from, c.form
		o.NewCommuneCode, o.NewCommuneValidFrom = "", nil
		ids = append(ids, createOrg(t, db, o).ID)
	}
	provincesSameAsSums(t, db, "shared code")
	got, err := db.PortalProvinceCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(a, b store.ProvinceCount) int {
		return cmp.Or(cmp.Compare(a.ProvinceCode, b.ProvinceCode), cmp.Compare(a.Form, b.Form))
	})
	want := []store.ProvinceCount{{"", "", coop.FormHTX, 2},
		{"31", "Thành phố Hải Phòng", coop.FormHTX, 1}, {"31", "Thành phố Hải Phòng", coop.FormTHT, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	// The unknown commune's only organisation dissolved: its emptied
	// cell is no row at all; the old commune's organisation stays.
	update(t, db, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: ids[3], Kind: coop.StatusDissolved, On: *day(2025, 3, 1)})
	})
	provincesSameAsSums(t, db, "dissolved")
	if got, err = db.PortalProvinceCounts(ctx); err != nil {
		t.Fatal(err)
	}
	want[0].Active = 1
	if !slices.Equal(got, want) {
		t.Errorf("after dissolving: got %+v\nwant %+v", got, want)
	}
}
