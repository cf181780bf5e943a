package gen

import (
	"math/rand/v2"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
)

// spread always hands out exactly n, in k parts, none negative: a plan's
// groups hold every task drawn for it.
func TestSpread(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ n, k int }{{0, 1}, {1, 3}, {7, 7}, {100, 6}, {10_000, 9}} {
		for range 20 {
			parts := spread(r, c.n, c.k)
			sum := 0
			for _, p := range parts {
				if p < 0 {
					t.Fatalf("spread(%d, %d) = %v: a negative part", c.n, c.k, parts)
				}
				sum += p
			}
			if len(parts) != c.k || sum != c.n {
				t.Fatalf("spread(%d, %d) = %v: %d parts adding to %d", c.n, c.k, parts, len(parts), sum)
			}
		}
	}
}

func testAgencies(weights ...int) []*genAgency {
	var out []*genAgency
	for i, w := range weights {
		out = append(out, &genAgency{seed: agencySeed{weight: w}, org: org.Agency{ID: int64(i + 1)}})
	}
	return out
}

// weightedPick never draws an agency already used, gives nil once all are,
// and favours the agencies plans name most.
func TestWeightedPick(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pool := testAgencies(10, 1)
	counts := map[int64]int{}
	for range 2000 {
		counts[weightedPick(r, pool, map[*genAgency]bool{}).org.ID]++
	}
	if counts[1] < 5*counts[2] {
		t.Errorf("weights 10 and 1 drawn %d and %d times", counts[1], counts[2])
	}
	used := map[*genAgency]bool{pool[0]: true}
	for range 100 {
		if ga := weightedPick(r, pool, used); ga != pool[1] {
			t.Fatalf("with the first used, drew %+v", ga)
		}
	}
	used[pool[1]] = true
	if ga := weightedPick(r, pool, used); ga != nil {
		t.Errorf("all used, drew %+v", ga)
	}
}

// pickAgencies names each agency of a task at most once, across its lead
// and supporting lists, and stops when the pools run dry.
func TestPickAgencies(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	leads, others := testAgencies(3, 2, 1), testAgencies(1, 1)
	used := map[*genAgency]bool{}
	first := pickAgencies(r, 4, 2, leads, others, used)
	second := pickAgencies(r, 10, 2, leads, others, used)
	seen := map[*genAgency]bool{}
	for _, ga := range append(first, second...) {
		if seen[ga] {
			t.Fatalf("agency %d picked twice", ga.org.ID)
		}
		seen[ga] = true
	}
	if len(first) > 4 || len(first)+len(second) > 5 {
		t.Errorf("picked %d then %d of 5 agencies, at most 4 asked first", len(first), len(second))
	}
	if refs := agencyRefs(first); len(refs) != len(first) || (len(refs) > 0 && refs[0].ID != first[0].org.ID) {
		t.Errorf("refs %+v of %d agencies", refs, len(first))
	}
}
