package registerload

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/seeds"
	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/unit"
)

// realUnitsDB is a database holding the official unit lists and mappings
// (../shared/data/admin-units), with the communes the generator draws from.
func realUnitsDB(tb testing.TB) (db *store.DB, newer, older []gen.Commune) {
	tb.Helper()
	files := seeds.UnitFiles(tb)
	var parsed []*unit.File
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		f, err := unit.Parse(filepath.Base(p), data)
		if err != nil {
			tb.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	db = storetest.Open(tb)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.ImportUnits(ctx, parsed)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	load := func(p string) []gen.Commune {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		cs, err := gen.LoadCommunes(f)
		if err != nil {
			tb.Fatal(err)
		}
		return cs
	}
	return db, load(files[1]), load(files[0])
}

func generate(tb testing.TB, cfg gen.RegisterConfig) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if _, err := gen.WriteRegister(&buf, cfg); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// A generated register over the real unit lists imports whole: rows of
// 2024 name pre-reform communes, which resolve to their commune of the
// day and carry the new commune they went into.
func TestRealUnits(t *testing.T) {
	db, newer, older := realUnitsDB(t)
	data := generate(t, gen.RegisterConfig{Orgs: 300, Years: 2, LastYear: 2025, Seed: 7, Communes: newer, Old: older})
	sum := run(t, db, "ds.csv", data, Options{})
	if !sum.Written || sum.Invalid != 0 || sum.Created == 0 {
		t.Fatalf("summary %+v, first errors %v", sum, sum.Errors[:min(5, len(sum.Errors))])
	}
	var oldRows, moved int
	if err := db.SQL().QueryRow(`SELECT COUNT(*), COUNT(new_commune_code) FROM organisations
		WHERE commune_valid_from < '2025-07-01'`).Scan(&oldRows, &moved); err != nil {
		t.Fatal(err)
	}
	if oldRows == 0 || moved == 0 {
		t.Errorf("%d organisations recorded in a pre-reform commune, %d with their new commune", oldRows, moved)
	}
}

// BenchmarkImport20k imports a generated register of 20.000 organisations
// into a database holding the real unit lists; it reports rows per second
// and the memory the Go runtime took from the system.
func BenchmarkImport20k(b *testing.B) {
	const orgs = 20_000
	for b.Loop() {
		b.StopTimer()
		db, newer, _ := realUnitsDB(b)
		data := generate(b, gen.RegisterConfig{Orgs: orgs, Years: 1, LastYear: 2025, Seed: 1, Communes: newer})
		runtime.GC()
		b.StartTimer()
		sum, err := Import(context.Background(), db, "ds.csv", bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if !sum.Written || sum.Created != orgs {
			b.Fatalf("summary %+v %v", sum, sum.Errors[:min(5, len(sum.Errors))])
		}
	}
	b.ReportMetric(float64(orgs*b.N)/b.Elapsed().Seconds(), "rows/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}

// BenchmarkImportRegister imports a generated register of
// HOPTAC_BENCH_ORGS organisations (200.000) × HOPTAC_BENCH_YEARS years
// (10) from a file on disk, past the size limit a user's upload has, into
// a database holding the real unit lists; it reports the wall time, rows
// per second and the memory the Go runtime took from the system. Run it
// once (-benchtime 1x) under /usr/bin/time -v for the peak RSS.
func BenchmarkImportRegister(b *testing.B) {
	orgs, years := envInt(b, "HOPTAC_BENCH_ORGS", 200_000), envInt(b, "HOPTAC_BENCH_YEARS", 10)
	db, newer, older := realUnitsDB(b)
	path := filepath.Join(b.TempDir(), "register.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := gen.WriteRegister(f, gen.RegisterConfig{Orgs: orgs, Years: years, LastYear: 2025, Seed: 1, Communes: newer, Old: older})
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		b.Fatal(err)
	}
	lim := sheet.DefaultLimits()
	lim.MaxBytes = 1 << 40
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		// Every generated row is valid: a plain import, as a province's.
		sum, err := Import(context.Background(), db, "register.csv", in, fi.Size(), Options{Limits: lim})
		if err != nil {
			b.Fatal(err)
		}
		if !sum.Written || sum.Invalid != 0 || sum.Rows != st.Rows {
			b.Fatalf("written %v, %d rows, %d invalid: %v", sum.Written, sum.Rows, sum.Invalid, sum.Errors[:min(5, len(sum.Errors))])
		}
	}
	b.ReportMetric(float64(st.Rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/import")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
	b.Logf("%d organisations, %d rows, %.0f MB file, backend %s", st.Orgs, st.Rows, float64(fi.Size())/(1<<20), db.Dialect())
}

func envInt(tb testing.TB, name string, def int) int {
	tb.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return n
}
