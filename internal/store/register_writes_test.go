package store_test

import (
	"context"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// The writes the register's differential tests make, each kind alone:
// the cached or kept answer is compared with the live one after each.

// editOrgs is a write that reads each organisation of ids for update,
// lets change alter it (i is its place in ids) and saves it through the
// store, as the organisation form does.
func editOrgs(ids []int64, change func(i int, o *coop.Organisation)) func(tx *store.Tx) error {
	return func(tx *store.Tx) error {
		ctx := context.Background()
		for i, id := range ids {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			change(i, &o)
			if err := tx.UpdateOrganisation(ctx, &o); err != nil {
				return err
			}
		}
		return nil
	}
}

// setFigures is a write that saves year's figures of each organisation
// of ids after change alters them: the figures it has (read from db),
// or new ones with 20 individual members.
func setFigures(db *store.DB, ids []int64, year int, change func(i int, f *coop.YearFigures)) func(tx *store.Tx) error {
	return func(tx *store.Tx) error {
		ctx := context.Background()
		for i, id := range ids {
			f := &coop.YearFigures{OrganisationID: id, Year: year, MembersIndividual: 20}
			if old, err := db.FiguresFor(ctx, id, year); err == nil {
				f = &old
			}
			change(i, f)
			if _, _, err := tx.PutFigures(ctx, f, coop.StepSave, false); err != nil {
				return err
			}
		}
		return nil
	}
}

// addStatuses is a write that adds to each organisation of ids a status
// of kinds in turn, on a day of March 2025, through its history.
func addStatuses(ids []int64, kinds ...coop.StatusKind) func(tx *store.Tx) error {
	return func(tx *store.Tx) error {
		ctx := context.Background()
		for i, id := range ids {
			s := &coop.Status{OrganisationID: id, Kind: kinds[i%len(kinds)], On: *day(2025, 3, 1+i%20)}
			if err := tx.AddStatus(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}
}
