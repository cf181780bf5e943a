package store_test

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// importRealUnits imports the official unit lists and mappings of
// ../shared/data/admin-units.
func importRealUnits(t *testing.T, db *store.DB) {
	t.Helper()
	var files []*unit.File
	for _, p := range seeds.UnitFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := unit.Parse(filepath.Base(p), data)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, files); return err })
}

// TestPortalProvincesFollowTheReform, on the real unit lists: the portal
// counts an organisation in a province only through its post-reform
// commune, as the indicators do, so the seven province codes an old and a
// merged province share (here 15: Yên Bái before, Lào Cai after) name
// the new province only; an organisation recorded only in a commune of
// before the reform is counted in no province (the row with an empty
// code), not under the old province's code; a split commune's
// organisation follows the commune it was assigned to. The province
// totals equal the indicators' active organisations by province for the
// current year.
func TestPortalProvincesFollowTheReform(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importRealUnits(t, db)
	oldDay, newDay := day(2008, 1, 1), day(2025, 7, 1)
	for i, c := range []struct {
		old, new string // "" for none
		form     coop.Form
	}{
		{"04249", "04279", coop.FormHTX},   // Phường Yên Thịnh, old Yên Bái (15) → Phường Văn Phú, Lào Cai (15)
		{"04249", "", coop.FormHTX},        // the same, never assigned a post-reform commune
		{"", "02647", coop.FormTHT},        // recorded after the reform in Phường Lào Cai (15)
		{"10528", "10537", coop.FormHTX},   // Phường Trần Phú, split; assigned to Tân Hưng, Hải Phòng (31)
		{"10507", "", coop.FormHTX},        // Phường Cẩm Thượng, old Hải Dương (30), never assigned
		{"10507", "10507", coop.FormLHHTX}, // the same, assigned to Phường Thành Đông, Hải Phòng (31)
	} {
		o := newOrg(fmt.Sprintf("07%08d", i), fmt.Sprintf("Hợp tác xã Sắp xếp %d", i))
		o.Form, o.FoundedOn, o.RegisteredOn = c.form, day(2010, 1, 1), day(2010, 1, 1)
		switch {
		case c.old == "":
			o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = c.new, newDay, c.new, newDay
		case c.new == "":
			o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = c.old, oldDay, "", nil
		default:
			o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = c.old, oldDay, c.new, newDay
		}
		o = createOrg(t, db, o)
		if c.new == "" {
			neverAssigned(t, db, o.ID)
		}
	}
	got, err := db.PortalProvinceCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.ProvinceCount{{"", "", coop.FormHTX, 2},
		{"15", "Tỉnh Lào Cai", coop.FormHTX, 1}, {"15", "Tỉnh Lào Cai", coop.FormTHT, 1},
		{"31", "Thành phố Hải Phòng", coop.FormHTX, 1}, {"31", "Thành phố Hải Phòng", coop.FormLHHTX, 1}}
	slices.SortFunc(got, func(a, b store.ProvinceCount) int {
		return cmp.Or(cmp.Compare(a.ProvinceCode, b.ProvinceCode), cmp.Compare(a.Form, b.Form))
	})
	if !slices.Equal(got, want) {
		t.Errorf("province counts\ngot  %+v\nwant %+v", got, want)
	}
	provincesSameAsSums(t, db, "real units")
	portalSameAsIndicators(t, db, fixedNow.Year())

	// Places kept across register writes (as the portal keeps them under
	// the units' revision) give the answers of fresh ones, also when a
	// write brings a commune the kept places have not met.
	kept := store.NewPortalPlaces()
	for i, commune := range []string{"", "00097", "04279"} {
		if commune != "" {
			o := newOrg(fmt.Sprintf("07%08d", 100+i), fmt.Sprintf("Hợp tác xã Mới %d", i))
			o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = commune, newDay, commune, newDay
			createOrg(t, db, o)
		}
		got, err := db.PortalProvinceCountsIn(ctx, kept)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := db.PortalProvinceCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, fresh) {
			t.Errorf("write %d: with kept places %+v\nfresh %+v", i, got, fresh)
		}
		cells, err := db.PortalRegisterCountsIn(ctx, kept)
		if err != nil {
			t.Fatal(err)
		}
		freshCells, err := db.PortalRegisterCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cells, freshCells) {
			t.Errorf("write %d: cells with kept places %+v\nfresh %+v", i, cells, freshCells)
		}
	}
}

// portalSameAsIndicators fails unless the portal's province totals equal
// the indicators' active organisations (THT, HTX, LHHTX on 31/12 of
// year) summed by the province of each post-reform commune, with the
// organisations of no post-reform commune under "".
func portalSameAsIndicators(t *testing.T, db *store.DB, year int) {
	t.Helper()
	ctx := context.Background()
	communes, err := db.CurrentCommunes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	province := map[string]string{}
	for _, c := range communes {
		province[c.Commune] = c.Province
	}
	sums, err := db.IndicatorSumsLive(ctx, year, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, s := range sums {
		n := s.Sums[indicator.SumActiveTHT] + s.Sums[indicator.SumActiveHTX] + s.Sums[indicator.SumActiveLHHTX]
		if n > 0 {
			want[province[s.Commune]] += int(n)
		}
	}
	counts, err := db.PortalProvinceCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range counts {
		got[c.ProvinceCode] += c.Active
	}
	if !maps.Equal(got, want) {
		t.Errorf("portal's province totals %v, indicators' active organisations %v", got, want)
	}
}
