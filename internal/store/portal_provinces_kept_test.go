package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// TestPortalProvinceCountsRolledBack: writes of a transaction that rolls
// back, whole or to a savepoint of a failed statement, leave nothing in
// the kept province totals (migration 00032), and a later transaction's
// changes are still added at its commit.
func TestPortalProvinceCountsRolledBack(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	ids := findRegister(t, db, rand.New(rand.NewPCG(7, 34)), 40, 0)
	provincesSameAsSums(t, db, "fresh")

	failed := errors.New("the writer gives up")
	err := db.Update(ctx, func(tx *store.Tx) error {
		if err := editOrgs(ids[:10], func(i int, o *coop.Organisation) { o.Sector = coop.SectorTrade })(tx); err != nil {
			return err
		}
		if err := addStatuses(ids[10:20], coop.StatusDissolved)(tx); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Update = %v, want %v", err, failed)
	}
	provincesSameAsSums(t, db, "after a rollback")

	// One transaction of several statements, each adding to the pending
	// changes: added up once, at its commit.
	update(t, db, func(tx *store.Tx) error {
		if err := editOrgs(ids[:10], func(i int, o *coop.Organisation) {
			o.NewCommuneCode, o.NewCommuneValidFrom = "11311", day(2025, 7, 1)
		})(tx); err != nil {
			return err
		}
		if err := addStatuses(ids[10:20], coop.StatusSuspended)(tx); err != nil {
			return err
		}
		return addStatuses(ids[10:15], coop.StatusActive)(tx)
	})
	provincesSameAsSums(t, db, "after one transaction of several writes")
}

// TestPortalProvinceCountsConcurrent: writers in the same provinces and
// forms commit side by side while unit imports make the kept totals stale
// and readers make them again; at the end they equal the live answer. On
// PostgreSQL this is the path where a rebuild and the writers' additions
// at commit meet (the table's EXCLUSIVE lock); on SQLite writers queue.
func TestPortalProvinceCountsConcurrent(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	ids := findRegister(t, db, rand.New(rand.NewPCG(8, 34)), 60, 0)
	provincesSameAsSums(t, db, "fresh")

	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				mine := ids[w*15 : w*15+15]
				kind := []coop.StatusKind{coop.StatusSuspended, coop.StatusActive}[round%2]
				if err := db.Update(ctx, addStatuses(mine[round:round+5], kind)); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
				if err := db.Update(ctx, editOrgs(mine[5:10], func(i int, o *coop.Organisation) {
					o.NewCommuneCode, o.NewCommuneValidFrom = []string{"10507", "10516", "99998", ""}[(round+i)%4], day(2025, 7, 1)
					if o.NewCommuneCode == "" {
						o.NewCommuneValidFrom = nil
					}
				})); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for round := range 3 {
			extra := unit.Record{Level: unit.LevelCommune, Code: "99998", Name: fmt.Sprintf("Xã Mới %d", round), ParentCode: "31"}
			if err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits(extra)); return err }); err != nil {
				errs <- fmt.Errorf("units: %w", err)
				return
			}
			if _, err := db.PortalProvinceCounts(ctx); err != nil {
				errs <- fmt.Errorf("reader: %w", err)
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	provincesSameAsSums(t, db, "after concurrent writers and unit imports")
}

// TestPortalProvinceCountsFollowIndicators: on the real unit lists, the
// kept province totals equal the indicators' active organisations by
// province after each kind of write, each added by the triggers to
// totals made once (a status, a form, a move to a commune of another
// province, a move before the reform only, a post-reform commune taken
// away, a delete).
func TestPortalProvinceCountsFollowIndicators(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	importRealUnits(t, db)
	oldDay, newDay := day(2008, 1, 1), day(2025, 7, 1)
	var ids []int64
	for i, c := range []struct{ old, new string }{
		{"04249", "04279"}, {"", "02647"}, {"10528", "10537"}, {"10507", "10507"}, {"04249", "04279"}, {"", "10537"},
	} {
		o := newOrg(fmt.Sprintf("06%08d", i), fmt.Sprintf("Hợp tác xã Theo dõi %d", i))
		o.FoundedOn, o.RegisteredOn = day(2010, 1, 1), day(2010, 1, 1)
		o.CommuneCode, o.CommuneValidFrom, o.NewCommuneCode, o.NewCommuneValidFrom = c.old, oldDay, c.new, newDay
		if c.old == "" {
			o.CommuneCode, o.CommuneValidFrom = c.new, newDay
		}
		ids = append(ids, createOrg(t, db, o).ID)
	}
	check := func(stage string) {
		t.Helper()
		provincesSameAsSums(t, db, stage)
		portalSameAsIndicators(t, db, fixedNow.Year())
	}
	check("made")
	for _, w := range []struct {
		name  string
		write func(tx *store.Tx) error
	}{
		{"dissolved", addStatuses(ids[:1], coop.StatusDissolved)},
		{"another form", editOrgs(ids[1:2], func(i int, o *coop.Organisation) { o.Form = coop.FormTHT; o.Code = "" })},
		{"moved to another province", editOrgs(ids[2:3], func(i int, o *coop.Organisation) { o.NewCommuneCode = "04279" })},
		{"moved before the reform", editOrgs(ids[3:4], func(i int, o *coop.Organisation) { o.CommuneCode = "10510" })},
		{"active again", addStatuses(ids[:1], coop.StatusActive)},
	} {
		update(t, db, w.write)
		check("after " + w.name)
	}
	neverAssigned(t, db, ids[4])
	check("after a post-reform commune taken away")
	err := db.ExecForTest(ctx, []string{`DELETE FROM organisation_figures WHERE organisation_id = ?`,
		`DELETE FROM organisation_people WHERE organisation_id = ?`,
		`DELETE FROM organisation_statuses WHERE organisation_id = ?`,
		`DELETE FROM organisations WHERE id = ?`}, ids[5])
	if err != nil {
		t.Fatal(err)
	}
	check("after a delete")
}
