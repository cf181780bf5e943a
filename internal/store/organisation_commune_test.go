package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
)

// neverAssigned clears an organisation's commune after the reform, as a
// register kept before the form filled it in may hold it: the portal and
// the indicators must place such an organisation in no province.
func neverAssigned(t *testing.T, db *store.DB, id int64) {
	t.Helper()
	if _, err := db.SQL().Exec(db.Rebind(`UPDATE organisations SET new_commune_code = '', new_commune_valid_from = NULL
		WHERE id = ?`), id); err != nil {
		t.Fatal(err)
	}
}

// TestSavedOrganisationGetsItsCommuneAfterTheReform: an organisation saved
// by the form or the API with a commune and no commune after the reform
// gets the one its commune stands for, as the import gives it, so the
// indicators and the portal count it in its province; a commune split
// between several new ones is left for a person to choose, and a commune
// after the reform given by the user is kept.
func TestSavedOrganisationGetsItsCommuneAfterTheReform(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importRealUnits(t, db)
	oldDay, newDay := day(2008, 1, 1), day(2025, 7, 1)
	successor, err := db.ResolveUnit(ctx, "04249", *oldDay)
	if err != nil || len(successor.Communes) != 1 {
		t.Fatalf("04249 before the reform: %+v, %v", successor, err)
	}
	split, err := db.ResolveUnit(ctx, "10528", *oldDay)
	if err != nil || len(split.Communes) < 2 {
		t.Fatalf("10528 before the reform should be split: %+v, %v", split, err)
	}
	for i, c := range []struct {
		name, commune string
		from          *time.Time
		given         string // the commune after the reform the user gave
		want          string
		wantFrom      *time.Time
	}{
		{"in force", "02647", newDay, "", "02647", newDay},
		{"merged whole", "04249", oldDay, "", successor.Communes[0].Unit.Code, successor.Communes[0].Unit.ValidFrom},
		{"split", "10528", oldDay, "", "", nil},
		{"given by the user", "10528", oldDay, "10537", "10537", newDay},
		{"no commune", "", nil, "", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := newOrg("0600000"+string(rune('0'+i))+"00", "Hợp tác xã Xã mới "+c.name)
			o.CommuneCode, o.CommuneValidFrom = c.commune, c.from
			o.NewCommuneCode, o.NewCommuneValidFrom = c.given, nil
			if c.given != "" {
				o.NewCommuneValidFrom = newDay
			}
			o = createOrg(t, db, o)
			got, err := db.Organisation(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.NewCommuneCode != c.want || !sameDay(got.NewCommuneValidFrom, c.wantFrom) {
				t.Errorf("commune after the reform %q from %v, want %q from %v", got.NewCommuneCode,
					got.NewCommuneValidFrom, c.want, c.wantFrom)
			}
			// An edit that clears it gets it back, as a new one does.
			got.NewCommuneCode, got.NewCommuneValidFrom = "", nil
			update(t, db, func(tx *store.Tx) error { return tx.UpdateOrganisation(ctx, &got) })
			if again, _ := db.Organisation(ctx, o.ID); again.NewCommuneCode != c.want && c.given == "" {
				t.Errorf("after an edit: %q, want %q", again.NewCommuneCode, c.want)
			}
		})
	}
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
