package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// A kept page's stamp moves with what the page shows and only with that:
// filing amounts leaves a search's and a form's pages kept (no list shows
// figures), a new year's figures move a list filtered on that year, and a
// telephone number, which no list selects or orders by, moves every page,
// since the API's list returns it. TestOrganisationsSameAsReference
// checks the pages' content against the reference.
func TestOrganisationPageStamps(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := createOrg(t, db, newOrg("0800000001", "Hợp tác xã Nông nghiệp Sen Quê"))
	createOrg(t, db, newOrg("0800000002", "Hợp tác xã Dịch vụ Sen Quê"))
	filters := map[string]store.OrganisationFilter{
		"search": {Query: "sen que", PerPage: 50}, "form": {Form: coop.FormHTX, PerPage: 50},
		"year": {Year: 2025, PerPage: 50}, "page 2": {Query: "sen que", Page: 2, PerPage: 1}}
	stamps := func() map[string]string {
		out := map[string]string{}
		for name, f := range filters {
			p, err := db.OrganisationPage(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = p.Stamp
		}
		return out
	}
	figures := func(year int, revenue int64) func(tx *store.Tx) error {
		return func(tx *store.Tx) error {
			f := &coop.YearFigures{OrganisationID: a.ID, Year: year, MembersIndividual: 10, Revenue: revenue}
			_, _, err := tx.PutFigures(ctx, f, coop.StepSave, false)
			return err
		}
	}
	update(t, db, figures(2024, 1))
	before := stamps()
	if before["page 2"] == before["search"] {
		t.Fatal("two pages of one search share a stamp")
	}
	update(t, db, figures(2024, 2))
	if after := stamps(); after["search"] != before["search"] || after["form"] != before["form"] ||
		after["year"] != before["year"] {
		t.Errorf("amounts of 2024 moved stamps:\n%v\n%v", before, after)
	}
	update(t, db, figures(2025, 3))
	after := stamps()
	if after["year"] == before["year"] {
		t.Error("a first row of 2025 left the 2025 list's stamp")
	}
	if after["search"] != before["search"] {
		t.Error("a first row of 2025 moved a search's stamp")
	}
	update(t, db, func(tx *store.Tx) error {
		o, err := tx.OrganisationForUpdate(ctx, a.ID)
		if err != nil {
			return err
		}
		o.Phone = "0220 9999 999"
		return tx.UpdateOrganisation(ctx, &o)
	})
	for name, s := range stamps() {
		if s == after[name] {
			t.Errorf("%s: a telephone number left the stamp", name)
		}
	}
}
