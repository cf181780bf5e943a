package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// sumScopes are the commune filters the summary is asked with: the
// whole register, one commune, a province's worth, a commune no unit
// list knows, the organisations without a commune, none.
var sumScopes = [][]string{nil, {"10507"}, {"10507", "10516", "11311"}, {"99999"}, {""}, {"10510", "10513"}, {}}

// sameSums asserts the summary answers every year and scope exactly as
// the live aggregation does. Years are read in a random order and only
// some of them, so some stay summed-but-stale across writes and the
// incremental path, not only the first full sum, is what gets compared.
func sameSums(t *testing.T, db *store.DB, r *rand.Rand, stage string) {
	t.Helper()
	ctx := context.Background()
	years := r.Perm(8)
	for _, i := range years[:3+r.IntN(6)] {
		year := 2019 + i
		for _, scope := range sumScopes {
			if r.IntN(3) == 0 {
				continue
			}
			live, err := db.IndicatorSumsLive(ctx, year, scope)
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.IndicatorSumsFor(ctx, year, scope)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, live) {
				t.Errorf("%s, %d, communes %q: summary differs from the live sums:\n got %v\nwant %v",
					stage, year, scope, got, live)
				return
			}
			if scope == nil {
				sameTotals(t, db, year, live, stage)
			}
		}
	}
}

// randomiseRegister gives the organisations of ids what findRegister
// leaves out and the sums read: founding and registration days, laws,
// charters and conversions, managers of every training, suspensions with
// an end, and figures in every filing state.
func randomiseRegister(t *testing.T, db *store.DB, r *rand.Rand, ids []int64) {
	t.Helper()
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error {
		for _, id := range ids {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			o.FoundedOn = []*time.Time{nil, day(2019, 5, 1), day(2022, 12, 31), day(2024, 1, 1), day(2025, 8, 1)}[r.IntN(5)]
			o.RegisteredOn = []*time.Time{nil, day(2021, 3, 1), day(2023, 1, 1)}[r.IntN(3)]
			if o.FoundedOn != nil && o.RegisteredOn != nil && o.RegisteredOn.Before(*o.FoundedOn) {
				o.RegisteredOn = nil
			}
			if o.Form != coop.FormTHT {
				o.Law = coop.Laws()[r.IntN(4)]
				o.CharterOn = []*time.Time{nil, day(2023, 12, 31), day(2024, 7, 1)}[r.IntN(3)]
				if o.Law < 2012 {
					o.ConvertedOn = []*time.Time{nil, day(2020, 1, 1), day(2025, 1, 1)}[r.IntN(3)]
				}
			}
			if err := tx.UpdateOrganisation(ctx, &o); err != nil {
				return err
			}
			var people []coop.Person
			for k, role := range coop.Roles()[:r.IntN(4)] {
				people = append(people, coop.Person{Role: role, Name: fmt.Sprintf("Người %d", k),
					Training: coop.Trainings()[r.IntN(len(coop.Trainings()))]})
			}
			if _, err := tx.SetPeople(ctx, id, people); err != nil {
				return err
			}
			if r.IntN(5) == 0 {
				if err := tx.AddStatus(ctx, &coop.Status{OrganisationID: id, Kind: coop.StatusSuspended,
					On: *day(2022, 6, 1), Until: day(2023, 6, 1)}); err != nil {
					return err
				}
			}
			if r.IntN(3) == 0 {
				year := 2022 + r.IntN(3)
				f := &coop.YearFigures{OrganisationID: id, Year: year}
				if old, err := db.FiguresFor(ctx, id, year); err == nil {
					f = &old
				}
				f.Employees, f.AvgIncome, f.Revenue, f.Profit = int64(r.IntN(20)), int64(r.IntN(9))*1000, 500, -20
				f.ValueChain, f.HighTech, f.OCOPProducts = r.IntN(2) == 0, r.IntN(3) == 0, int64(r.IntN(3))
				steps := [][]coop.FilingStep{{coop.StepSave}, {coop.StepSubmit}, {coop.StepSubmit, coop.StepAccept}}[r.IntN(3)]
				for _, s := range steps {
					if _, _, err := tx.PutFigures(ctx, f, s, s != coop.StepAccept); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// indicatorWrites are every kind of write the sums depend on, each
// alone, over the organisations of ids.
func indicatorWrites(t *testing.T, db *store.DB, ids []int64) []struct {
	name  string
	write func(tx *store.Tx) error
	raw   string
	args  []any
} {
	ctx := context.Background()
	return []struct {
		name  string
		write func(tx *store.Tx) error
		raw   string
		args  []any
	}{
		{"new communes", editOrgs(ids[0:4], func(_ int, o *coop.Organisation) {
			o.NewCommuneCode, o.NewCommuneValidFrom = "10516", day(2025, 7, 1)
		}), "", nil},
		{"commune to none", editOrgs(ids[4:6], func(_ int, o *coop.Organisation) { o.NewCommuneCode, o.NewCommuneValidFrom = "", nil }), "", nil},
		{"recorded commune (mapped flag)", editOrgs(ids[6:9], func(_ int, o *coop.Organisation) { o.CommuneCode = "10513" }), "", nil},
		{"recorded unit's day (mapped flag)", editOrgs(ids[9:12], func(_ int, o *coop.Organisation) { o.CommuneValidFrom = day(2025, 7, 1) }), "", nil},
		{"forms", editOrgs(ids[12:16], func(_ int, o *coop.Organisation) {
			if o.Code != "" {
				o.Form = coop.FormLHHTX
			}
		}), "", nil},
		{"founding days", editOrgs(ids[16:20], func(_ int, o *coop.Organisation) { o.FoundedOn, o.RegisteredOn = day(2021, 2, 2), nil }), "", nil},
		{"registration days", editOrgs(ids[20:24], func(_ int, o *coop.Organisation) { o.FoundedOn, o.RegisteredOn = nil, day(2024, 4, 4) }), "", nil},
		{"laws", editOrgs(ids[24:28], func(_ int, o *coop.Organisation) {
			if o.Form != coop.FormTHT {
				o.Law, o.ConvertedOn = 2003, nil
			}
		}), "", nil},
		{"conversions", editOrgs(ids[24:28], func(_ int, o *coop.Organisation) { o.ConvertedOn = day(2022, 2, 2) }), "", nil},
		{"charters", editOrgs(ids[28:32], func(_ int, o *coop.Organisation) { o.CharterOn = day(2020, 2, 2) }), "", nil},
		{"a status added", func(tx *store.Tx) error {
			for _, id := range ids[32:36] {
				if err := tx.AddStatus(ctx, &coop.Status{OrganisationID: id, Kind: coop.StatusDissolved, On: *day(2023, 3, 1)}); err != nil {
					return err
				}
			}
			return nil
		}, "", nil},
		{"a status removed", nil, `DELETE FROM organisation_statuses WHERE organisation_id IN (?, ?, ?)`, []any{ids[32], ids[33], ids[40]}},
		{"a suspension's end", nil, `UPDATE organisation_statuses SET until_date = '2021-01-01' WHERE status = 'suspended'`, []any{}},
		{"managers changed", func(tx *store.Tx) error {
			for _, id := range ids[36:40] {
				if _, err := tx.SetPeople(ctx, id, []coop.Person{{Role: coop.RoleDirector, Name: "Trần Văn An",
					Training: coop.TrainingUniversity}}); err != nil {
					return err
				}
			}
			return nil
		}, "", nil},
		{"managers removed", func(tx *store.Tx) error { _, err := tx.SetPeople(ctx, ids[36], nil); return err }, "", nil},
		// Managers where there were none: nothing is deleted first.
		{"managers added", func(tx *store.Tx) error {
			_, err := tx.SetPeople(ctx, ids[36], []coop.Person{{Role: coop.RoleChair, Name: "Lê Thị Bình", Training: coop.TrainingCollege}})
			return err
		}, "", nil},
		{"a manager's training", nil, `UPDATE organisation_people SET training = 'none' WHERE organisation_id = ?`, []any{ids[37]}},
		{"figures inserted", func(tx *store.Tx) error {
			for _, id := range ids[40:46] {
				f := &coop.YearFigures{OrganisationID: id, Year: 2025, MembersIndividual: 7, Employees: 3, AvgIncome: 5000,
					Rating: coop.RatingGood, Exemplary: true}
				if old, err := db.FiguresFor(ctx, id, 2025); err == nil {
					old.Revenue += 99
					f = &old
				}
				if _, _, err := tx.PutFigures(ctx, f, coop.StepSave, false); err != nil {
					return err
				}
			}
			return nil
		}, "", nil},
		{"figures updated", nil, `UPDATE organisation_figures SET employees = employees + 1, rating = 'fair' WHERE organisation_id IN (?, ?)`, []any{ids[41], ids[50]}},
		{"figures deleted", nil, `DELETE FROM organisation_figures WHERE organisation_id IN (?, ?) AND year >= 2023`, []any{ids[42], ids[51]}},
		{"a filing submitted", func(tx *store.Tx) error {
			f, err := db.FiguresFor(ctx, ids[43], 2025)
			if err != nil {
				return err
			}
			_, _, err = tx.PutFigures(ctx, &f, coop.StepSave, true)
			if err == nil {
				_, _, err = tx.PutFigures(ctx, &f, coop.StepSubmit, true)
			}
			return err
		}, "", nil},
		{"a filing accepted", func(tx *store.Tx) error {
			f, err := db.FiguresFor(ctx, ids[43], 2025)
			if err != nil {
				return err
			}
			_, _, err = tx.PutFigures(ctx, &f, coop.StepAccept, false)
			return err
		}, "", nil},
		{"a merge", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[46], ids[47]); return err }, "", nil},
		{"a merge across communes", func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, ids[0], ids[48]); return err }, "", nil},
	}
}

// The summary answers exactly as the live aggregation does on random
// registers, after every kind of write the sums depend on, each alone,
// for several years and scopes; then after a register import, a unit
// import, an organisation created by the form and one without a commune.
func TestIndicatorSummarySameAsLive(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprintf("register %d", seed), func(t *testing.T) {
			db := newTestDB(t)
			ctx := context.Background()
			update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
			r := rand.New(rand.NewPCG(seed, 19))
			ids := findRegister(t, db, r, 60, 0)
			randomiseRegister(t, db, r, ids)
			sameSums(t, db, r, "fresh")
			for _, w := range indicatorWrites(t, db, ids) {
				if w.raw != "" {
					// What no store method writes (a status or figures
					// deleted, a column set by hand), outside a store
					// transaction.
					if _, err := db.SQL().ExecContext(ctx, db.Rebind(w.raw), w.args...); err != nil {
						t.Fatalf("%s: %v", w.name, err)
					}
				} else {
					update(t, db, w.write)
				}
				sameSums(t, db, r, "after "+w.name)
			}

			var rows []store.RegisterRow
			for i := range 12 {
				row := regRow(fmt.Sprintf("08%08d", i), "HTX Thủy sản Ngọc Châu "+fmt.Sprint(i), 2024, 1)
				row.Figures.Rating, row.Figures.Exemplary = coop.RatingFair, i%2 == 0
				row.Org.CommuneCode, row.Org.NewCommuneCode = "10510", "10516"
				if i%3 == 0 {
					row.Status = &coop.Status{Kind: coop.StatusDissolved, On: *day(2024, 5, 5)}
				}
				rows = append(rows, row)
			}
			importRows(t, db, rows)
			sameSums(t, db, r, "after an import")

			update(t, db, func(tx *store.Tx) error {
				_, err := tx.ImportUnits(ctx, findUnits(unit.Record{Level: unit.LevelCommune, Code: "99999",
					Name: "Xã Mới", ParentCode: "31"}))
				return err
			})
			sameSums(t, db, r, "after a unit import")

			findRegister(t, db, r, 5, 1000)
			o := newOrg("0899999999", "Tổ hợp tác Không Xã")
			o.Form, o.Code, o.CommuneCode, o.NewCommuneCode = coop.FormTHT, "", "", ""
			o.CommuneValidFrom, o.NewCommuneValidFrom = nil, nil
			createOrg(t, db, o)
			sameSums(t, db, r, "after organisations created")
		})
	}
}

// The summary has one column per sum: a sum added to indicator.Sums
// without a column (migration) would be dropped silently.
func TestIndicatorSummaryColumns(t *testing.T) {
	db := newTestDB(t)
	rows, err := db.SQL().QueryContext(context.Background(), `SELECT * FROM indicator_sums`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var sums []string
	for _, c := range cols {
		if strings.HasPrefix(c, "s") && len(c) == 3 {
			sums = append(sums, c)
		}
	}
	if len(sums) != indicator.SumCount {
		t.Errorf("%d sum columns %v, want %d", len(sums), sums, indicator.SumCount)
	}
}
