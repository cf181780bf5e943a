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

// statusesSameAsHistory fails unless every organisation's status is the
// one its status history ends in.
func statusesSameAsHistory(t *testing.T, db *store.DB, stage string) {
	t.Helper()
	ctx := context.Background()
	all, _, err := db.Organisations(ctx, store.OrganisationFilter{PerPage: 1000})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[coop.StatusKind]int{}
	for _, o := range all {
		h, err := db.Statuses(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := coop.Current(h); o.Status != want {
			t.Errorf("%s: %s %s is %s, its history ends in %s", stage, o.Code, o.Name, o.Status, want)
		}
		kinds[o.Status]++
	}
	if len(kinds) < 2 {
		t.Fatalf("%s: every organisation is %v; the comparison would prove little", stage, kinds)
	}
}

// TestImportOfOnlyNewOrganisations: an import that only creates
// organisations, some with statuses that leave them inactive, counts
// them in the portal's cells and the year counts by the status they end
// in, on both backends (PostgreSQL adds its counts at the end of the
// transaction when no update of the import came after them).
func TestImportOfOnlyNewOrganisations(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	org := func(i, year int) store.RegisterRow {
		row := regRow(fmt.Sprintf("0200%06d", i), fmt.Sprintf("HTX Chỉ Mới %02d", i), year, int64(i))
		row.Org.CommuneCode, row.Org.NewCommuneCode = []string{"10507", "10510", "10513"}[i%3], []string{"", "10516", ""}[i%3]
		if row.Org.NewCommuneCode == "" {
			row.Org.NewCommuneValidFrom = nil
		}
		row.Org.Form = []coop.Form{coop.FormHTX, coop.FormTHT}[i%2]
		row.Org.Normalize()
		return row
	}
	// Organisations already counted in every cell of the import's: a
	// cell's count must not move for an organisation not yet in it.
	var before []store.RegisterRow
	for i := 100; i < 106; i++ {
		before = append(before, org(i, 2024))
	}
	importRows(t, db, before)
	chunks := make([][]store.RegisterRow, 4)
	for i := range 60 {
		row := org(i, 2024)
		switch i % 4 {
		case 1:
			row.Status = &coop.Status{Kind: coop.StatusDissolved, On: *day(2024, 3, 1)}
		case 2:
			row.Status = &coop.Status{Kind: coop.StatusSuspended, On: *day(2023, 9, 1)}
		case 0:
			if i < 20 {
				// A last chunk dissolves it and changes nothing else.
				later := org(i, 2025)
				later.Status = &coop.Status{Kind: coop.StatusDissolved, On: *day(2025, 5, 1)}
				chunks[3] = append(chunks[3], later)
			}
		}
		chunks[i%3] = append(chunks[i%3], row)
	}
	if c := importRows(t, db, chunks...); c.Created != 60 || c.Statuses != 35 || c.Updated != 0 {
		t.Fatalf("import %+v, want 60 created, none updated and 35 statuses", c)
	}
	countsSameAsLive(t, db, "after the import")
	yearCountsSameAsLive(t, db, "after the import")
	statusesSameAsHistory(t, db, "after the import")

	// A write of the form after an import, in its transaction: the
	// organisations the import inserted are counted before it.
	if err := inImport(db, func(ctx context.Context, tx *store.Tx, imp *store.RegisterImporter) error {
		if _, err := addChunks(ctx, imp, []store.RegisterRow{org(200, 2024), org(201, 2024)}); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowForTest(ctx, `SELECT id FROM organisations WHERE code = '0200000200'`, &id); err != nil {
			return err
		}
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: id, Kind: coop.StatusDissolved, On: *day(2025, 6, 1)})
	}); err != nil {
		t.Fatal(err)
	}
	countsSameAsLive(t, db, "after an import and a status in its transaction")
	statusesSameAsHistory(t, db, "after an import and a status in its transaction")
}
