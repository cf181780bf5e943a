package indicator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/unit"
)

// realUnits imports the official unit lists and mappings of
// ../shared/data/admin-units.
func realUnits(t *testing.T, db *store.DB) {
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
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, files)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestMappingAcrossTheReform: figures of 2024, recorded in the communes of
// the time, count in the post-reform units. The new Hải Phòng (31) shows
// old Hải Dương and old Hải Phòng together; old 10507 (Phường Cẩm
// Thượng, Hải Dương) and new 10507 (Phường Thành Đông) are different
// units with one code; a split commune's organisation follows the
// commune it was assigned to. Members are powers of two, so each sum
// names the organisations it counted.
func TestMappingAcrossTheReform(t *testing.T) {
	db := storetest.Open(t)
	realUnits(t, db)
	ctx := context.Background()
	orgs := []struct {
		old, commune string // old is "" for a record made after the reform
		members      int64
	}{
		{"10510", "10507", 1},  // Phường Bình Hàn, Hải Dương → Thành Đông, Hải Phòng
		{"", "10507", 2},       // recorded in Thành Đông itself
		{"10507", "10507", 4},  // Phường Cẩm Thượng, Hải Dương: same code, older unit
		{"10528", "10537", 8},  // Phường Trần Phú, split; assigned to Tân Hưng
		{"11296", "11602", 16}, // Phường Quán Toan, old Hải Phòng → Hồng An
		{"00001", "00097", 32}, // Phường Phúc Xá, Hà Nội → Hồng Hà
	}
	for i, x := range orgs {
		o := at(htx(fmt.Sprintf("HTX %d", i), "2010-01-01", 2012), x.commune)
		if x.old != "" {
			o = mapped(o, x.old, x.commune)
		}
		o.Code = fmt.Sprintf("03%08d", i+1)
		if err := db.Update(ctx, func(tx *store.Tx) error {
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
			_, _, err := tx.PutFigures(ctx, &coop.YearFigures{OrganisationID: o.ID, Year: 2024, MembersIndividual: x.members},
				coop.StepSave, false)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	reg := indicator.NewRegister(db)
	for _, c := range []struct {
		unit            string
		members, active float64
		mapped          int
	}{
		{"", 63, 6, 5},
		{"31", 1 + 2 + 4 + 8 + 16, 5, 4}, // Hải Phòng
		{"10507", 1 + 2 + 4, 3, 2},       // Thành Đông
		{"10537", 8, 1, 1},               // Tân Hưng
		{"10532", 0, 0, 0},               // Lê Thanh Nghị, the other half of Trần Phú
		{"01", 32, 1, 1},                 // Hà Nội
	} {
		t.Run("unit "+c.unit, func(t *testing.T) {
			got, err := reg.Compute(ctx, 2024, c.unit)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range got {
				switch g.ID {
				case indicator.Members:
					if g.Numerator != c.members || g.Mapped != c.mapped {
						t.Errorf("members %v (mapped %d), want %v (mapped %d)", g.Numerator, g.Mapped, c.members, c.mapped)
					}
				case indicator.ActiveHTX:
					if g.Numerator != c.active || g.Mapped != c.mapped {
						t.Errorf("active HTX %v (mapped %d), want %v (mapped %d)", g.Numerator, g.Mapped, c.active, c.mapped)
					}
				}
			}
		})
	}
	// Old Tỉnh Hải Dương (30) is no longer a unit: its organisations are
	// asked for through Hải Phòng.
	if _, err := reg.Compute(ctx, 2024, "30"); err == nil {
		t.Error("old province 30 accepted as a scope")
	}
}
