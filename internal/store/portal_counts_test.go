package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// countsSameAsLive fails unless the counts the portal reads (kept by the
// triggers of migration 00025) equal the live GROUP BY over the
// organisations, row for row, names and provinces included; and that the
// home page's province totals (PortalProvinceCounts) equal them summed.
func countsSameAsLive(t *testing.T, db *store.DB, stage string) {
	t.Helper()
	ctx := context.Background()
	kept, err := db.PortalRegisterCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	live, err := db.LivePortalRegisterCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	if len(live) == 0 {
		t.Fatalf("%s: no active organisation; the comparison would prove nothing", stage)
	}
	if !slices.Equal(kept, live) {
		only := func(a, b []store.RegisterCount) []store.RegisterCount {
			var out []store.RegisterCount
			for _, c := range a {
				if !slices.Contains(b, c) {
					out = append(out, c)
				}
			}
			return out
		}
		t.Errorf("%s: kept counts differ from the live count (%d rows, %d live)\nonly kept %+v\nonly live %+v",
			stage, len(kept), len(live), only(kept, live), only(live, kept))
	}
	provincesSameAsSums(t, db, stage)
}

// TestPortalCountsSameAsLive: a random register, then every kind of write
// the application makes to organisations, each alone (the form's edits of
// status, commune, form and sector, statuses through their history, a
// merge, new organisations, the register import, a unit import) and a
// delete, which no path of the application makes but a trigger must
// still count; after each the kept counts equal the live ones.
func TestPortalCountsSameAsLive(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			db := newTestDB(t)
			ctx := context.Background()
			update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
			r := rand.New(rand.NewPCG(seed, 25))
			ids := findRegister(t, db, r, 90, 0)
			countsSameAsLive(t, db, "fresh")
			for _, w := range []struct {
				name  string
				write func(tx *store.Tx) error
			}{
				{"sectors", editOrgs(ids[0:20], func(i int, o *coop.Organisation) { o.Sector = coop.Sectors()[i%len(coop.Sectors())] })},
				{"forms", editOrgs(ids[20:35], func(i int, o *coop.Organisation) {
					if o.Code != "" {
						o.Form = []coop.Form{coop.FormLHHTX, coop.FormHTX}[i%2]
					}
				})},
				{"communes", editOrgs(ids[35:50], func(i int, o *coop.Organisation) { o.CommuneCode = findCommunes[i%len(findCommunes)] })},
				{"communes' days", editOrgs(ids[35:50], func(i int, o *coop.Organisation) {
					o.CommuneValidFrom = []*time.Time{day(2010, 5, 1), day(2025, 7, 1), day(1900, 1, 1)}[i%3]
				})},
				{"new communes", editOrgs(ids[50:70], func(i int, o *coop.Organisation) {
					o.NewCommuneCode, o.NewCommuneValidFrom = []string{"10516", "", "99999", "10507"}[i%4], day(2025, 7, 1)
					if o.NewCommuneCode == "" {
						o.NewCommuneValidFrom = nil
					}
				})},
				{"everything at once", editOrgs(ids[70:80], func(i int, o *coop.Organisation) {
					o.Sector, o.CommuneCode, o.NewCommuneCode, o.NewCommuneValidFrom = coop.SectorTrade, "10510", "10507", day(2025, 7, 1)
				})},
				{"contact details", editOrgs(ids[:40], func(i int, o *coop.Organisation) { o.Phone = "0220 3000 000" })},
				{"dissolved and suspended", addStatuses(ids[0:30], coop.StatusDissolved, coop.StatusSuspended, coop.StatusRevoked)},
				{"active again", addStatuses(ids[0:30], coop.StatusActive)},
				{"a merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[40], ids[41]); return err }},
			} {
				update(t, db, w.write)
				countsSameAsLive(t, db, "after "+w.name)
			}
			findRegister(t, db, r, 15, 1000)
			countsSameAsLive(t, db, "after new organisations")

			var rows []store.RegisterRow
			for i := range 30 {
				// New organisations and ones already there, moved to another
				// commune and sector by the file.
				row := regRow(fmt.Sprintf("08%08d", 50+i), "HTX Thủy sản Ngọc Châu "+fmt.Sprint(i), 2024, 1)
				row.Org.CommuneCode, row.Org.Sector = "10510", coop.SectorTransport
				if i%3 == 0 {
					row.Org.NewCommuneCode, row.Org.NewCommuneValidFrom = "", nil
				}
				rows = append(rows, row)
			}
			importRows(t, db, rows)
			countsSameAsLive(t, db, "after an import")

			update(t, db, func(tx *store.Tx) error {
				_, err := tx.ImportUnits(ctx, findUnits(unit.Record{Level: unit.LevelCommune, Code: "99999",
					Name: "Xã Mới", ParentCode: "31"}))
				return err
			})
			countsSameAsLive(t, db, "after a unit import")

			for _, id := range []int64{ids[85], ids[86], ids[87]} {
				err := db.ExecForTest(ctx, []string{`DELETE FROM organisation_figures WHERE organisation_id = ?`,
					`DELETE FROM organisation_people WHERE organisation_id = ?`,
					`DELETE FROM organisation_statuses WHERE organisation_id = ?`,
					`DELETE FROM organisations WHERE id = ?`}, id)
				if err != nil {
					t.Fatal(err)
				}
			}
			countsSameAsLive(t, db, "after deletes")
		})
	}
}

// TestPortalCountsFilledByMigration: a register written before migration
// 00025 is counted by it, so the kept counts start equal to the live ones.
func TestPortalCountsFilledByMigration(t *testing.T) {
	ctx := context.Background()
	db := openAtVersion(t, 23)
	setClock(db, fixedNow)
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	findRegister(t, db, rand.New(rand.NewPCG(3, 25)), 40, 0)
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	countsSameAsLive(t, db, "after the migration")
}
