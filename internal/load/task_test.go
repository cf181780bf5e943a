package load

import "testing"

// An agency leads or supports a task itself or as the successor of the
// agency named on it; a third agency is not involved.
func TestTaskInvolves(t *testing.T) {
	succ := &struct {
		ID int64 `json:"id"`
	}{ID: 9}
	task := taskItem{Lead: []agencyRef{{ID: 1}, {ID: 2, Successor: succ}}, Support: []agencyRef{{ID: 3}}}
	for _, c := range []struct {
		agency         int64
		leads, involve bool
	}{
		{1, true, true},
		{2, true, true},
		{9, true, true}, // successor of 2
		{3, false, true},
		{4, false, false},
	} {
		if got := task.leads(c.agency); got != c.leads {
			t.Errorf("leads(%d) = %v", c.agency, got)
		}
		if got := task.involves(c.agency); got != c.involve {
			t.Errorf("involves(%d) = %v", c.agency, got)
		}
	}
}
