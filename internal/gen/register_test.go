package gen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/registerimport"
)

func registerConfig(t testing.TB, orgs, years int, seed uint64) RegisterConfig {
	newer, older := sharedUnits(t)
	cfg := RegisterConfig{Orgs: orgs, Years: years, Seed: seed, Communes: loadFile(t, newer), Old: loadFile(t, older)}
	if f, err := os.Open(filepath.Join(filepath.Dir(newer), "mapping-old-to-new.json")); err == nil {
		defer f.Close()
		if cfg.Successors, err = LoadSuccessors(f); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

// What gen writes, registerimport reads: every row valid, with the
// register's shape (mostly agriculture, some dissolved, some in old
// communes, planted near-duplicates under their own codes).
func TestRegisterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	st, err := WriteRegister(&buf, registerConfig(t, 1000, 1, 7))
	if err != nil {
		t.Fatal(err)
	}
	res, recs, err := registerimport.Parse(context.Background(), "register.csv", bytes.NewReader(buf.Bytes()), int64(buf.Len()), registerimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 1000 || res.Rows != 1000 || res.Valid != 1000 {
		for _, e := range res.Errors[:min(5, len(res.Errors))] {
			t.Log(e)
		}
		t.Fatalf("wrote %d rows; read %d, %d valid, %d invalid", st.Rows, res.Rows, res.Valid, res.Invalid)
	}
	if res.Skipped["title"] != 2 || res.Skipped["totals"] != 1 {
		t.Errorf("skipped %v, want the 2 titles and the totals row", res.Skipped)
	}
	sectors, forms, statuses, old := map[string]int{}, map[string]int{}, map[string]int{}, 0
	for _, r := range recs {
		sectors[r.Sector]++
		forms[r.Form]++
		statuses[r.Status]++
		if r.District != "" {
			old++
		}
	}
	if a := sectors["agriculture"]; a < 600 || a > 750 {
		t.Errorf("%d of 1000 in agriculture, want about 70%%: %v", a, sectors)
	}
	if forms["htx"] < 600 || forms["tht"] < 100 || forms["lhhtx"] == 0 {
		t.Errorf("forms %v", forms)
	}
	if statuses["active"] < 850 || statuses["active"] == 1000 {
		t.Errorf("statuses %v: some, not most, should have ended", statuses)
	}
	if old < 150 || old > 350 || st.OldCommunes != old {
		t.Errorf("%d recorded in old communes (stats %d), want about a quarter", old, st.OldCommunes)
	}
	if st.NearDuplicates == 0 {
		t.Error("no near-duplicates planted")
	}
}

// Several years give one row per organisation and year, and a code may
// repeat across years without being a duplicate.
func TestRegisterYears(t *testing.T) {
	var buf bytes.Buffer
	st, err := WriteRegister(&buf, registerConfig(t, 300, 4, 3))
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows <= 300 || st.Rows > 1200 {
		t.Fatalf("%d rows for 300 organisations over 4 years", st.Rows)
	}
	res, _, err := registerimport.Parse(context.Background(), "r.csv", bytes.NewReader(buf.Bytes()), int64(buf.Len()), registerimport.Options{})
	if err != nil || res.Valid != st.Rows || res.Invalid != 0 {
		t.Fatalf("res %+v err %v", res, err)
	}
}

func TestRegisterDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	for _, x := range []struct {
		buf  *bytes.Buffer
		seed uint64
	}{{&a, 1}, {&b, 1}, {&c, 2}} {
		if _, err := WriteRegister(x.buf, registerConfig(t, 200, 2, x.seed)); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave two files")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("two seeds gave the same file")
	}
	if !strings.Contains(a.String(), "Hợp tác xã") && !strings.Contains(a.String(), "HTX") {
		t.Error("no cooperative names")
	}
}

func TestRegisterConfigErrors(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WriteRegister(&buf, RegisterConfig{Orgs: 1, Years: 0, Communes: []Commune{{Code: "1"}}}); err == nil {
		t.Error("0 years accepted")
	}
	if _, err := WriteRegister(&buf, RegisterConfig{Orgs: 1, Years: 1}); err == nil {
		t.Error("no communes accepted")
	}
}

// An organisation of before the reform is in an old commune in its rows
// before 2025 and, from 2025, in the new commune the mapping says it went
// into, or still in the old one (about a quarter); one founded from 2025
// on is only ever in a new commune.
func TestRegisterAcrossReform(t *testing.T) {
	cfg := RegisterConfig{Orgs: 300, Years: 3, LastYear: 2026, Seed: 5,
		Communes: loadFile(t, "testdata/units-small.json"), Old: loadFile(t, "testdata/units-small-old.json"),
		Successors: map[string][]string{"10507": {"29881"}, "10510": {"29884", "29863"}}}
	var buf bytes.Buffer
	if _, err := WriteRegister(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	_, recs, err := registerimport.Parse(context.Background(), "r.csv", bytes.NewReader(buf.Bytes()), int64(buf.Len()), registerimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]map[string]bool{ // old code → the codes its organisation may name from 2025
		"10507": {"10507": true, "29881": true}, "10510": {"10510": true, "29884": true, "29863": true}}
	before := map[string]string{} // organisation → its old commune
	kept, moved := 0, 0
	for _, r := range recs {
		if r.Year < 2025 {
			if r.District == "" {
				t.Fatalf("row %d: %d in a new commune %s", r.Row, r.Year, r.CommuneCode)
			}
			before[r.Code] = r.CommuneCode
		}
	}
	for _, r := range recs {
		old, ok := before[r.Code]
		switch {
		case r.Year < 2025:
		case !ok && r.District != "":
			t.Errorf("row %d: founded from 2025 on, yet in the old commune %s", r.Row, r.CommuneCode)
		case ok && !allowed[old][r.CommuneCode]:
			t.Errorf("row %d: from %s to %s, not one of its successors", r.Row, old, r.CommuneCode)
		case ok && r.CommuneCode == old:
			kept++
		case ok:
			moved++
		}
	}
	if kept == 0 || moved < 2*kept {
		t.Errorf("rows from 2025: %d still in the old commune, %d in the new one", kept, moved)
	}
}
