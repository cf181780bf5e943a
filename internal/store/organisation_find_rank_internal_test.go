package store

import (
	"slices"
	"testing"
)

// sorted orders IDs by the kept name order on both of its paths (a few
// IDs sorted, many marked), and refuses an ID the order does not hold.
func TestOrgRankSorted(t *testing.T) {
	order := []int64{7, 3, 9, 1, 12, 5, 2, 8, 11, 4, 6, 10, 14, 13, 16, 15, 18, 17, 20, 19}
	r := &orgRank{order: order, pos: make([]int32, 21)}
	for i, id := range order {
		r.pos[id] = int32(i + 1)
	}
	for _, ids := range [][]int64{{5}, {9, 7}, {20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}} {
		got, ok := r.sorted(ids)
		var want []int64
		for _, id := range order {
			if slices.Contains(ids, id) {
				want = append(want, id)
			}
		}
		if !ok || !slices.Equal(got, want) {
			t.Errorf("sorted(%v) = %v, %v; want %v", ids, got, ok, want)
		}
	}
	for _, ids := range [][]int64{{21}, {3, 0}, {-1}} {
		if _, ok := r.sorted(ids); ok {
			t.Errorf("sorted(%v) ok, want refused", ids)
		}
	}
}
