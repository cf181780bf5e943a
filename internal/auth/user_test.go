package auth

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
)

// Validate names every wrong field of an account at once.
func TestUserValidate(t *testing.T) {
	agency := int64(3)
	for _, c := range []struct {
		name string
		u    User
		want map[string]string // field → message key; nil when valid
	}{
		{"officer", User{Email: "a@tinh.gov.vn", Name: "Nguyễn Văn A", Role: RoleAgency, AgencyID: &agency}, nil},
		{"viewer", User{Email: "ld@tinh.gov.vn", Name: "Lãnh đạo", Role: RoleViewer}, nil},
		{"everything wrong", User{Email: "không-phải-thư", Role: "boss"},
			map[string]string{"email": "error.field.email", "name": "error.field.required", "role": "error.field.role"}},
		{"officer without agency", User{Email: "b@tinh.gov.vn", Name: "B", Role: RoleAgency},
			map[string]string{"agency": "error.field.agency_required"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.u.Validate()
			if c.want == nil {
				if err != nil {
					t.Fatalf("valid account refused: %v", err)
				}
				return
			}
			e := apperr.As(err)
			if e == nil || len(e.Fields) != len(c.want) {
				t.Fatalf("err = %v, want fields %v", err, c.want)
			}
			for f, k := range c.want {
				if e.Fields[f] != k {
					t.Errorf("field %s: %q, want %q", f, e.Fields[f], k)
				}
			}
		})
	}
}

// Normalize lower-cases the address and cleans both texts, so that one
// person cannot hold two accounts by case or stray spaces.
func TestUserNormalize(t *testing.T) {
	u := User{Email: "  An.Nguyen@Tinh.GOV.vn ", Name: "  Nguyễn   Văn An "}
	u.Normalize()
	if u.Email != "an.nguyen@tinh.gov.vn" || strings.TrimSpace(u.Name) != u.Name || !strings.HasPrefix(u.Name, "Nguyễn") {
		t.Errorf("normalized %q, %q", u.Email, u.Name)
	}
}

// The acting user travels in the context; none means anonymous. The
// password hash never leaves in JSON.
func TestUserContextAndJSON(t *testing.T) {
	if UserFrom(context.Background()) != nil {
		t.Error("a bare context has a user")
	}
	u := &User{ID: 7, Email: "a@b.vn", PasswordHash: "$argon2id$secret"}
	if got := UserFrom(WithUser(context.Background(), u)); got != u {
		t.Errorf("UserFrom = %+v", got)
	}
	b, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "argon2id") || strings.Contains(string(b), "secret") {
		t.Errorf("JSON carries the password hash: %s", b)
	}
	for _, r := range Roles() {
		if !r.Valid() {
			t.Errorf("role %q listed but not valid", r)
		}
	}
	if Role("").Valid() || Role("root").Valid() {
		t.Error("an unknown role is valid")
	}
}
