package auth

import "testing"

func TestConsolidatedPolicy(t *testing.T) {
	agency := int64(7)
	cases := []struct {
		name       string
		u          *User
		read, edit bool
	}{
		{"nobody", nil, false, false},
		{"admin", &User{Role: RoleAdmin}, true, true},
		{"coordinator", &User{Role: RoleCoordinator}, true, true},
		{"viewer", &User{Role: RoleViewer}, true, false},
		{"agency officer", &User{Role: RoleAgency, AgencyID: &agency}, false, false},
		{"cooperative", &User{Role: RoleCoop}, false, false},
		{"disabled coordinator", &User{Role: RoleCoordinator, Disabled: true}, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CanReadConsolidated(c.u); got != c.read {
				t.Errorf("read = %v, want %v", got, c.read)
			}
			if got := CanEditConsolidated(c.u); got != c.edit {
				t.Errorf("edit = %v, want %v", got, c.edit)
			}
			if got := CanEditSchedules(c.u); got != c.edit {
				t.Errorf("schedules = %v, want %v", got, c.edit)
			}
		})
	}
}
