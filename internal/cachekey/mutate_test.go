package cachekey_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"
)

type mutated struct {
	Plan   int64
	Rate   float64
	Name   string
	Late   bool
	Count  uint8
	Agency *int64
	Any    any
	Codes  []string
	At     time.Time
	Page   struct{ Number, Size int }
	hidden int
}

// Mutations changes one exported leaf a copy, nested structs' leaves by
// their path, each to a different value, and leaves the rest alone: a
// cache key test built on it then covers every field.
func TestMutationsChangeOneLeaf(t *testing.T) {
	agency := int64(4)
	v := mutated{Plan: 1, Name: "a", Agency: &agency, Any: 2, Codes: []string{"x"},
		At: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), hidden: 3}
	got := cachekey.Mutations(v)
	var paths []string
	for p := range got {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	want := []string{"Agency", "Any", "At", "Codes", "Count", "Late", "Name", "Page.Number", "Page.Size", "Plan", "Rate"}
	if !slices.Equal(paths, want) {
		t.Fatalf("paths %v, want %v", paths, want)
	}
	for p, m := range got {
		c := m.(mutated)
		if reflect.DeepEqual(c, v) {
			t.Errorf("%s: copy equals the original", p)
		}
		// Put the changed leaf back: the copy must then equal v again,
		// so nothing else was touched.
		orig, changed := reflect.ValueOf(v), reflect.ValueOf(&c).Elem()
		for i := range orig.NumField() {
			if orig.Type().Field(i).Name == "hidden" {
				continue
			}
			if f := orig.Type().Field(i).Name; f == p || (f == "Page" && len(p) > 5 && p[:5] == "Page.") {
				changed.Field(i).Set(orig.Field(i))
			}
		}
		if !reflect.DeepEqual(c, v) {
			t.Errorf("%s: more than the one field changed: %+v", p, c)
		}
	}
	if v.Codes[0] != "x" || len(v.Codes) != 1 || *v.Agency != 4 {
		t.Errorf("the original was changed: %+v", v)
	}
}

// A value that is not a struct is a programming error.
func TestMutationsNeedsAStruct(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Mutations(7) did not panic")
		}
	}()
	cachekey.Mutations(7)
}
