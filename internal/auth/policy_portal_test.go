package auth

import "testing"

func TestCanPublishPlans(t *testing.T) {
	for _, tc := range []struct {
		u    *User
		want bool
	}{
		{nil, false},
		{&User{Role: RoleAdmin}, true},
		{&User{Role: RoleCoordinator}, true},
		{&User{Role: RoleCoordinator, Disabled: true}, false},
		{&User{Role: RoleAgency}, false},
		{&User{Role: RoleCoop}, false},
		{&User{Role: RoleViewer}, false},
	} {
		name := "anonymous"
		if tc.u != nil {
			name = string(tc.u.Role)
		}
		t.Run(name, func(t *testing.T) {
			if got := CanPublishPlans(tc.u); got != tc.want {
				t.Errorf("CanPublishPlans = %v, want %v", got, tc.want)
			}
		})
	}
}
