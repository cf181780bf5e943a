package indicator_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/unit"
)

func day(s string) *time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &d
}

// fixtureUnits is a small reform: new province 91 (communes 91001 and
// 91002) and 92 (92001); old province 80 whose commune 80001 went whole
// into 91002.
func fixtureUnits(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, []*unit.File{
			{Kind: unit.KindOldList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "80", Name: "Tỉnh Cũ"},
				{Level: unit.LevelCommune, Code: "80001", Name: "Xã Cũ", ParentCode: "80"}}},
			{Kind: unit.KindNewList, Units: []unit.Record{{Level: unit.LevelProvince, Code: "91", Name: "Tỉnh Một"},
				{Level: unit.LevelCommune, Code: "91001", Name: "Xã Lớn", ParentCode: "91"},
				{Level: unit.LevelCommune, Code: "91002", Name: "Xã Nhỏ", ParentCode: "91"},
				{Level: unit.LevelProvince, Code: "92", Name: "Tỉnh Hai"},
				{Level: unit.LevelCommune, Code: "92001", Name: "Xã Khác", ParentCode: "92"}}},
			{Kind: unit.KindNewToOld, Links: []unit.Mapping{{OldCode: "80001", NewCode: "91002", Share: unit.ShareFull}}},
		})
		return err
	}); err != nil {
		t.Fatalf("import units: %v", err)
	}
}

// fixtureOrg is one organisation of the fixture register with its
// history, managers and 2024 figures.
type fixtureOrg struct {
	org      coop.Organisation
	statuses []coop.Status
	people   []coop.Person
	figures  *coop.YearFigures
	filing   string // set after saving, to mimic a cooperative's own filing
}

var (
	oldDay = day("1900-01-01")
	newDay = day("2025-07-01")
)

// at places an organisation in a post-reform commune directly.
func at(o coop.Organisation, commune string) coop.Organisation {
	o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = commune, newDay, commune, newDay
	return o
}

// mapped places it in an old commune, carried to its new one.
func mapped(o coop.Organisation, old, commune string) coop.Organisation {
	o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = old, oldDay, commune, newDay
	return o
}

func htx(name, founded string, law coop.Law) coop.Organisation {
	return coop.Organisation{Name: name, Form: coop.FormHTX, Sector: coop.SectorAgriculture, FoundedOn: day(founded), Law: law}
}

// fixture is the register of TestFixtureRegister; the expected values
// there are worked out by hand from it.
func fixture() []fixtureOrg {
	o6 := mapped(htx("HTX 6", "2012-01-01", 2012), "80001", "91002")
	o6.Form, o6.CharterOn = coop.FormLHHTX, day("2025-01-10")
	o3 := at(htx("THT 3", "2015-01-01", 2012), "91001")
	o3.Form = coop.FormTHT
	o4 := at(htx("HTX 4", "2000-01-01", 2003), "91001")
	o4.ConvertedOn = day("2020-05-01")
	o1 := at(htx("HTX 1", "2010-01-01", 2012), "91001")
	o1.CharterOn = day("2024-09-01")
	o9 := htx("THT 9", "2024-12-31", 2023)
	o9.Form = coop.FormTHT
	return []fixtureOrg{
		{org: o1,
			people: []coop.Person{{Role: coop.RoleChair, Name: "A", Training: coop.TrainingCollege},
				{Role: coop.RoleDirector, Name: "B", Training: coop.TrainingElementary},
				{Role: coop.RoleAccountant, Name: "C", Training: coop.TrainingNone}},
			figures: &coop.YearFigures{MembersIndividual: 10, MembersHousehold: 5, MembersLegal: 1, Employees: 8,
				Revenue: 1_000_000_000, Profit: 100_000_000, AvgIncome: 60_000_000, Rating: coop.RatingGood,
				Exemplary: true, ValueChain: true, OCOPProducts: 2}},
		{org: at(htx("HTX 2", "2024-03-10", 2023), "91001"),
			people: []coop.Person{{Role: coop.RoleChair, Name: "D", Training: coop.TrainingUniversity}},
			figures: &coop.YearFigures{MembersIndividual: 20, Employees: 2, Revenue: 200_000_000, Profit: -20_000_000,
				Rating: coop.RatingFair, ValueChain: true, HighTech: true}},
		{org: o3},
		{org: o4,
			statuses: []coop.Status{{Kind: coop.StatusDissolved, On: *day("2024-06-30")}},
			people:   []coop.Person{{Role: coop.RoleChair, Name: "E", Training: coop.TrainingPostgraduate}},
			figures: &coop.YearFigures{MembersIndividual: 7, Employees: 3, Revenue: 50_000_000, AvgIncome: 30_000_000,
				Rating: coop.RatingWeak}},
		{org: at(htx("HTX 5", "2005-01-01", 2003), "91001"),
			statuses: []coop.Status{{Kind: coop.StatusSuspended, On: *day("2024-02-01"), Until: day("2024-08-31")}},
			figures:  &coop.YearFigures{MembersIndividual: 1000, Employees: 1000, Revenue: 1, Rating: coop.RatingGood},
			filing:   string(coop.FilingSubmitted)},
		{org: o6,
			people: []coop.Person{{Role: coop.RoleDirector, Name: "F", Training: coop.TrainingIntermediate},
				{Role: coop.RoleAccountant, Name: "G", Training: coop.TrainingCollege}},
			figures: &coop.YearFigures{MembersLegal: 4, Employees: 10, Revenue: 3_000_000_000, Profit: 300_000_000,
				AvgIncome: 90_000_000, Rating: coop.RatingGood, Exemplary: true, OCOPProducts: 1}},
		{org: mapped(htx("HTX 7", "2018-01-01", 2012), "80001", "91002"),
			statuses: []coop.Status{{Kind: coop.StatusSuspended, On: *day("2024-11-01")}},
			figures:  &coop.YearFigures{MembersIndividual: 30}},
		{org: at(htx("HTX 8", "2025-02-01", 2023), "92001")},
		{org: o9},
	}
}

// loadFixture stores the fixture register on db.
func loadFixture(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	fixtureUnits(t, db)
	for i, f := range fixture() {
		if err := db.Update(ctx, func(tx *store.Tx) error {
			o := f.org
			o.Code = fmt.Sprintf("28%08d", i+1) // a THT may have one too
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
			for _, s := range f.statuses {
				s.OrganisationID = o.ID
				if err := tx.AddStatus(ctx, &s); err != nil {
					return err
				}
			}
			if f.people != nil {
				if _, err := tx.SetPeople(ctx, o.ID, f.people); err != nil {
					return err
				}
			}
			if f.figures != nil {
				y := *f.figures
				y.OrganisationID, y.Year = o.ID, 2024
				if _, _, err := tx.PutFigures(ctx, &y, coop.StepSave, false); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatalf("organisation %d: %v", i, err)
		}
		if f.filing != "" {
			if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE organisation_figures SET filing = ?
				WHERE organisation_id = (SELECT id FROM organisations WHERE name = ?)`), f.filing, f.org.Name); err != nil {
				t.Fatal(err)
			}
		}
	}
}

var _ = storetest.Open
