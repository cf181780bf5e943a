package auth

import "testing"

func TestCanReadDashboard(t *testing.T) {
	agency := int64(3)
	for _, c := range []struct {
		u    *User
		want bool
	}{
		{nil, false},
		{&User{Role: RoleAdmin}, true},
		{&User{Role: RoleCoordinator}, true},
		{&User{Role: RoleViewer}, true},
		{&User{Role: RoleAgency, AgencyID: &agency}, true},
		{&User{Role: RoleAgency}, false}, // an officer of no agency yet
		{&User{Role: RoleCoop}, false},
		{&User{Role: RoleViewer, Disabled: true}, false},
	} {
		if got := CanReadDashboard(c.u); got != c.want {
			t.Errorf("%+v: %v, want %v", c.u, got, c.want)
		}
	}
}
