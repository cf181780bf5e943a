package audit

import (
	"encoding/json"
	"testing"
)

func TestFields(t *testing.T) {
	before := json.RawMessage(`{"status":"not_started","percent":null,"done_on":null}`)
	after := json.RawMessage(`{"id":7,"status":"in_progress","percent":60,"note":"","aliases":["A","B"]}`)
	fields, err := Fields(before, after)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name    string
		changed bool
	}
	want := []row{{"id", true}, {"status", true}, {"percent", true}, {"note", false}, {"aliases", true}, {"done_on", false}}
	if len(fields) != len(want) {
		t.Fatalf("fields = %+v", fields)
	}
	for i, w := range want {
		if f := fields[i]; f.Name != w.name || f.Changed() != w.changed {
			t.Errorf("field %d = %s changed %v, want %s changed %v", i, f.Name, f.Changed(), w.name, w.changed)
		}
	}
	if n, ok := fields[2].After.(json.Number); !ok || n.String() != "60" {
		t.Errorf("percent after = %#v, want the number as written", fields[2].After)
	}
	if !fields[5].InBefore || fields[5].InAfter {
		t.Errorf("done_on sides = %v %v", fields[5].InBefore, fields[5].InAfter)
	}
}

func TestFieldsOfNothing(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after json.RawMessage
		want          int
	}{
		{"login", nil, nil, 0},
		{"null", json.RawMessage("null"), json.RawMessage(" null "), 0},
		{"not an object", nil, json.RawMessage(`[1,2]`), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fields, err := Fields(tc.before, tc.after)
			if err != nil || len(fields) != tc.want {
				t.Errorf("Fields = %+v, %v; want %d", fields, err, tc.want)
			}
		})
	}
	if _, err := Fields(json.RawMessage(`{"a":`), nil); err == nil {
		t.Errorf("broken JSON gives no error")
	}
}

func TestUnchangedSameValue(t *testing.T) {
	same := Field{Name: "aliases", Before: []any{"A"}, After: []any{"A"}, InBefore: true, InAfter: true}
	if same.Changed() {
		t.Errorf("equal lists count as changed")
	}
	for _, v := range []any{nil, "", []any{}, map[string]any{}} {
		if !Empty(v) {
			t.Errorf("%#v is not empty", v)
		}
	}
	if Empty(json.Number("0")) || Empty(false) {
		t.Errorf("0 or false count as no value")
	}
}
