package demo

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// The demo register's seeds are valid as they stand: every organisation,
// manager list and year of figures passes the domain's checks.
func TestRegisterSeedsValid(t *testing.T) {
	today := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	forms := map[coop.Form]bool{}
	for _, s := range registerSeeds() {
		o := s.org
		o.Normalize()
		if err := o.Validate(); err != nil {
			t.Errorf("%s: %v", o.Name, err)
		}
		forms[o.Form] = true
		if err := coop.ValidatePeople(s.people); err != nil {
			t.Errorf("%s people: %v", o.Name, err)
		}
		for _, f := range s.figures {
			if err := f.Validate(today); err != nil {
				t.Errorf("%s %d: %v", o.Name, f.Year, err)
			}
		}
	}
	if len(forms) != 3 {
		t.Errorf("the demo shows %d legal forms, want all three", len(forms))
	}
}

func TestRegisterLoads(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	list, total, err := db.Organisations(ctx, store.OrganisationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(registerSeeds()) {
		t.Errorf("%d organisations, want %d", total, len(registerSeeds()))
	}
	u, err := db.UserByEmail(ctx, CoopEmail)
	if err != nil {
		t.Fatal(err)
	}
	if u.OrganisationID == nil {
		t.Fatal("the demo cooperative account represents no organisation")
	}
	if !auth.CanFileFigures(&u, *u.OrganisationID) {
		t.Error("the demo cooperative account cannot file its own figures")
	}
	figs, err := db.Figures(ctx, *u.OrganisationID)
	if err != nil || len(figs) < 3 {
		t.Errorf("its organisation has %d years of figures (%v), want several", len(figs), err)
	}
	dissolved := 0
	for _, o := range list {
		if o.Status == coop.StatusDissolved {
			dissolved++
		}
	}
	if dissolved != 1 {
		t.Errorf("%d dissolved organisations, want the one with a history", dissolved)
	}
}
