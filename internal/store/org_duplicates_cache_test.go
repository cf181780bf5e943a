package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// sameDuplicatesUncached asserts the kept duplicate list is the one the
// finder computes afresh: every page, the same pairs, reasons and order.
func sameDuplicatesUncached(t *testing.T, db *store.DB, stage string) int {
	t.Helper()
	ctx := context.Background()
	list := func() ([]store.Duplicate, int) {
		var all []store.Duplicate
		var total int
		for page := 1; ; page++ {
			got, n, err := db.Duplicates(ctx, page, 7)
			if err != nil {
				t.Fatalf("%s: %v", stage, err)
			}
			all, total = append(all, got...), n
			if len(got) < 7 {
				return all, total
			}
		}
	}
	// The kept list first, as a reader after the write would see it; the
	// uncached one neither reads nor fills what is kept.
	kept, keptTotal := list()
	db.SetOrgTotalCache(false)
	want, wantTotal := list()
	db.SetOrgTotalCache(true)
	again, againTotal := list()
	for _, c := range []struct {
		got   []store.Duplicate
		total int
	}{{kept, keptTotal}, {again, againTotal}} {
		got, total := c.got, c.total
		if total != wantTotal || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: kept list (%d) differs from the finder's (%d):\n got %+v\nwant %+v", stage, total, wantTotal, got, want)
		}
	}
	return wantTotal
}

// TestDuplicatesKeptSameAsFound is the differential test of the kept
// duplicate list: after each kind of write the finder reads (names,
// codes, communes and their dates, statuses, a merge, a distinct mark, a
// new organisation, the register importer, a unit import), the kept list
// is the freshly computed one, whatever was asked before the write.
func TestDuplicatesKeptSameAsFound(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	r := rand.New(rand.NewPCG(23, 5))
	ids := findRegister(t, db, r, 90, 0)
	if n := sameDuplicatesUncached(t, db, "fresh"); n < 5 {
		t.Fatalf("fixture: %d pairs", n)
	}
	for _, w := range []struct {
		name  string
		write func(tx *store.Tx) error
	}{
		{"names", editOrgs(ids[:10], func(i int, o *coop.Organisation) { o.Name = "Hợp tác xã Trùng Tên" })},
		{"a letter off", editOrgs(ids[10:12], func(i int, o *coop.Organisation) { o.Name = "Hợp tác xã Trùng Tên" + fmt.Sprint(i) })},
		{"codes", editOrgs(ids[12:16], func(i int, o *coop.Organisation) {
			if o.Code != "" {
				o.Code = fmt.Sprintf("0899999999-%03d", i+1)
			}
		})},
		{"communes", editOrgs(ids[:5], func(i int, o *coop.Organisation) { o.CommuneCode = "10513" })},
		{"commune dates", editOrgs(ids[5:10], func(i int, o *coop.Organisation) { o.CommuneValidFrom = day(2025, 7, 1) })},
		{"new communes", editOrgs(ids[:8], func(i int, o *coop.Organisation) {
			o.NewCommuneCode, o.NewCommuneValidFrom = "10516", day(2025, 7, 1)
		})},
		{"contact details", editOrgs(ids[:10], func(i int, o *coop.Organisation) { o.Phone = "0220 3000 001" })},
		{"a distinct mark", func(tx *store.Tx) error {
			l, _, err := db.Duplicates(ctx, 1, 1)
			if err != nil || len(l) == 0 {
				return fmt.Errorf("no pair to mark: %v", err)
			}
			return tx.MarkDistinct(ctx, l[0].A.ID, l[0].B.ID)
		}},
		{"a status", func(tx *store.Tx) error {
			return tx.AddStatus(ctx, &coop.Status{OrganisationID: ids[1], Kind: coop.StatusDissolved, On: *day(2025, 3, 1)})
		}},
		{"a merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[2], ids[3]); return err }},
		{"a new organisation", func(tx *store.Tx) error {
			o := newOrg("0899999998", "Hợp tác xã Trùng Tên")
			o.CommuneCode = "10513"
			return tx.CreateOrganisation(ctx, &o)
		}},
		{"a unit import", func(tx *store.Tx) error {
			_, err := tx.ImportUnits(ctx, findUnits(unit.Record{Level: unit.LevelCommune, Code: "99999", Name: "Xã Mới", ParentCode: "31"}))
			return err
		}},
	} {
		update(t, db, w.write)
		sameDuplicatesUncached(t, db, "after "+w.name)
	}
	var rows []store.RegisterRow
	for i := range 5 {
		row := regRow(fmt.Sprintf("08%08d", 500+i), "HTX Trùng Tên Nhập", 2024, 1)
		row.Org.CommuneCode = "10510"
		rows = append(rows, row)
	}
	importRows(t, db, rows)
	sameDuplicatesUncached(t, db, "after an import")
}
