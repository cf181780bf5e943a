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

	t.Run("Hai Duong commune resolves into Hai Phong", func(t *testing.T) { checkResolveHaiDuong(t, db) })

	t.Run("split commune gives every successor", func(t *testing.T) { checkResolveSplitCommune(t, db) })

	t.Run("new Hai Phong covers old Hai Duong", func(t *testing.T) { checkCoverageHaiPhong(t, db) })

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
