package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/vntext"
)

// BenchmarkDuplicates200k lists the likely duplicates of a register of
// 200,000 organisations made by hoptac gen register's generator (a
// quarter recorded in pre-reform communes, planted near-duplicates), with
// the official unit lists and mappings loaded: reading the register and
// the units, resolving old communes to new ones, finding and paging. The
// issue's target is 10 s. The organisations are written straight into
// the table (the import is measured elsewhere).
func BenchmarkDuplicates200k(b *testing.B) {
	db := storetest.Open(b)
	importUnits(b, db, realUnitFiles(b))
	dir := seeds.UnitsDir(b)
	load := func(name string) []gen.Commune {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		c, err := gen.LoadCommunes(f)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	var buf bytes.Buffer
	if _, err := gen.WriteRegister(&buf, gen.RegisterConfig{Orgs: 200_000, Years: 1, Seed: 1,
		Communes: load(seeds.Units2025), Old: load(seeds.UnitsPre2025)}); err != nil {
		b.Fatal(err)
	}
	insertRegister(b, db, &buf)
	ctx := context.Background()
	var total int
	for b.Loop() {
		var err error
		if _, total, err = db.Duplicates(ctx, 1, 50); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total), "pairs")
}

// insertRegister writes the CSV's organisations in multi-row INSERTs: a
// commune of the new list from 1 July 2025, an old one from 1900 (the
// register's date for a unit older than the records).
func insertRegister(b *testing.B, db *store.DB, r io.Reader) {
	b.Helper()
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	const cols = 9
	const batch = 500
	var args []any
	flush := func() {
		if len(args) == 0 {
			return
		}
		q := `INSERT INTO organisations (code, name, name_fold, search_fold, sort_key, form, sector, commune_code,
			commune_valid_from, law, created_at, updated_at) VALUES ` +
			strings.TrimSuffix(strings.Repeat(`(?, ?, ?, ?, ?, 'htx', 'agriculture', ?, ?, ?, ?, ?),`, len(args)/cols), ",")
		// The two timestamps share one argument each row; spread them out.
		var full []any
		for i := 0; i < len(args); i += cols {
			full = append(full, args[i:i+cols]...)
			full = append(full, args[i+cols-1])
		}
		if _, err := db.SQL().Exec(db.Rebind(q), full...); err != nil {
			b.Fatal(err)
		}
		args = args[:0]
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		if len(row) < 12 || len(row[6]) != 5 || row[1] == "Mã số HTX" {
			continue
		}
		from := "2025-07-01"
		if row[8] != "" { // a district: the list before the reform
			from = "1900-01-01"
		}
		fold := vntext.Fold(row[2])
		args = append(args, row[1], row[2], fold, fold, vntext.Key(row[2]), row[6], from, 2012, "2026-11-24T03:00:00Z")
		if len(args) == cols*batch {
			flush()
		}
	}
	flush()
}
