package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// Field is one field of an entry, with its value on each side. Values are
// decoded JSON (string, json.Number, bool, []any, map[string]any), nil when
// null or absent.
type Field struct {
	Name              string
	Before, After     any
	InBefore, InAfter bool
}

// Changed reports whether the field differs between the two sides. A
// field absent on one side and empty on the other (null, "", [], {}) has
// not changed: the reader sees no value either way.
func (f Field) Changed() bool {
	return !reflect.DeepEqual(emptyToNil(f.Before), emptyToNil(f.After))
}

// Empty reports whether a value shows as no value at all.
func Empty(v any) bool { return emptyToNil(v) == nil }

func emptyToNil(v any) any {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil
		}
	case []any:
		if len(x) == 0 {
			return nil
		}
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
	}
	return v
}

// Fields lists the fields of an entry's before and after values: those the
// after side names, in its order, then those only the before side has. A
// side that is not a JSON object shows as one field named "value".
func Fields(before, after json.RawMessage) ([]Field, error) {
	b, bOrder, err := object(before)
	if err != nil {
		return nil, fmt.Errorf("audit: before: %w", err)
	}
	a, aOrder, err := object(after)
	if err != nil {
		return nil, fmt.Errorf("audit: after: %w", err)
	}
	var out []Field
	seen := map[string]bool{}
	for _, k := range append(aOrder, bOrder...) {
		if seen[k] {
			continue
		}
		seen[k] = true
		bv, inB := b[k]
		av, inA := a[k]
		out = append(out, Field{Name: k, Before: bv, After: av, InBefore: inB, InAfter: inA})
	}
	return out, nil
}

// object decodes a JSON object keeping its keys' order, which for a Go
// struct is the order of its fields.
func object(raw json.RawMessage) (map[string]any, []string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if raw[0] != '{' {
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		return map[string]any{"value": v}, []string{"value"}, nil
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	m := map[string]any{}
	var order []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := m[k]; !dup {
			order = append(order, k)
		}
		m[k] = v
	}
	return m, order, nil
}
