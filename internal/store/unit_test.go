package store_test

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// The published files, parsed once for the whole run.
var (
	unitFilesOnce sync.Once
	unitFiles     []*unit.File
	unitFilesErr  error
)

func realUnitFiles(t testing.TB) []*unit.File {
	t.Helper()
	paths := seeds.UnitFiles(t)
	unitFilesOnce.Do(func() {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				unitFilesErr = err
				return
			}
			f, err := unit.Parse(p, data)
			if err != nil {
				unitFilesErr = err
				return
			}
			unitFiles = append(unitFiles, f)
		}
	})
	if unitFilesErr != nil {
		t.Fatal(unitFilesErr)
	}
	return unitFiles
}

func importUnits(t testing.TB, db *store.DB, files []*unit.File) store.UnitImport {
	t.Helper()
	var res store.UnitImport
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		var err error
		res, err = tx.ImportUnits(context.Background(), files)
		return err
	})
	if err != nil {
		t.Fatalf("ImportUnits: %v", err)
	}
	return res
}

func unitDay(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// tableCounts counts the rows of the unit tables and the audit log.
func tableCounts(t *testing.T, db *store.DB) [3]int {
	t.Helper()
	var n [3]int
	for i, table := range []string{"units", "unit_successors", "audit_log"} {
		if err := db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n[i]); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// TestImportRealUnits imports the two lists and both mappings as
// published and checks what the register relies on.
func TestImportRealUnits(t *testing.T) {
	files := realUnitFiles(t)
	db := newTestDB(t)
	ctx := context.Background()
	start := time.Now()
	res := importUnits(t, db, files)
	t.Logf("%s: imported 4 files in %v: %+v", db.Dialect(), time.Since(start), res)

	// 63 + 696 + 10,035 old units, 34 + 3,321 new ones.
	if res.Created != 14149 || res.Updated != 0 {
		t.Errorf("created %d, updated %d units; want 14149 and 0", res.Created, res.Updated)
	}
	// Every link of the mappings but those of the 12 old communes the list
	// lacks; each link is in both mappings.
	if res.LinksCreated != 10655 || res.LinksUpdated != 0 {
		t.Errorf("created %d, updated %d links; want 10655 and 0", res.LinksCreated, res.LinksUpdated)
	}
	if len(res.Skipped) != 12 || res.Skipped[0] != "07693" {
		t.Errorf("skipped %v, want the 12 old communes missing from the list", res.Skipped)
	}
	wantRec := []store.UnitReconciled{{MappingCode: "06970", ListCode: "06978", Name: "Xã Ba Chẽ"},
		{MappingCode: "23737", ListCode: "23938", Name: "Xã Ia Mơ"}}
	if !slices.Equal(res.Reconciled, wantRec) {
		t.Errorf("reconciled %+v, want %+v", res.Reconciled, wantRec)
	}

	t.Run("10507 by date", func(t *testing.T) {
		for on, want := range map[string]string{"2025-06-30": "Phường Cẩm Thượng", "2025-07-02": "Phường Thành Đông",
			"2025-07-01": "Phường Thành Đông", "2010-01-01": "Phường Cẩm Thượng"} {
			u, err := db.UnitOn(ctx, "10507", unitDay(on))
			if err != nil || u.Name != want {
				t.Errorf("10507 on %s: %q, %v; want %q", on, u.Name, err, want)
			}
		}
		both, err := db.UnitsByCode(ctx, "10507")
		if err != nil || len(both) != 2 || both[0].Name != "Phường Thành Đông" || both[1].Name != "Phường Cẩm Thượng" {
			t.Errorf("UnitsByCode(10507) = %+v, %v", both, err)
		}
	})

	t.Run("Hai Duong commune resolves into Hai Phong", func(t *testing.T) {
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
	})

	t.Run("split commune gives every successor", func(t *testing.T) {
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
	})

	t.Run("new Hai Phong covers old Hai Duong", func(t *testing.T) {
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
	})

	t.Run("list filters", func(t *testing.T) {
		on := unitDay("2025-07-01")
		for _, tc := range []struct {
			name  string
			f     store.UnitFilter
			total int
		}{
			{"new provinces", store.UnitFilter{Level: unit.LevelProvince, On: &on}, 34},
			{"all provinces", store.UnitFilter{Level: unit.LevelProvince}, 97},
			{"new communes of Hai Phong", store.UnitFilter{Parent: "31", On: &on}, 114},
			{"q without diacritics", store.UnitFilter{Query: "thanh dong", Parent: "31", On: &on}, 1},
			{"q Hoà finds Hòa", store.UnitFilter{Query: "Hoà Bình", Level: unit.LevelProvince}, 1},
			{"code prefix", store.UnitFilter{Query: "1050", On: &on, Level: unit.LevelCommune}, 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				items, total, err := db.Units(ctx, tc.f)
				if err != nil || total != tc.total {
					t.Errorf("total %d, %v; want %d (%+v)", total, err, tc.total, items)
				}
			})
		}
	})

	t.Run("reimport changes nothing", func(t *testing.T) {
		before := tableCounts(t, db)
		again := importUnits(t, db, files)
		if again.Changed() || again.Unchanged != 14149 || again.Created+again.Updated+again.LinksCreated+again.LinksUpdated != 0 {
			t.Errorf("second import: %+v", again)
		}
		if after := tableCounts(t, db); after != before {
			t.Errorf("rows (units, links, audit) %v after re-import, %v before", after, before)
		}
	})
}
