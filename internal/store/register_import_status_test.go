package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// A stated status is added once; an earlier "active" does not undo a
// later suspension; a status the history already says on the day adds
// nothing; the organisation's status follows where the history ends.
func TestRegisterImporterStatuses(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	rows := func() []store.RegisterRow {
		a, b := regRow("0100000001", "HTX Một", 2023, 1), regRow("0100000001", "HTX Một", 2024, 1)
		a.Status = &coop.Status{Kind: coop.StatusActive, On: day("2023-12-31")}
		b.Status = &coop.Status{Kind: coop.StatusSuspended, On: day("2024-05-01")}
		return []store.RegisterRow{a, b}
	}
	if c := importRows(t, db, rows()); c.Statuses != 1 {
		t.Errorf("first import added %d statuses", c.Statuses)
	}
	if c := importRows(t, db, rows()); c.Statuses != 0 {
		t.Errorf("the same rows again added %d statuses", c.Statuses)
	}
	o, err := db.OrganisationByCode(ctx, "0100000001")
	if err != nil {
		t.Fatal(err)
	}
	h, err := db.Statuses(ctx, o.ID)
	if err != nil || len(h) != 1 || o.Status != coop.StatusSuspended {
		t.Errorf("status %s, history %+v, %v", o.Status, h, err)
	}
}
