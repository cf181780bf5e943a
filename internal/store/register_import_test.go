package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// importRows stores rows through a RegisterImporter in one transaction,
// chunk after chunk, as a register import does.
func importRows(t *testing.T, db *store.DB, chunks ...[]store.RegisterRow) store.RegisterCounts {
	t.Helper()
	var total store.RegisterCounts
	if err := inImport(db, func(ctx context.Context, _ *store.Tx, imp *store.RegisterImporter) (err error) {
		total, err = addChunks(ctx, imp, chunks...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return total
}

// inImport runs fn with a register importer in one bulk transaction, as
// a file's import does, and returns its error (the transaction then
// rolled back).
func inImport(db *store.DB, fn func(context.Context, *store.Tx, *store.RegisterImporter) error) error {
	ctx := context.Background()
	return db.BulkUpdate(ctx, func(tx *store.Tx) error {
		imp, err := tx.RegisterImporter(ctx)
		if err != nil {
			return err
		}
		defer imp.Close()
		return fn(ctx, tx, imp)
	})
}

// addChunks adds the chunks in order and sums what they did.
func addChunks(ctx context.Context, imp *store.RegisterImporter, chunks ...[]store.RegisterRow) (store.RegisterCounts, error) {
	var total store.RegisterCounts
	for _, rows := range chunks {
		c, err := imp.Add(ctx, rows)
		if err != nil {
			return total, err
		}
		total.Created += c.Created
		total.Updated += c.Updated
		total.Unchanged += c.Unchanged
		total.Figures += c.Figures
		total.Warnings += c.Warnings
		total.Statuses += c.Statuses
	}
	return total, nil
}

func regRow(code, name string, year int, revenue int64) store.RegisterRow {
	o := newOrg(code, name)
	o.Normalize()
	return store.RegisterRow{Org: &o, Figures: &coop.YearFigures{Year: year, MembersIndividual: 10, Revenue: revenue}}
}

// Rows are stored as UpsertOrganisation and PutFigures would store them
// one after the other: an organisation once, whatever number of years it
// has, across chunks; the same rows again change nothing and audit
// nothing; a changed name updates the organisation and keeps its ID.
func TestRegisterImporter(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	c := importRows(t, db,
		[]store.RegisterRow{regRow("0100000001", "HTX Một", 2023, 100), regRow("0100000001", "HTX Một", 2024, 200)},
		[]store.RegisterRow{regRow("0100000001", "HTX Một", 2025, 300), regRow("0100000002", "HTX Hai", 2024, 5)})
	if c.Created != 2 || c.Unchanged != 2 || c.Updated != 0 || c.Figures != 4 {
		t.Errorf("first import %+v", c)
	}
	o, err := db.OrganisationByCode(ctx, "0100000001")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := db.Figures(ctx, o.ID)
	if err != nil || len(fs) != 3 || fs[2].Revenue != 300 {
		t.Fatalf("figures %+v, %v", fs, err)
	}
	var audits int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	again := importRows(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2024, 200), regRow("0100000002", "HTX Hai", 2024, 5)})
	if again.Created != 0 || again.Updated != 0 || again.Unchanged != 2 || again.Figures != 0 {
		t.Errorf("the same rows again %+v", again)
	}
	var after int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&after); err != nil || after != audits {
		t.Errorf("the same rows again audited %d entries (%v)", after-audits, err)
	}
	renamed := importRows(t, db, []store.RegisterRow{regRow("0100000002", "HTX Hai Mới", 2024, 5)})
	o2, err := db.OrganisationByCode(ctx, "0100000002")
	if renamed.Updated != 1 || err != nil || o2.Name != "HTX Hai Mới" {
		t.Errorf("rename %+v: %+v, %v", renamed, o2, err)
	}
}
