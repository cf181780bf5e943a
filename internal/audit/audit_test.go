package audit

import "testing"

// TestFolded: a batch's rows stay behind their entry unless the filter
// names rows: a kind of record, a record or the batch.
func TestFolded(t *testing.T) {
	for _, tc := range []struct {
		f    Filter
		want bool
	}{
		{Filter{}, true},
		{Filter{User: "a@b.vn", Page: 2}, true},
		{Filter{Entity: "task"}, false},
		{Filter{EntityID: 4}, false},
		{Filter{Batch: 9}, false},
	} {
		if got := tc.f.Folded(); got != tc.want {
			t.Errorf("%+v Folded = %v, want %v", tc.f, got, tc.want)
		}
	}
}
