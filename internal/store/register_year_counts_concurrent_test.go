package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// yearWrite is one transaction's share of the register: it moves one
// organisation of the year and form to another sector and adds a new one
// of the same form with figures of the same year, as two people saving
// the form at once would.
func yearWrite(edit int64, code string) func(tx *store.Tx) error {
	return func(tx *store.Tx) error {
		ctx := context.Background()
		o, err := tx.OrganisationForUpdate(ctx, edit)
		if err != nil {
			return err
		}
		o.Sector = coop.SectorTrade
		if err := tx.UpdateOrganisation(ctx, &o); err != nil {
			return err
		}
		n := newOrg(code, "Hợp tác xã Cùng năm "+code)
		if err := tx.CreateOrganisation(ctx, &n); err != nil {
			return err
		}
		f := &coop.YearFigures{OrganisationID: n.ID, Year: 2024, MembersIndividual: 12}
		_, _, err = tx.PutFigures(ctx, f, coop.StepSave, false)
		return err
	}
}

// lockWaiters counts the sessions of this database waiting for a lock.
func lockWaiters(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM pg_stat_activity
		WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestYearCountsPendingConcurrent: on PostgreSQL the per-year counts of
// migration 00030 are added up from register_year_pending when each
// transaction commits. Two transactions writing organisations of the same
// year and form, the second starting while the first is still open, both
// commit and leave the counts equal to the live GROUP BY, with nothing
// pending. The first commits only once the second has written too or is
// seen waiting on a lock the first holds (every register writer takes the
// 'register' version row first, 00028), so the two really overlap.
func TestYearCountsPendingConcurrent(t *testing.T) {
	if storetest.Backend() != "postgres" {
		t.Skip("PostgreSQL only: SQLite runs one writer at a time and keeps the counts by row triggers in the writing statement, with nothing added up at commit")
	}
	db := newTestDB(t)
	ctx := context.Background()
	var ids []int64
	for i := range 6 {
		o := createOrg(t, db, newOrg(fmt.Sprintf("09300000%02d", i), fmt.Sprintf("Hợp tác xã Năm cũ %d", i)))
		update(t, db, setFigures(db, []int64{o.ID}, 2024, func(int, *coop.YearFigures) {}))
		ids = append(ids, o.ID)
	}
	yearCountsSameAsLive(t, db, "before")

	for round := range 3 {
		firstWrote, secondWrote := make(chan struct{}), make(chan struct{})
		release := make(chan struct{})
		errs := make(chan error, 2)
		run := func(edit int64, code string, wrote chan<- struct{}) {
			errs <- db.Update(ctx, func(tx *store.Tx) error {
				if err := yearWrite(edit, code)(tx); err != nil {
					return err
				}
				close(wrote)
				<-release
				return nil
			})
		}
		go run(ids[2*round], fmt.Sprintf("09310000%02d", 2*round), firstWrote)
		select {
		case <-firstWrote:
		case err := <-errs:
			t.Fatalf("round %d, first transaction: %v", round, err)
		}
		go run(ids[2*round+1], fmt.Sprintf("09310000%02d", 2*round+1), secondWrote)
		for overlap := false; !overlap; {
			select {
			case <-secondWrote:
				overlap = true
			case err := <-errs:
				close(release)
				t.Fatalf("round %d, second transaction ended while the first was open: %v", round, err)
			default:
				if overlap = lockWaiters(t, db) > 0; !overlap {
					time.Sleep(5 * time.Millisecond)
				}
			}
		}
		close(release)
		for range 2 {
			if err := <-errs; err != nil {
				t.Errorf("round %d: a transaction failed: %v", round, err)
			}
		}
		yearCountsSameAsLive(t, db, fmt.Sprintf("after round %d", round))
	}
}
