package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// BenchmarkImportUnits times the import of the four published files
// (14,149 units, 10,655 links; already parsed) into an empty database,
// and again into one that holds them (the no-change run). Reading and
// parsing the files is timed by the command's own report.
func BenchmarkImportUnits(b *testing.B) {
	files := realUnitFiles(b)
	ctx := context.Background()
	run := func(b *testing.B, db *store.DB) {
		b.Helper()
		if err := db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.ImportUnits(ctx, files)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("empty", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			db := storetest.Open(b)
			b.StartTimer()
			run(b, db)
		}
	})
	b.Run("again", func(b *testing.B) {
		db := storetest.Open(b)
		run(b, db)
		for b.Loop() {
			run(b, db)
		}
	})
}
