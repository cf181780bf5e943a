package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

// On PostgreSQL an import into an empty register analyses the register's
// tables as they grow, inside its transaction, so the statistics its
// statement triggers are planned with count its own rows; an import that
// adds little to a register the statistics already count analyses
// nothing. SQLite never analyses.
func TestImportAnalysesAsTablesGrow(t *testing.T) {
	db := newTestDB(t)
	pg := db.Dialect() == "postgres"
	chunk := func(from, n, year int) []store.RegisterRow {
		rows := make([]store.RegisterRow, n)
		for i := range rows {
			rows[i] = regRow(fmt.Sprintf("%010d", 100000000+from+i), fmt.Sprintf("HTX Số %d", from+i), year, int64(i))
		}
		return rows
	}
	run := func(chunks ...[]store.RegisterRow) (analyses int, counted float64) {
		t.Helper()
		err := inImport(db, func(ctx context.Context, tx *store.Tx, imp *store.RegisterImporter) error {
			if _, err := addChunks(ctx, imp, chunks...); err != nil {
				return err
			}
			analyses = imp.Analyses()
			if pg {
				return tx.QueryRowForTest(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'organisations'::regclass`, &counted)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return analyses, counted
	}
	// 600, 1,200 (analysed: 1,000 rows or more), 1,800 (600 since, fewer
	// than the 1,200 counted).
	n, counted := run(chunk(0, 600, 2024), chunk(600, 600, 2024), chunk(1200, 600, 2024))
	if want := map[bool]int{true: 1, false: 0}[pg]; n != want {
		t.Errorf("import into an empty register: analysed %d times, want %d", n, want)
	}
	if pg && counted < 1000 {
		t.Errorf("the statistics count %.0f organisations inside the import, want its 1,200", counted)
	}
	if n, _ := run(chunk(0, 300, 2025), chunk(300, 300, 2025)); n != 0 {
		t.Errorf("a year's file into the register the statistics count: analysed %d times, want none", n)
	}
}
