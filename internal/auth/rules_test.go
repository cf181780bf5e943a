package auth

import (
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
)

func TestCheckNewPassword(t *testing.T) {
	for _, tt := range []struct {
		name, password, key string
	}{
		{"eleven characters", "abcdefghij1", "error.field.password_short"},
		{"eleven Vietnamese letters", strings.Repeat("đ", 11), "error.field.password_short"},
		{"twelve Vietnamese letters", strings.Repeat("đ", 12), ""},
		{"common", "password1234", "error.field.password_common"},
		{"common in capitals", "PASSWORD1234", "error.field.password_common"},
		{"common Vietnamese", "matkhau12345", "error.field.password_common"},
		{"lower-case letters only, long enough", "con ngua o ben song", ""},
		{"no composition rule", "aaaaaaaaaaab", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNewPassword(tt.password)
			got := apperr.As(err).Fields["password"]
			if err == nil {
				got = ""
			}
			if got != tt.key {
				t.Errorf("CheckNewPassword(%q) = %v, want field key %q", tt.password, err, tt.key)
			}
		})
	}
}

// Every listed password is at least MinPasswordLen long: a shorter one
// could never reach the list check, so listing it would be dead weight.
func TestCommonPasswordsAreLong(t *testing.T) {
	if len(commonPasswords()) < 50 {
		t.Fatalf("only %d common passwords", len(commonPasswords()))
	}
	for p := range commonPasswords() {
		if len([]rune(p)) < MinPasswordLen {
			t.Errorf("%q is shorter than %d", p, MinPasswordLen)
		}
	}
}

func TestRoleOptions(t *testing.T) {
	opts := RoleOptions(RoleAgency)
	if len(opts) != len(Roles()) {
		t.Fatalf("%d options for %d roles", len(opts), len(Roles()))
	}
	for _, o := range opts {
		if o.Selected != (o.Value == RoleAgency) {
			t.Errorf("option %s selected %v", o.Value, o.Selected)
		}
	}
}
