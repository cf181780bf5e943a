package gen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/registerimport"
	"github.com/hoptac/hoptac/internal/registerload"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/unit"
	"github.com/hoptac/hoptac/internal/vntext"
)

// realUnits is a database holding the official unit lists and mappings,
// and the generator's configuration drawn from the same files.
func realUnits(t *testing.T) (*store.DB, RegisterConfig) {
	t.Helper()
	paths := seeds.UnitFiles(t) // pre-2025, 2025-07-01, old-to-new, new-to-old
	var files []*unit.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := unit.Parse(filepath.Base(p), data)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	db := storetest.Open(t)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, files)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cfg := RegisterConfig{Communes: loadFile(t, paths[1]), Old: loadFile(t, paths[0])}
	f, err := os.Open(paths[2])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg.Successors, err = LoadSuccessors(f); err != nil {
		t.Fatal(err)
	}
	return db, cfg
}

// A generated register over the real unit lists, with years on both
// sides of the 2025 reform, imports whole without ValidOnly, and every
// row names the commune its code stood for in the row's year: an old
// commune before 2025, after it the new commune or, for an organisation
// still recorded as before, the old one (read on its last day).
//
// The second case draws the new communes only from those whose code no
// old commune had (Đặc khu Bạch Long Vĩ …): a new code written for a
// year before the reform is then one the importer refuses outright, not
// only another commune's name. Only organisations founded from 2025 on
// may be there.
func TestRegisterImportsWhole(t *testing.T) {
	_, all := realUnits(t)
	oldCodes := map[string]bool{}
	for _, c := range all.Old {
		oldCodes[c.Code] = true
	}
	fresh := all
	fresh.Communes = nil
	for _, c := range all.Communes {
		if !oldCodes[c.Code] {
			fresh.Communes = append(fresh.Communes, c)
		}
	}
	// The old communes are those whose code no new commune took: the
	// generator knows no other new commune that could share their code.
	newCodes := map[string]bool{}
	for _, c := range all.Communes {
		newCodes[c.Code] = true
	}
	fresh.Old = nil
	for _, c := range all.Old {
		if !newCodes[c.Code] {
			fresh.Old = append(fresh.Old, c)
		}
	}
	if len(fresh.Communes) == 0 || len(fresh.Old) == 0 {
		t.Fatalf("%d new communes with a new code, %d old ones with a code no new one took", len(fresh.Communes), len(fresh.Old))
	}
	for _, tt := range []struct {
		name string
		cfg  RegisterConfig
		orgs int
		// shape: the register's share of old and new communes after the
		// reform; no old commune went into a new code, so with only
		// those the organisations of before stay in their old commune.
		shape bool
	}{{"all communes", all, 400, true}, {"new codes only", fresh, 200, false}} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := realUnits(t) // its own: codes repeat between the cases
			cfg := tt.cfg
			cfg.Orgs, cfg.Years, cfg.LastYear, cfg.Seed = tt.orgs, 12, 2026, 11
			checkImportsWhole(t, db, cfg, tt.shape)
		})
	}
}

func checkImportsWhole(t *testing.T, db *store.DB, cfg RegisterConfig, shape bool) {
	var buf bytes.Buffer
	st, err := WriteRegister(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	today := time.Date(2026, time.December, 31, 0, 0, 0, 0, time.UTC)
	sum, err := registerload.Import(ctx, db, "register.csv", bytes.NewReader(buf.Bytes()), int64(buf.Len()), registerload.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Invalid != 0 || !sum.Written || sum.Valid != st.Rows || sum.Created != st.Orgs {
		t.Fatalf("wrote %d rows of %d organisations; import: %d valid, %d invalid, %d created, written %v; first errors %v",
			st.Rows, st.Orgs, sum.Valid, sum.Invalid, sum.Created, sum.Written, sum.Errors[:min(5, len(sum.Errors))])
	}
	_, recs, err := registerimport.Parse(ctx, "register.csv", bytes.NewReader(buf.Bytes()), int64(buf.Len()), registerimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		code string
		on   time.Time
	}
	names := map[key]string{}
	resolve := func(code string, on time.Time) string {
		k := key{code, on}
		if n, ok := names[k]; ok {
			return n
		}
		res, err := db.ResolveUnit(ctx, code, on)
		switch {
		case err == nil:
			names[k] = vntext.Normalize(res.Unit.Name)
		case apperr.CodeOf(err) == apperr.NotFound:
			names[k] = ""
		default:
			t.Fatal(err)
		}
		return names[k]
	}
	lastOld := time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC)
	var before, oldAfter, newAfter int
	for _, r := range recs {
		on := time.Date(r.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
		got, want := resolve(r.CommuneCode, on), vntext.Normalize(r.CommuneName)
		switch {
		case r.Year < 2025 && r.District == "":
			t.Errorf("row %d: year %d names %s (%s) of after the reform", r.Row, r.Year, r.CommuneName, r.CommuneCode)
		case r.Year < 2025:
			before++
		case r.District != "":
			if got == "" { // as the importer reads an old code after the reform
				got = resolve(r.CommuneCode, lastOld)
			}
			oldAfter++
		default:
			newAfter++
		}
		if got != want {
			t.Errorf("row %d: code %s in %d is %q in the unit lists, the row says %q", r.Row, r.CommuneCode, r.Year, got, r.CommuneName)
		}
	}
	// The register's shape: most rows before the reform, and after it
	// most organisations in their new commune, some still in the old.
	if before == 0 || newAfter == 0 || (shape && (oldAfter == 0 || oldAfter > newAfter)) {
		t.Errorf("rows before the reform %d; after it %d in new communes, %d in old ones", before, newAfter, oldAfter)
	}
}
