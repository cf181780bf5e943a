package cachekey_test

import (
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"
)

type inner struct {
	Day  time.Time
	Page int
}

type filter struct {
	PlanID  int64
	Query   string
	Urgent  bool
	Agency  *int64
	Codes   []string
	Inner   inner
	Any     any
	private int
}

func TestOfDistinguishes(t *testing.T) {
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	one, two := int64(1), int64(2)
	cases := []struct {
		name string
		a, b any
	}{
		{"different ints", filter{PlanID: 2}, filter{PlanID: 3}},
		{"separator inside a string", filter{Query: "a\x00b"}, filter{Query: "a", Codes: []string{"b"}}},
		{"nil and zero pointer", filter{}, filter{Agency: new(int64)}},
		{"pointed-to values", filter{Agency: &one}, filter{Agency: &two}},
		{"slice split differently", filter{Codes: []string{"ab", "c"}}, filter{Codes: []string{"a", "bc"}}},
		{"nested day", filter{Inner: inner{Day: day}}, filter{Inner: inner{Day: day.AddDate(0, 0, 1)}}},
		{"same instant, other zone", filter{Inner: inner{Day: day}}, filter{Inner: inner{Day: day.In(time.FixedZone("ICT", 7*3600))}}},
		{"zero time and a time", filter{}, filter{Inner: inner{Day: day}}},
		{"unexported field", filter{private: 1}, filter{private: 2}},
		{"interface dynamic type", filter{Any: int64(1)}, filter{Any: int(1)}},
		{"different struct types", inner{}, struct {
			Day  time.Time
			Page int
		}{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if ka, kb := cachekey.Of(c.a), cachekey.Of(c.b); ka == kb {
				t.Errorf("both keyed %q", ka)
			}
		})
	}
}

func TestOfStable(t *testing.T) {
	one := int64(1)
	a := filter{PlanID: 7, Agency: &one, Codes: []string{"I.1"}, Any: inner{Page: 2}}
	b := a
	b.Agency = new(int64)
	*b.Agency = 1 // another pointer to the same value
	if cachekey.Of(a) != cachekey.Of(b) {
		t.Errorf("equal values keyed differently:\n%s\n%s", cachekey.Of(a), cachekey.Of(b))
	}
}

func TestOfRefusesUnkeyable(t *testing.T) {
	for name, v := range map[string]any{
		"map":                struct{ M map[string]int }{},
		"func":               struct{ F func() }{},
		"unexported time":    struct{ t time.Time }{},
		"channel in a slice": struct{ C []chan int }{C: []chan int{nil}},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			cachekey.Of(v)
		})
	}
}

// Every leaf that Mutations changes changes the key, and Mutations reaches
// every exported leaf, nested ones included.
func TestMutations(t *testing.T) {
	base := filter{Agency: new(int64), Inner: inner{Day: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	muts := cachekey.Mutations(base)
	want := []string{"PlanID", "Query", "Urgent", "Agency", "Codes", "Inner.Day", "Inner.Page", "Any"}
	if len(muts) != len(want) {
		t.Errorf("mutations of %v, want one of each of %v", keys(muts), want)
	}
	for _, f := range want {
		m, ok := muts[f]
		if !ok {
			t.Errorf("no mutation of %s", f)
			continue
		}
		if cachekey.Of(m) == cachekey.Of(base) {
			t.Errorf("changing %s left the key as it was", f)
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
