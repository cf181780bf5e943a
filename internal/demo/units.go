package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// unitFiles are the published files the demo loads, lists first.
var unitFiles = []string{"units-pre-2025.json", "units-2025-07-01.json", "mapping-old-to-new.json", "mapping-new-to-old.json"}

// UnitsDir finds shared/data/admin-units in the working directory's
// parent or any folder above (the repository's ../shared when the demo
// runs from the clone); "" when there is none. The repository never holds
// a copy of the files.
func UnitsDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared", "data", "admin-units")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
	}
	return ""
}

// LoadUnits imports the administrative units and mappings in dir, in one
// transaction. Run again, it changes nothing.
func LoadUnits(ctx context.Context, db *store.DB, dir string) (store.UnitImport, error) {
	var files []*unit.File
	for _, name := range unitFiles {
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			return store.UnitImport{}, fmt.Errorf("demo: units: %w", err)
		}
		f, err := unit.Parse(p, data)
		if err != nil {
			return store.UnitImport{}, err
		}
		files = append(files, f)
	}
	var res store.UnitImport
	err := db.Update(ctx, func(tx *store.Tx) error {
		var err error
		res, err = tx.ImportUnits(ctx, files)
		return err
	})
	return res, err
}
