package load

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// An officer reports on the open tasks its agency leads; failing those,
// on any it leads; failing that, on any it is named on.
func TestChooseTasks(t *testing.T) {
	lead := func(id int64, recorded string, agency int64) taskItem {
		return taskItem{ID: id, Recorded: recorded, Lead: []agencyRef{{ID: agency}}}
	}
	support := taskItem{ID: 5, Support: []agencyRef{{ID: 1}}}
	for _, c := range []struct {
		name  string
		items []taskItem
		want  []int64
	}{
		{"open led tasks first", []taskItem{lead(1, "done", 1), lead(2, "in_progress", 1), support, lead(3, "", 1)}, []int64{2, 3}},
		{"then done ones it leads", []taskItem{lead(1, "done", 1), support, lead(4, "", 2)}, []int64{1}},
		{"then any", []taskItem{support, lead(4, "", 2)}, []int64{5, 4}},
		{"none", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := chooseTasks(c.items, 1); !slices.Equal(got, c.want) {
				t.Errorf("chooseTasks = %v, want %v", got, c.want)
			}
		})
	}
}

// Each simulated progress entry is valid for the API: in progress, a
// percent from 1 to 99, and a note that says it is a load test.
func TestProgressOf(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for n := range 200 {
		p := progressOf(r, n)
		if p.Status != "in_progress" || p.Percent < 1 || p.Percent > 99 || !strings.HasPrefix(p.Note, "Thử tải:") {
			t.Fatalf("entry %d: %+v", n, p)
		}
	}
}
