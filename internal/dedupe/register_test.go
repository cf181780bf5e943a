package dedupe_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/vntext"
)

// genRecord is one organisation of a synthetic register with what tells
// a planted twin from its original: the same commune, address and day.
type genRecord struct {
	dedupe.Record
	trace string
}

// synthetic writes a register of orgs organisations with hoptac gen
// register's generator (one year, so one row each) and reads it back as
// the finder's records. Communes come from the official list beside the
// checkout when there is one, else the small test list.
func synthetic(tb testing.TB, orgs int) ([]genRecord, gen.RegisterStats) {
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
	var buf bytes.Buffer
	st, err := gen.WriteRegister(&buf, gen.RegisterConfig{Orgs: orgs, Years: 1, Seed: 1, Communes: communes})
	if err != nil {
		tb.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.FieldsPerRecord = -1
	var out []genRecord
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		// Title, header and totals rows have no commune code.
		if len(row) < 12 || len(row[6]) != 5 || row[1] == "Mã số HTX" {
			continue
		}
		out = append(out, genRecord{
			Record: dedupe.Record{ID: int64(len(out) + 1), Code: row[1], NameFold: vntext.Fold(row[2]), Places: []string{row[6]}},
			trace:  row[6] + "|" + row[10] + "|" + row[11],
		})
	}
	return out, st
}

// Every near-duplicate the generator plants (the next organisation, with
// the same commune, address and founding day, and a word moved, a mark
// placed the old way or a letter changed) is proposed.
func TestFindFindsPlantedTwins(t *testing.T) {
	t.Parallel()
	recs, st := synthetic(t, 20_000)
	plain := make([]dedupe.Record, len(recs))
	for i := range recs {
		plain[i] = recs[i].Record
	}
	found := map[[2]int64]bool{}
	for _, p := range dedupe.Find(plain, nil) {
		found[[2]int64{p.A, p.B}] = true
	}
	twins := 0
	for i := 1; i < len(recs); i++ {
		if recs[i].trace != recs[i-1].trace {
			continue
		}
		twins++
		if !found[[2]int64{recs[i-1].ID, recs[i].ID}] {
			t.Errorf("twin not proposed: %q and %q", recs[i-1].NameFold, recs[i].NameFold)
		}
	}
	if twins == 0 || twins < st.NearDuplicates {
		t.Errorf("%d twins told apart, %d planted", twins, st.NearDuplicates)
	}
}

// BenchmarkFindRegister200k runs the finder over the synthetic register
// of 200,000 organisations (hoptac gen register's generator), the
// issue's target being 10 s for the whole search.
func BenchmarkFindRegister200k(b *testing.B) {
	recs, _ := synthetic(b, 200_000)
	plain := make([]dedupe.Record, len(recs))
	for i := range recs {
		plain[i] = recs[i].Record
	}
	b.ResetTimer()
	var pairs int
	for b.Loop() {
		pairs = len(dedupe.Find(plain, nil))
	}
	b.ReportMetric(float64(pairs), "pairs")
}
