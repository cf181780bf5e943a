package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// smallUnits is a made-up pair of lists and a mapping: two old communes of
// one old province merged into one new commune, one of them split.
func smallUnits() []*unit.File {
	return []*unit.File{
		{Name: "old.json", Kind: unit.KindOldList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "90", Name: "Tỉnh Cũ", ShortName: "Cũ"},
			{Level: unit.LevelDistrict, Code: "900", Name: "Huyện Một", ShortName: "Một", ParentCode: "90"},
			{Level: unit.LevelCommune, Code: "90001", Name: "Xã Hòa An", ShortName: "Hòa An", ParentCode: "900"},
			{Level: unit.LevelCommune, Code: "90002", Name: "Xã Thủy Tiên", ShortName: "Thủy Tiên", ParentCode: "900"},
		}},
		{Name: "new.json", Kind: unit.KindNewList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "91", Name: "Tỉnh Mới", ShortName: "Mới"},
			{Level: unit.LevelCommune, Code: "90001", Name: "Xã Hoà Thuỷ", ShortName: "Hoà Thuỷ", ParentCode: "91"},
			{Level: unit.LevelCommune, Code: "90009", Name: "Xã Thủy Hòa", ShortName: "Thủy Hòa", ParentCode: "91"},
		}},
		{Name: "map.json", Kind: unit.KindNewToOld, Links: []unit.Mapping{
			{OldCode: "90", NewCode: "91", Share: unit.ShareFull},
			{OldCode: "90001", NewCode: "90001", Share: unit.ShareFull},
			{OldCode: "90002", NewCode: "90001", Share: unit.SharePartial},
			// The mapping's code differs from the list's; the name, spelt
			// with the other tone placement, reconciles it.
			{OldCode: "90002", NewCode: "90008", NewName: "Xã Thuỷ Hoà", Share: unit.SharePartial},
		}},
	}
}

func TestImportUnitsSmall(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	// The mapping first: the import puts the lists before it.
	files := smallUnits()
	res := importUnits(t, db, []*unit.File{files[2], files[1], files[0]})
	if res.Created != 7 || res.LinksCreated != 4 || len(res.Reconciled) != 1 || res.Reconciled[0].ListCode != "90009" {
		t.Fatalf("import: %+v", res)
	}
	entries, total, err := db.ListAudit(ctx, audit.Filter{Entity: "unit"})
	if err != nil || total != 1 || entries[0].Action != "import" {
		t.Errorf("audit: %d entries %+v, %v; want one import entry", total, entries, err)
	}

	// A renamed unit is updated in place, under the same ID.
	before, _ := db.UnitOn(ctx, "90001", unitDay("2026-01-01"))
	files[1].Units[1].Name = "Xã Hoà Thuỷ Mới"
	res = importUnits(t, db, files)
	after, _ := db.UnitOn(ctx, "90001", unitDay("2026-01-01"))
	if res.Updated != 1 || res.Created != 0 || after.ID != before.ID || after.Name != "Xã Hoà Thuỷ Mới" {
		t.Errorf("rename: %+v; unit %+v, was %+v", res, after, before)
	}

	// A share that changes is updated, not added.
	files[2].Links[1].Share = unit.SharePartial
	if res = importUnits(t, db, files); res.LinksUpdated != 1 || res.LinksCreated != 0 {
		t.Errorf("share change: %+v", res)
	}

	// An agency may belong to a unit; an unknown unit is refused by field.
	err = db.Update(ctx, func(tx *store.Tx) error {
		a := org.Agency{Name: "UBND xã Hoà Thuỷ", Kind: org.KindCommittee, UnitID: &after.ID}
		if err := tx.CreateAgency(ctx, &a); err != nil {
			return err
		}
		got, err := db.Agency(ctx, a.ID)
		if err == nil && (got.UnitID != nil) {
			t.Error("read outside the transaction saw its write")
		}
		bad := int64(999999)
		a.UnitID = &bad
		var e *apperr.Error
		if err := tx.UpdateAgency(ctx, &a); !errors.As(err, &e) || e.Fields["unit_id"] != "error.field.unit_missing" {
			t.Errorf("unknown unit: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := db.Agencies(ctx, store.AgencyFilter{Query: "hoa thuy"})
	if err != nil || len(list) != 1 || list[0].UnitID == nil || *list[0].UnitID != after.ID {
		t.Errorf("agency's unit: %+v, %v", list, err)
	}
}

// A mapping naming a new unit the list lacks, by code and by name, fails
// the whole import in Vietnamese, and nothing of it is written.
func TestImportUnitsUnknownNewUnit(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	files := smallUnits()
	files[2].Links = append(files[2].Links, unit.Mapping{OldCode: "90001", OldName: "Xã Hòa An", NewCode: "90077", NewName: "Xã Không Có", Share: unit.SharePartial})
	err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, files)
		return err
	})
	var ie *i18n.Error
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "«90077» («Xã Không Có», kế thừa «Xã Hòa An»)") {
		t.Fatalf("error %v, want one naming the unknown unit", err)
	}
	if n := tableCounts(t, db); n != [3]int{0, 0, 0} {
		t.Errorf("rows (units, links, audit) after a failed import: %v", n)
	}
}
