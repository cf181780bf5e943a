package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedUnits finds the official unit lists the repository does not
// commit (../shared/data/admin-units beside the checkout), else the small
// lists in testdata, so the tests run everywhere.
func sharedUnits(t testing.TB) (newer, older string) {
	t.Helper()
	dir, _ := filepath.Abs(".")
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		d := filepath.Join(dir, "shared", "data", "admin-units")
		if _, err := os.Stat(filepath.Join(d, "units-2025-07-01.json")); err == nil {
			return filepath.Join(d, "units-2025-07-01.json"), filepath.Join(d, "units-pre-2025.json")
		}
	}
	return "testdata/units-small.json", "testdata/units-small-old.json"
}

func loadFile(t testing.TB, path string) []Commune {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, err := LoadCommunes(f)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestLoadCommunes(t *testing.T) {
	newer := loadFile(t, "testdata/units-small.json")
	older := loadFile(t, "testdata/units-small-old.json")
	if len(newer) != 4 || newer[0] != (Commune{Code: "29881", Name: "Xã Tân Hòa", Province: "Tỉnh Đồng Tháp", PCode: "82"}) {
		t.Errorf("new list: %+v", newer)
	}
	if len(older) != 2 || !older[0].Old || older[0].District != "Thành phố Hải Dương" || older[0].Code != "10507" {
		t.Errorf("old list: %+v", older)
	}
	if _, err := LoadCommunes(strings.NewReader("[]")); err == nil {
		t.Error("an empty list was accepted")
	}
	if _, err := LoadCommunes(strings.NewReader("{")); err == nil {
		t.Error("broken JSON was accepted")
	}
}

func TestLoadSuccessors(t *testing.T) {
	m, err := LoadSuccessors(strings.NewReader(`{"data":[{"level1_id":"30","level3s":[
		{"level3_id":"10507","splits":[{"new_id":"10507"}]},
		{"level3_id":"10510","splits":[{"new_id":"10507"},{"new_id":"10520"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 2 || len(m["10507"]) != 1 || m["10507"][0] != "10507" || len(m["10510"]) != 2 || m["10510"][1] != "10520" {
		t.Errorf("successors %v", m)
	}
	if _, err := LoadSuccessors(strings.NewReader(`{"data":[]}`)); err == nil {
		t.Error("an empty mapping was accepted")
	}
	if _, err := LoadSuccessors(strings.NewReader("[")); err == nil {
		t.Error("broken JSON was accepted")
	}
}
