package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// importAudited is importRows inside an audit group; it returns the
// batch's rows.
func importAudited(t *testing.T, db *store.DB, chunks ...[]store.RegisterRow) []audit.Entry {
	t.Helper()
	ctx := context.Background()
	var head int64
	err := inImport(db, func(ctx context.Context, tx *store.Tx, imp *store.RegisterImporter) error {
		tx.BeginAuditGroup("import", "register", map[string]string{"file": "ds.csv"})
		_, err := addChunks(ctx, imp, chunks...)
		if err == nil {
			head, err = tx.EndAuditGroup(ctx)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if head == 0 {
		return nil
	}
	rows, _, err := db.ListAudit(ctx, audit.Filter{Batch: head, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func decode(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	if raw == nil {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return m
}

// An import logs one row per organisation, holding its own fields (or
// changes) and each year's figures added or changed under figures_YYYY:
// what the rows per organisation-year said, in one row.
func TestRegisterImportAuditsOrganisationOnce(t *testing.T) {
	db := storetest.Open(t)
	rows := importAudited(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2023, 100),
		regRow("0100000001", "HTX Một", 2024, 200), regRow("0100000002", "HTX Hai", 2024, 5)})
	if len(rows) != 2 {
		t.Fatalf("%d audit rows for two organisations, want 2", len(rows))
	}
	one := rows[0]
	after := decode(t, one.After)
	if one.Action != "create" || one.Entity != "organisation" || one.Before != nil || after["name"] != "HTX Một" {
		t.Errorf("first row %s %s %s → %s", one.Action, one.Entity, one.Before, one.After)
	}
	y23, _ := after["figures_2023"].(map[string]any)
	y24, _ := after["figures_2024"].(map[string]any)
	if y23["revenue"] != 100.0 || y24["revenue"] != 200.0 || y24["members_individual"] != 10.0 || y24["year"] != 2024.0 {
		t.Errorf("years logged %v / %v", y23, y24)
	}
	if _, ok := y24["profit"]; ok {
		t.Errorf("a zero logged in a new year: %v", y24)
	}
	// The next import changes one year of the first organisation and
	// renames the second, whose new year comes in a second chunk.
	renamed := regRow("0100000002", "HTX Hai Mới", 2024, 5)
	rows = importAudited(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2023, 100),
		regRow("0100000001", "HTX Một", 2024, 250), renamed}, []store.RegisterRow{regRow("0100000002", "HTX Hai Mới", 2025, 7)})
	if len(rows) != 3 {
		t.Fatalf("%d audit rows, want 3 (one organisation, the other in two chunks)", len(rows))
	}
	// In a chunk, organisations that changed come first, then those
	// whose figures alone changed.
	b, a := decode(t, rows[0].Before), decode(t, rows[0].After)
	if rows[0].Action != "update" || b["name"] != "HTX Hai" || a["name"] != "HTX Hai Mới" || a["figures_2024"] != nil {
		t.Errorf("rename logged %s → %s", rows[0].Before, rows[0].After)
	}
	b, a = decode(t, rows[1].Before), decode(t, rows[1].After)
	fb, _ := b["figures_2024"].(map[string]any)
	fa, _ := a["figures_2024"].(map[string]any)
	if rows[1].Action != "update" || rows[1].EntityID != int64(a["id"].(float64)) || len(a) != 2 || len(b) != 2 ||
		fb["revenue"] != 200.0 || fa["revenue"] != 250.0 || fa["members_individual"] != nil {
		t.Errorf("changed year logged %s → %s", rows[1].Before, rows[1].After)
	}
	b, a = decode(t, rows[2].Before), decode(t, rows[2].After)
	if y, _ := a["figures_2025"].(map[string]any); y["revenue"] != 7.0 || b["figures_2025"] != nil {
		t.Errorf("new year of an existing organisation logged %s → %s", rows[2].Before, rows[2].After)
	}
	if again := importAudited(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2024, 250)}); again != nil {
		t.Errorf("the same row again logged %d rows", len(again))
	}
}
