package auth

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/hoptac/hoptac/internal/apperr"
)

// commonPasswords are passwords people choose often enough that guessing
// them first pays; those shorter than MinPasswordLen are refused by length
// already, so the list holds the longer ones, including Vietnamese ones.
//
//go:embed common_passwords.txt
var commonPasswordList string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
})

// CheckNewPassword applies the rules of a password someone chooses or is
// given: at least MinPasswordLen characters and not a common password. No
// composition rules (NIST SP 800-63B §5.1.1.2): they make passwords harder
// to remember, not to guess. The error names the field "password".
func CheckNewPassword(password string) error {
	if len([]rune(password)) < MinPasswordLen {
		return apperr.FieldErrors{"password": "error.field.password_short"}.Err()
	}
	if IsCommonPassword(password) {
		return apperr.FieldErrors{"password": "error.field.password_common"}.Err()
	}
	return nil
}

// IsCommonPassword reports whether password is on the list, ignoring case.
func IsCommonPassword(password string) bool {
	return commonPasswords()[strings.ToLower(strings.TrimSpace(password))]
}
