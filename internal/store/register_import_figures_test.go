package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// A row's Keep sees the stored figures of its year and what it copies
// stays; the filing state a cooperative reached is never changed by an
// import.
func TestRegisterImporterFigures(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	importRows(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2024, 200)})
	o, err := db.OrganisationByCode(ctx, "0100000001")
	if err != nil {
		t.Fatal(err)
	}
	f := coop.YearFigures{OrganisationID: o.ID, Year: 2024, MembersIndividual: 10, Revenue: 200}
	if _, _, err := putFigures(db, &f, coop.StepSubmit, true); err != nil {
		t.Fatal(err)
	}
	row := regRow("0100000001", "HTX Một", 2024, 0)
	row.Figures.Employees = 4
	row.Keep = func(stored, f *coop.YearFigures) { f.Revenue = stored.Revenue }
	c := importRows(t, db, []store.RegisterRow{row})
	got, err := db.FiguresFor(ctx, o.ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if c.Figures != 1 || got.Revenue != 200 || got.Employees != 4 || got.Filing != coop.FilingSubmitted {
		t.Errorf("counts %+v, figures %+v", c, got)
	}
}
