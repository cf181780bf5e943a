package registerimport

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/gen"
)

// BenchmarkScan200k parses a register of 200.000 organisations (the
// issue's import target: 30 s and 300 MB RSS for the whole import, of
// which parsing is one part). The file is HOPTAC_REGISTER_FILE when set
// (hoptac gen register --orgs 200000 …), else generated once into a
// temporary directory. It reports rows per second and the memory the Go
// runtime took from the system; for the process's peak RSS run the
// compiled test under /usr/bin/time -v (docs in the report).
func BenchmarkScan200k(b *testing.B) {
	path := os.Getenv("HOPTAC_REGISTER_FILE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "register.csv")
		writeRegister(b, path, 200_000)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	var rows int
	start := time.Now()
	for b.Loop() {
		res, err := Scan(context.Background(), path, f, fi.Size(), Options{}, func(Record) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		if res.Invalid != 0 {
			b.Fatalf("%d invalid rows: %v", res.Invalid, res.Errors[0])
		}
		rows += res.Rows
	}
	b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}

// writeRegister generates a register of orgs organisations into path from
// the official unit list beside the checkout, or the small test list.
func writeRegister(tb testing.TB, path string, orgs int) {
	tb.Helper()
	units := "../gen/testdata/units-small.json"
	dir, _ := filepath.Abs(".")
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "data", "admin-units", "units-2025-07-01.json")
		if _, err := os.Stat(p); err == nil {
			units = p
			break
		}
	}
	uf, err := os.Open(units)
	if err != nil {
		tb.Fatal(err)
	}
	communes, err := gen.LoadCommunes(uf)
	_ = uf.Close()
	if err != nil {
		tb.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := gen.WriteRegister(out, gen.RegisterConfig{Orgs: orgs, Years: 1, Seed: 1, Communes: communes})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil || st.Rows != orgs {
		tb.Fatalf("wrote %s rows: %v", strconv.Itoa(st.Rows), err)
	}
}

// BenchmarkScanXLSX200k is BenchmarkScan200k on a workbook: the same
// register written through excelize's stream writer. HOPTAC_REGISTER_XLSX
// names the workbook; when it does not exist yet it is made from
// HOPTAC_REGISTER_FILE (or a generated CSV) first, so a second run
// measures the reading alone.
func BenchmarkScanXLSX200k(b *testing.B) {
	path := os.Getenv("HOPTAC_REGISTER_XLSX")
	if path == "" {
		path = filepath.Join(b.TempDir(), "register.xlsx")
	}
	if _, err := os.Stat(path); err != nil {
		csvPath := os.Getenv("HOPTAC_REGISTER_FILE")
		if csvPath == "" {
			csvPath = filepath.Join(b.TempDir(), "register.csv")
			writeRegister(b, csvPath, 200_000)
		}
		csvToXLSX(b, csvPath, path)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		res, err := Scan(context.Background(), path, f, fi.Size(), Options{}, func(Record) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		if res.Invalid != 0 || res.Rows != 200_000 {
			b.Fatalf("%d rows, %d invalid", res.Rows, res.Invalid)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
}

// csvToXLSX writes the rows of a CSV into a workbook, cells as text, as
// a province's export would hold them.
func csvToXLSX(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter(x.GetSheetName(0))
	if err != nil {
		tb.Fatal(err)
	}
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		row := make([]any, len(rec))
		for i, c := range rec {
			row[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := x.SaveAs(to); err != nil {
		tb.Fatal(err)
	}
}
