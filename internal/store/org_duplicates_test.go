package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// inCommune is an organisation recorded in one commune only, with no
// post-reform commune of its own.
func inCommune(code, name, commune string, from *time.Time) coop.Organisation {
	o := newOrg(code, name)
	o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = commune, from, "", nil
	return o
}

// duplicatePairs lists every candidate as (lower ID, higher ID) -> reasons.
func duplicatePairs(t *testing.T, db *store.DB) map[[2]int64][]dedupe.Why {
	t.Helper()
	list, total, err := db.Duplicates(context.Background(), 1, store.MaxPerPage)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(list) {
		t.Fatalf("total %d, listed %d", total, len(list))
	}
	out := map[[2]int64][]dedupe.Why{}
	for _, d := range list {
		out[[2]int64{d.A.ID, d.B.ID}] = d.Why
	}
	return out
}

func TestDuplicatesNameEachReason(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	storetest.ImportReformUnits(t, db)
	old, err := db.UnitOn(ctx, "10507", time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := db.UnitOn(ctx, "10507", time.Date(2025, 7, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if old.ValidFrom != nil || cur.ValidFrom == nil {
		t.Fatalf("fixture: old 10507 from %v, new from %v", old.ValidFrom, cur.ValidFrom)
	}
	// In old Phường Cẩm Thượng (older than the records: the register
	// dates it 1900-01-01) and in new Phường Thành Đông: one place.
	oldOrg := createOrg(t, db, inCommune("2800000001", "Hợp tác xã Nông nghiệp Cẩm Thượng", "10507", day(1900, 1, 1)))
	newOrg := createOrg(t, db, inCommune("2800000002", "HTX nông nghiệp cẩm thượng", "10507", cur.ValidFrom))
	// Elsewhere: the same name is no duplicate, a letter off neither.
	elsewhere := createOrg(t, db, inCommune("2800000003", "Hợp tác xã Nông nghiệp Cẩm Thượng", "17605", day(2008, 1, 1)))
	typo := createOrg(t, db, inCommune("2800000004", "Hợp tác xã Nômg nghiệp Cẩm Thượng", "10507", cur.ValidFrom))
	reordered := createOrg(t, db, inCommune("2800000005", "Hợp tác xã Cẩm Thượng Nông nghiệp", "17605", day(2008, 1, 1)))
	branch := createOrg(t, db, inCommune("2800000001-001", "Chi nhánh Hợp tác xã Sen Quê", "17605", day(2008, 1, 1)))
	unrelated := createOrg(t, db, inCommune("2800000009", "Hợp tác xã Chè Tân Cương", "10507", cur.ValidFrom))

	got := duplicatePairs(t, db)
	want := map[[2]int64]dedupe.Reason{
		{oldOrg.ID, newOrg.ID}:       dedupe.SameName,
		{oldOrg.ID, typo.ID}:         dedupe.Similar,
		{newOrg.ID, typo.ID}:         dedupe.Similar,
		{oldOrg.ID, reordered.ID}:    dedupe.WordOrder,
		{newOrg.ID, reordered.ID}:    dedupe.WordOrder,
		{elsewhere.ID, reordered.ID}: dedupe.WordOrder,
		{oldOrg.ID, branch.ID}:       dedupe.SameCode,
	}
	for k, r := range want {
		if why := got[k]; len(why) == 0 || why[0].Reason != r {
			t.Errorf("pair %v: %v, want %s", k, why, r)
		}
	}
	for k, why := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("pair %v proposed (%v), want none", k, why)
		}
		if k[0] == unrelated.ID || k[1] == unrelated.ID {
			t.Errorf("the unrelated organisation is in pair %v", k)
		}
	}
	if why := got[[2]int64{oldOrg.ID, typo.ID}]; len(why) > 0 && why[0].Distance != 1 {
		t.Errorf("typo distance %d, want 1", why[0].Distance)
	}
}

func TestDuplicatesPaginate(t *testing.T) {
	db := newTestDB(t)
	for _, c := range []string{"2800000001", "2800000002", "2800000003"} {
		createOrg(t, db, inCommune(c, "Hợp tác xã Chè Tân Cương", "17605", day(2008, 1, 1)))
	}
	ctx := context.Background()
	page1, total, err := db.Duplicates(ctx, 1, 2)
	if err != nil || total != 3 || len(page1) != 2 {
		t.Fatalf("page 1: %d of %d, %v; want 2 of 3", len(page1), total, err)
	}
	page2, _, err := db.Duplicates(ctx, 2, 2)
	if err != nil || len(page2) != 1 || page2[0].A.ID == page1[0].A.ID && page2[0].B.ID == page1[0].B.ID {
		t.Fatalf("page 2: %+v, %v", page2, err)
	}
	if far, _, err := db.Duplicates(ctx, 9, 2); err != nil || len(far) != 0 {
		t.Errorf("page 9: %d, %v; want none", len(far), err)
	}
}
