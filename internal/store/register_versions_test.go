package store_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// TestRegisterVersionsMoveOncePerTransaction: on PostgreSQL a transaction
// of many one-row statements moves each register version once (migration
// 00028), because every further update of one row in one transaction
// costs more than the last: an import of 200,000 rows written one at a
// time took hours. Readers still see the change: the lists' differential
// test (TestOrganisationsSameAsReference) covers that on both backends.
func TestRegisterVersionsMoveOncePerTransaction(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	ids := findRegister(t, db, rand.New(rand.NewPCG(3, 5)), 40, 0)
	versions := func() map[string]int64 {
		rows, err := db.SQL().QueryContext(ctx, `SELECT scope, n FROM register_versions`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int64{}
		for rows.Next() {
			var s string
			var n int64
			if err := rows.Scan(&s, &n); err != nil {
				t.Fatal(err)
			}
			out[s] = n
		}
		return out
	}
	before := versions()
	update(t, db, func(tx *store.Tx) error {
		for i, id := range ids {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			o.Sector = coop.SectorCredit
			if err := tx.UpdateOrganisation(ctx, &o); err != nil {
				return err
			}
			f := &coop.YearFigures{OrganisationID: id, Year: 2026, MembersIndividual: int64(10 + i)}
			if _, _, err := tx.PutFigures(ctx, f, coop.StepSave, false); err != nil {
				return err
			}
		}
		return nil
	})
	after := versions()
	scopes := []string{"organisations", "figures", "figures:2026", "figure_rows:2026"}
	if db.Dialect() == "postgres" {
		scopes = append(scopes, "register") // the writers' lock, taken first (00020)
	}
	for _, scope := range scopes {
		moved := after[scope] - before[scope]
		if moved < 1 {
			t.Errorf("%s moved %d times, want at least once", scope, moved)
		}
		if db.Dialect() == "postgres" && moved != 1 {
			t.Errorf("%s moved %d times in one transaction on PostgreSQL, want once", scope, moved)
		}
	}
	// A second transaction moves them again: the setting that remembers
	// the bumps ends with its transaction.
	update(t, db, func(tx *store.Tx) error {
		o, err := tx.OrganisationForUpdate(ctx, ids[0])
		if err != nil {
			return err
		}
		o.Sector = coop.SectorTransport
		return tx.UpdateOrganisation(ctx, &o)
	})
	if again := versions(); again["organisations"] != after["organisations"]+1 {
		t.Errorf("organisations moved %d times in the next transaction, want once", again["organisations"]-after["organisations"])
	}
}
