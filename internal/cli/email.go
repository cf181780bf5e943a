package cli

import (
	"unicode"

	"github.com/hoptac/hoptac/internal/apperr"
)

// scriptOf names the alphabet of a letter among those whose letters look
// alike: a Cyrillic "а" or a Greek "ο" passes for a Latin one on screen.
func scriptOf(r rune) string {
	switch {
	case unicode.Is(unicode.Latin, r):
		return "Latin"
	case unicode.Is(unicode.Cyrillic, r):
		return "Cyrillic"
	case unicode.Is(unicode.Greek, r):
		return "Greek"
	case unicode.Is(unicode.Armenian, r):
		return "Armenian"
	case unicode.Is(unicode.Cherokee, r):
		return "Cherokee"
	}
	return "other"
}

// checkEmailScript refuses an address whose letters come from more than
// one script, such as "admin@exаmple.org" with a Cyrillic "а": it would
// read as another account's address in every list and audit row.
// Vietnamese letters (ă, ơ, đ …) are all Latin and pass.
func checkEmailScript(email string) error {
	seen := ""
	for _, r := range email {
		if !unicode.IsLetter(r) {
			continue
		}
		script := scriptOf(r)
		if seen == "" {
			seen = script
		} else if script != seen {
			return apperr.FieldErrors{"email": "error.field.email"}.Err()
		}
	}
	return nil
}
