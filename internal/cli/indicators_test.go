package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/indicator"
)

// TestIndicators: `hoptac indicators --json` prints exactly the
// documented document, one entry per built-in indicator with the
// register's values; without --json, a table in the reader's language.
func TestIndicators(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	db, _ := demoDB(t, dbPath)
	want, err := indicator.NewRegister(db).Compute(ctx, 2024, "")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOPTAC_DB": dbPath, "HOPTAC_LANG": "vi"}

	code, out, errOut := run(t, "", env, "indicators", "--year", "2024", "--json")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	// Exactly these keys, nothing more.
	var loose map[string]any
	if err := json.Unmarshal([]byte(out), &loose); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if keys := sortedKeys(loose); !reflect.DeepEqual(keys, []string{"indicators", "unit", "year"}) {
		t.Errorf("top-level keys %v", keys)
	}
	list := loose["indicators"].([]any)
	if len(list) != len(indicator.Builtin()) {
		t.Fatalf("%d indicators, want the %d built-in ones", len(list), len(indicator.Builtin()))
	}
	if keys := sortedKeys(list[0].(map[string]any)); !reflect.DeepEqual(keys,
		[]string{"denominator", "formula", "id", "name", "numerator", "unit", "value"}) {
		t.Errorf("indicator keys %v", keys)
	}
	var doc indicatorsJSON
	dec := json.NewDecoder(bytes.NewReader([]byte(out)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Year != 2024 || doc.Unit != "" {
		t.Errorf("year %d unit %q", doc.Year, doc.Unit)
	}
	for i, x := range doc.Indicators {
		w := want[i]
		if x.ID != w.ID || x.Numerator != w.Numerator || x.Denominator != w.Denominator ||
			(x.Value == nil) != (w.Value == nil) || x.Value != nil && *x.Value != *w.Value {
			t.Errorf("%s: %+v, want %+v", x.ID, x, w)
		}
		if x.Name == "" || strings.HasPrefix(x.Name, "indicator.") || strings.HasPrefix(x.Formula, "indicator.") {
			t.Errorf("%s: untranslated name or formula %q %q", x.ID, x.Name, x.Formula)
		}
	}
	if doc.Indicators[0].Name != "Tổ hợp tác đang hoạt động" {
		t.Errorf("first name %q", doc.Indicators[0].Name)
	}

	code, out, errOut = run(t, "", env, "indicators", "--year", "2024")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, s := range []string{"Chỉ tiêu năm 2024 — toàn bộ sổ đăng ký", "Hợp tác xã đang hoạt động", "Doanh thu bình quân"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}

	code, _, errOut = run(t, "", env, "indicators", "--unit", "30")
	if code == 0 || !strings.Contains(errOut, "unit") {
		t.Errorf("old province 30: code %d, %s", code, errOut)
	}
}

func sortedKeys(m map[string]any) []string {
	out := slices.Collect(maps.Keys(m))
	slices.Sort(out)
	return out
}
