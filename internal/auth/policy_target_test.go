package auth

import "testing"

func TestTargetPolicy(t *testing.T) {
	agency, org := int64(7), int64(9)
	cases := []struct {
		name       string
		u          *User
		read, link bool
	}{
		{"nobody", nil, false, false},
		{"admin", &User{Role: RoleAdmin}, true, true},
		{"coordinator", &User{Role: RoleCoordinator}, true, true},
		{"viewer", &User{Role: RoleViewer}, true, false},
		{"agency officer", &User{Role: RoleAgency, AgencyID: &agency}, true, false},
		{"cooperative", &User{Role: RoleCoop, OrganisationID: &org}, true, false},
		{"disabled coordinator", &User{Role: RoleCoordinator, Disabled: true}, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CanReadTargets(c.u); got != c.read {
				t.Errorf("read = %v, want %v", got, c.read)
			}
			if got := CanLinkTargets(c.u); got != c.link {
				t.Errorf("link = %v, want %v", got, c.link)
			}
		})
	}
}
