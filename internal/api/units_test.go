package api_test

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// loadTestUnits stores a made-up province pair around the real case of
// 10507, for tests that must not depend on ../shared.
func loadTestUnits(t *testing.T, db *store.DB) {
	t.Helper()
	files := []*unit.File{
		{Kind: unit.KindOldList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "30", Name: "Tỉnh Hải Dương", ShortName: "Hải Dương"},
			{Level: unit.LevelDistrict, Code: "288", Name: "Thành phố Hải Dương", ShortName: "Hải Dương", ParentCode: "30"},
			{Level: unit.LevelCommune, Code: "10507", Name: "Phường Cẩm Thượng", ShortName: "Cẩm Thượng", ParentCode: "288"},
			{Level: unit.LevelCommune, Code: "10510", Name: "Phường Bình Hàn", ShortName: "Bình Hàn", ParentCode: "288"},
		}},
		{Kind: unit.KindNewList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "31", Name: "Thành phố Hải Phòng", ShortName: "Hải Phòng"},
			{Level: unit.LevelCommune, Code: "10507", Name: "Phường Thành Đông", ShortName: "Thành Đông", ParentCode: "31"},
		}},
		{Kind: unit.KindNewToOld, Links: []unit.Mapping{
			{OldCode: "30", NewCode: "31", Share: unit.ShareFull},
			{OldCode: "10507", NewCode: "10507", Share: unit.ShareFull},
			{OldCode: "10510", NewCode: "10507", Share: unit.ShareFull},
		}},
	}
	if err := db.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.ImportUnits(context.Background(), files)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// unitLookupJSON is GET /units/{code}'s answer as a client reads it.
type unitLookupJSON struct {
	Code   string           `json:"code"`
	On     string           `json:"on"`
	Unit   *unitDetailJSON  `json:"unit"`
	Others []unitDetailJSON `json:"others"`
}

type unitDetailJSON struct {
	unit.Unit
	Parent       *unit.Unit  `json:"parent"`
	Successors   []unit.Link `json:"successors"`
	Predecessors []unit.Link `json:"predecessors"`
}

// 10507 answers by date with the real lists: Phường Cẩm Thượng of Hải
// Dương until 30/06/2025, Phường Thành Đông of Hải Phòng from 01/07/2025;
// without a date, today's unit and the older one.
func TestUnitByCodeAndDate(t *testing.T) {
	paths := seeds.UnitFiles(t)
	e := newEnv(t)
	var files []*unit.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := unit.Parse(p, data)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.ImportUnits(context.Background(), files)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	viewer := e.token(viewerEmail)

	var old unitLookupJSON
	e.get("/api/v1/units/10507?on=2025-06-30", viewer).must(t, http.StatusOK).decode(t, &old)
	if old.Unit == nil || old.Unit.Name != "Phường Cẩm Thượng" || old.Unit.Parent == nil || old.Unit.Parent.Name != "Thành phố Hải Dương" ||
		len(old.Unit.Successors) != 1 || old.Unit.Successors[0].Unit.Name != "Phường Thành Đông" ||
		old.Unit.Successors[0].Share != unit.ShareFull || len(old.Others) != 0 {
		t.Errorf("10507 on 2025-06-30: %+v", old)
	}
	var cur unitLookupJSON
	e.get("/api/v1/units/10507?on=2025-07-02", viewer).must(t, http.StatusOK).decode(t, &cur)
	if cur.Unit == nil || cur.Unit.Name != "Phường Thành Đông" || cur.Unit.Parent == nil || cur.Unit.Parent.Name != "Thành phố Hải Phòng" ||
		len(cur.Unit.Predecessors) != 4 || cur.Unit.ValidFrom == nil || cur.Unit.ValidFrom.Format("2006-01-02") != "2025-07-01" {
		t.Errorf("10507 on 2025-07-02: %+v", cur)
	}
	var both unitLookupJSON
	e.get("/api/v1/units/10507", viewer).must(t, http.StatusOK).decode(t, &both)
	if both.Unit == nil || both.Unit.ID != cur.Unit.ID || len(both.Others) != 1 || both.Others[0].ID != old.Unit.ID ||
		both.On != "2026-11-24T00:00:00Z" {
		t.Errorf("10507 without a date: %+v", both)
	}
	var split unitLookupJSON // Phường Điện Biên went into four wards
	e.get("/api/v1/units/00019", viewer).must(t, http.StatusOK).decode(t, &split)
	if split.Unit != nil || len(split.Others) != 1 || len(split.Others[0].Successors) != 4 {
		t.Errorf("00019 today: %+v", split)
	}
	for _, l := range split.Others[0].Successors {
		if l.Share != unit.SharePartial {
			t.Errorf("successor %s of a split ward: %s, want partial", l.Unit.Name, l.Share)
		}
	}
	var communes page[unit.Unit]
	e.get("/api/v1/units?level=commune&parent=31&on=2025-07-02&per_page=500", viewer).must(t, http.StatusOK).decode(t, &communes)
	if communes.Total != 114 || len(communes.Items) != 114 {
		t.Errorf("new communes of Hải Phòng: %d (%d items), want 114", communes.Total, len(communes.Items))
	}
}
