package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// yearCell is one row of register_year_counts, or of the live GROUP BY
// it keeps.
type yearCell struct {
	Year                 int
	Form, Sector, Status string
	N                    int64
}

func yearCells(t *testing.T, db *store.DB, query string) []yearCell {
	t.Helper()
	rows, err := db.SQL().QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []yearCell
	for rows.Next() {
		var c yearCell
		if err := rows.Scan(&c.Year, &c.Form, &c.Sector, &c.Status, &c.N); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// yearCountsSameAsLive fails unless the kept per-year counts (migration
// 00030) equal the live count of figure rows by year and their
// organisation's form, sector and status, cell for cell; unless no
// change waits to be added up after its transaction ended (PostgreSQL);
// and unless the register list's totals with a year filter equal a live
// count of the organisations it selects.
func yearCountsSameAsLive(t *testing.T, db *store.DB, stage string) {
	t.Helper()
	ctx := context.Background()
	kept := yearCells(t, db, `SELECT year, form, sector, status, n FROM register_year_counts
		WHERE n <> 0 ORDER BY year, form, sector, status`)
	live := yearCells(t, db, `SELECT y.year, o.form, o.sector, o.status, COUNT(*)
		FROM organisation_figures y JOIN organisations o ON o.id = y.organisation_id
		GROUP BY y.year, o.form, o.sector, o.status ORDER BY y.year, o.form, o.sector, o.status`)
	if len(live) == 0 {
		t.Fatalf("%s: no figures; the comparison would prove nothing", stage)
	}
	if !slices.Equal(kept, live) {
		only := func(a, b []yearCell) []yearCell {
			var out []yearCell
			for _, c := range a {
				if !slices.Contains(b, c) {
					out = append(out, c)
				}
			}
			return out
		}
		t.Errorf("%s: kept year counts differ from the live count (%d cells, %d live)\nonly kept %+v\nonly live %+v",
			stage, len(kept), len(live), only(kept, live), only(live, kept))
	}
	if db.Dialect() == "postgres" {
		if n := count(t, db, "register_year_pending"); n != 0 {
			t.Errorf("%s: %d changes still pending after their transactions ended", stage, n)
		}
	}
	db.SetOrgTotalCache(false)
	defer db.SetOrgTotalCache(true)
	for _, f := range []store.OrganisationFilter{
		{Year: 2021}, {Year: 2023, Form: coop.FormHTX}, {Year: 2024, Sector: coop.SectorTrade},
		{Year: 2025, Status: coop.StatusActive}, {Year: 2026}, {Year: 2022, Form: coop.FormTHT, Status: coop.StatusDissolved},
		{Year: 2024, Form: coop.FormLHHTX, Sector: coop.SectorTransport, Status: coop.StatusActive},
	} {
		_, total, err := db.Organisations(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		q, args := `SELECT COUNT(*) FROM organisations o JOIN organisation_figures y ON y.organisation_id = o.id AND y.year = ?`,
			[]any{f.Year}
		for _, c := range []struct{ col, v string }{{"o.form", string(f.Form)}, {"o.sector", string(f.Sector)},
			{"o.status", string(f.Status)}} {
			if c.v != "" {
				q, args = q+" AND "+c.col+" = ?", append(args, c.v)
			}
		}
		var want int
		if err := db.SQL().QueryRowContext(ctx, db.Rebind(q), args...).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if total != want {
			t.Errorf("%s: %+v: total %d, live count %d", stage, f, total, want)
		}
	}
}

// TestYearCountsSameAsLive: a random register, then every kind of write
// the application makes to organisations and their figures, each alone
// (edits of form and sector, contact details, statuses through their
// history, figures of a new year and of a year already there, a merge,
// new organisations, the register import, a unit import), a write rolled
// back, and deletes of figures and of organisations, which no path of the
// application makes but the triggers must still count; after each the
// kept counts equal the live ones.
func TestYearCountsSameAsLive(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			db := newTestDB(t)
			ctx := context.Background()
			update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
			r := rand.New(rand.NewPCG(seed, 30))
			ids := findRegister(t, db, r, 80, 0)
			yearCountsSameAsLive(t, db, "fresh")
			figures := func(ids []int64, year int) func(tx *store.Tx) error {
				return func(tx *store.Tx) error {
					for i, id := range ids {
						f := &coop.YearFigures{OrganisationID: id, Year: year, MembersIndividual: int64(7 + i),
							Rating: coop.RatingGood}
						if _, _, err := tx.PutFigures(ctx, f, coop.StepSave, false); err != nil {
							return err
						}
					}
					return nil
				}
			}
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
				{"the same organisation twice", func(tx *store.Tx) error {
					if err := editOrgs(ids[36:37], func(_ int, o *coop.Organisation) { o.Sector = coop.SectorCredit })(tx); err != nil {
						return err
					}
					return editOrgs(ids[36:37], func(_ int, o *coop.Organisation) { o.Sector = coop.SectorTransport })(tx)
				}},
				{"contact details", editOrgs(ids[:40], func(i int, o *coop.Organisation) { o.Phone = "0220 3000 000" })},
				{"dissolved and suspended", addStatuses(ids[0:30], coop.StatusDissolved, coop.StatusSuspended, coop.StatusRevoked)},
				{"active again", addStatuses(ids[0:30], coop.StatusActive)},
				{"figures of a new year", figures(ids[10:50], 2026)},
				{"figures of a year already there", figures(ids[10:50], 2024)},
				{"a status and figures together", func(tx *store.Tx) error {
					if err := figures(ids[50:55], 2020)(tx); err != nil {
						return err
					}
					return addStatuses(ids[50:55], coop.StatusDissolved)(tx)
				}},
				{"a merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[40], ids[41]); return err }},
				{"another merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[42], ids[43]); return err }},
			} {
				update(t, db, w.write)
				yearCountsSameAsLive(t, db, "after "+w.name)
			}
			errUndo := errors.New("undone")
			err := db.Update(ctx, func(tx *store.Tx) error {
				if err := figures(ids[60:70], 2019)(tx); err != nil {
					return err
				}
				if err := editOrgs(ids[60:70], func(_ int, o *coop.Organisation) { o.Sector = coop.SectorWater })(tx); err != nil {
					return err
				}
				return errUndo
			})
			if !errors.Is(err, errUndo) {
				t.Fatalf("rolled back write: %v", err)
			}
			yearCountsSameAsLive(t, db, "after a write rolled back")

			findRegister(t, db, r, 15, 1000)
			yearCountsSameAsLive(t, db, "after new organisations")

			var rows []store.RegisterRow
			for i := range 30 {
				// New organisations and ones already there (codes 08000000xx
				// of findRegister), moved to another sector by the file,
				// with figures of a year they had and of one they had not.
				row := regRow(fmt.Sprintf("08%08d", 50+i), "HTX Thủy sản Ngọc Châu "+fmt.Sprint(i), []int{2024, 2026}[i%2], 1)
				row.Org.CommuneCode, row.Org.Sector = "10510", coop.SectorTransport
				rows = append(rows, row)
			}
			importRows(t, db, rows[:15], rows[15:])
			yearCountsSameAsLive(t, db, "after an import")

			update(t, db, func(tx *store.Tx) error {
				_, err := tx.ImportUnits(ctx, findUnits(unit.Record{Level: unit.LevelCommune, Code: "99999",
					Name: "Xã Mới", ParentCode: "31"}))
				return err
			})
			yearCountsSameAsLive(t, db, "after a unit import")

			if err := db.ExecForTest(ctx, []string{`DELETE FROM organisation_figures WHERE organisation_id = ? AND year = 2024`},
				ids[70]); err != nil {
				t.Fatal(err)
			}
			yearCountsSameAsLive(t, db, "after a year's figures deleted")
			if err := db.ExecForTest(ctx, []string{`DELETE FROM organisation_figures WHERE year = 2023`}); err != nil {
				t.Fatal(err)
			}
			yearCountsSameAsLive(t, db, "after a whole year deleted")
			for _, id := range []int64{ids[75], ids[76], ids[77]} {
				// An organisation deleted with its figures still there (as a
				// database without foreign keys enforced allows), then one
				// deleted after them.
				q := []string{`DELETE FROM organisation_people WHERE organisation_id = ?`,
					`DELETE FROM organisation_statuses WHERE organisation_id = ?`,
					`DELETE FROM organisation_figures WHERE organisation_id = ?`,
					`DELETE FROM organisations WHERE id = ?`}
				if err := db.ExecForTest(ctx, q, id); err != nil {
					t.Fatal(err)
				}
			}
			yearCountsSameAsLive(t, db, "after deletes")
		})
	}
}

// TestYearCountsConcurrentWriters: writers editing organisations and
// their figures at the same time, each in its own transaction, leave the
// kept counts equal to the live ones; on PostgreSQL their changes are
// added up at each commit, and none of them fails.
func TestYearCountsConcurrentWriters(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	ids := findRegister(t, db, rand.New(rand.NewPCG(9, 30)), 40, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 4*10)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				id := ids[(w*10+i)%len(ids)]
				errs <- db.Update(ctx, func(tx *store.Tx) error {
					o, err := tx.OrganisationForUpdate(ctx, id)
					if err != nil {
						return err
					}
					o.Sector = coop.Sectors()[(w+i)%len(coop.Sectors())]
					if err := tx.UpdateOrganisation(ctx, &o); err != nil {
						return err
					}
					f := &coop.YearFigures{OrganisationID: ids[(i*7+w)%len(ids)], Year: 2026 + w%2, MembersIndividual: 9}
					_, _, err = tx.PutFigures(ctx, f, coop.StepSave, false)
					return err
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	yearCountsSameAsLive(t, db, "after concurrent writers")
}

// TestYearCountsFilledByMigration: a register written before migration
// 00030 is counted by it.
func TestYearCountsFilledByMigration(t *testing.T) {
	ctx := context.Background()
	db := openAtVersion(t, 28)
	setClock(db, fixedNow)
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	findRegister(t, db, rand.New(rand.NewPCG(3, 30)), 40, 0)
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	yearCountsSameAsLive(t, db, "after the migration")
}
