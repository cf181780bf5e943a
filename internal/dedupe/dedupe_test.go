package dedupe

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestFindNamesEachReason(t *testing.T) {
	t.Parallel()
	recs := []Record{
		{ID: 1, Code: "2800123456", NameFold: "hop tac xa nong nghiep an binh", Places: []string{"p1"}},
		{ID: 2, Code: "2800123456-001", NameFold: "hop tac xa che tan cuong", Places: []string{"p9"}},
		{ID: 3, Code: "2800000003", NameFold: "htx nong nghiep an binh", Places: []string{"p1"}},
		{ID: 4, Code: "2800000004", NameFold: "hop tac xa an binh nong nghiep", Places: []string{"p7"}},
		{ID: 5, Code: "2800000005", NameFold: "hop tac xa nong nghiep an bimh", Places: []string{"p1"}},
		// The same name in another place, and an unrelated name: no pair.
		{ID: 6, Code: "2800000006", NameFold: "hop tac xa rau sach dong tam", Places: []string{"p2"}},
		{ID: 7, Code: "2800000007", NameFold: "hop tac xa rau sach dong tam", Places: []string{"p3"}},
		{ID: 8, Code: "2800000008", NameFold: "to hop tac chan nuoi thon 1", Places: []string{"p4"}},
		{ID: 9, Code: "2800000009", NameFold: "to hop tac chan nuoi thon 2", Places: []string{"p4"}},
	}
	got := map[[2]int64][]Why{}
	for _, p := range Find(recs, nil) {
		got[[2]int64{p.A, p.B}] = p.Why
	}
	want := map[[2]int64]Reason{
		{1, 2}: SameCode,
		{1, 3}: SameName,  // HTX spelt out
		{1, 4}: WordOrder, // another place: the word set is enough
		{1, 5}: Similar,
		{3, 5}: Similar,
		{3, 4}: WordOrder,
		{4, 5}: "",
	}
	for k, r := range want {
		why, ok := got[k]
		switch {
		case r == "" && ok:
			t.Errorf("pair %v proposed (%v), want none", k, why)
		case r != "" && (!ok || why[0].Reason != r):
			t.Errorf("pair %v = %v, want %s first", k, why, r)
		}
	}
	if w := got[[2]int64{1, 5}]; len(w) == 0 || w[0].Distance != 1 {
		t.Errorf("similar pair detail = %v, want distance 1", w)
	}
	if w := got[[2]int64{1, 2}]; len(w) == 0 || w[0].Code != "2800123456" {
		t.Errorf("same code detail = %v, want the base code", w)
	}
	for _, k := range [][2]int64{{6, 7}, {8, 9}} {
		if why, ok := got[k]; ok {
			t.Errorf("unrelated pair %v proposed: %v", k, why)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected pair %v: %v", k, got[k])
		}
	}
}

func TestFindLeavesOutDistinctPairs(t *testing.T) {
	t.Parallel()
	recs := []Record{
		{ID: 1, NameFold: "hop tac xa che tan cuong", Places: []string{"p"}},
		{ID: 2, NameFold: "hop tac xa che tan cuong", Places: []string{"p"}},
	}
	if got := Find(recs, nil); len(got) != 1 {
		t.Fatalf("Find = %v, want one pair", got)
	}
	if got := Find(recs, map[[2]int64]bool{PairKey(2, 1): true}); len(got) != 0 {
		t.Errorf("Find with the pair distinct = %v, want none", got)
	}
}

func TestFindOrdersStrongestFirst(t *testing.T) {
	t.Parallel()
	recs := []Record{
		{ID: 1, NameFold: "hop tac xa nong nghiep an binh", Places: []string{"p"}},
		{ID: 2, NameFold: "hop tac xa nong nghiep an bimh", Places: []string{"p"}},
		{ID: 3, Code: "2800000001", NameFold: "a b c"},
		{ID: 4, Code: "2800000001-002", NameFold: "x y z"},
	}
	got := Find(recs, nil)
	if len(got) != 2 || got[0].Why[0].Reason != SameCode || got[1].Why[0].Reason != Similar {
		t.Errorf("Find = %v, want the same code first", got)
	}
}

// BenchmarkFind200k runs the finder over 200,000 synthetic records in
// about 3,000 places, a few of them planted duplicates.
func BenchmarkFind200k(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"nong nghiep", "che", "rau an toan", "chan nuoi", "thuy san", "dich vu", "lua giong"}
	tails := []string{"", "", "thanh cong", "phu thinh", "dong tam", "hoa binh", "an khang"}
	recs := make([]Record, 200000)
	for i := range recs {
		place := r.IntN(3000)
		recs[i] = Record{ID: int64(i + 1), Code: fmt.Sprintf("28%08d", i+1),
			NameFold: fmt.Sprintf("hop tac xa %s xa%d %s", words[r.IntN(len(words))], place, tails[r.IntN(len(tails))]),
			Places:   []string{fmt.Sprint(place)}}
	}
	b.ResetTimer()
	for b.Loop() {
		Find(recs, nil)
	}
}
