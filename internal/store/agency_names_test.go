package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// Inside one transaction an agency just created is found by its name and
// its aliases, before commit: an import that names it twice creates it once.
func TestTxAgencyByNameSeesItsOwnWrites(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error {
		a := org.Agency{Name: "Sở Nông nghiệp và Môi trường", Kind: org.KindDepartment, Aliases: []string{"Sở NN&MT"}}
		if err := tx.CreateAgency(ctx, &a); err != nil {
			return err
		}
		for _, name := range []string{"so nong nghiep va moi truong", "SỞ NN&MT"} {
			got, err := tx.AgencyByName(ctx, name)
			if err != nil || got.ID != a.ID {
				t.Errorf("AgencyByName(%q) = %d, %v; want %d", name, got.ID, err, a.ID)
			}
			// The same agency as db.AgencyByName gives, aliases included.
			if len(got.Aliases) != 1 || got.Aliases[0] != "Sở NN&MT" {
				t.Errorf("AgencyByName(%q) aliases = %q, want [Sở NN&MT]", name, got.Aliases)
			}
		}
		_, err := tx.AgencyByName(ctx, "Sở Du lịch")
		wantCode(t, err, "not_found")
		return nil
	})
	all, err := db.AllAgencyNames(ctx)
	if err != nil || len(all) != 1 || len(all[0].Aliases) != 1 || all[0].Aliases[0] != "Sở NN&MT" {
		t.Errorf("AllAgencyNames = %+v, %v", all, err)
	}
}
