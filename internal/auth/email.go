package auth

import (
	"net/mail"
	"strings"
	"unicode"

	"github.com/hoptac/hoptac/internal/apperr"
)

// ValidateEmail checks an e-mail address before an account is created with
// it. It refuses what is not a bare address (no display name, no quotes),
// invisible characters, and letters of scripts that are not normally written
// together: "admin@exаmple.org" with a Cyrillic "а" reads as the real
// administrator's address but is another account. The errors are field
// errors on "email", ready for a form or the command line.
//
// Callers pass the address as it will be stored (see User.Normalize).
func ValidateEmail(addr string) error {
	fe := apperr.FieldErrors{}
	if !wellFormedEmail(addr) {
		fe.Add("email", "error.field.email")
	} else if mixedScript(addr) {
		fe.Add("email", "error.field.email_mixed_script")
	}
	return fe.Err()
}

// wellFormedEmail accepts one bare address, local@domain, made only of
// visible assigned characters: spaces, controls, invisible formatting,
// private-use and unassigned code points make two addresses look the same.
func wellFormedEmail(addr string) bool {
	for _, r := range addr {
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S) || r == unicode.ReplacementChar {
			return false
		}
	}
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Name != "" || a.Address != addr {
		return false
	}
	local, domain, ok := strings.Cut(addr, "@")
	return ok && local != "" && domain != "" && !strings.HasPrefix(domain, ".") &&
		!strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}

// allowedMixes are the script sets UTS #39 calls "highly restrictive": the
// only mixtures that are ordinary writing (Japanese, Chinese with Bopomofo,
// Korean, each with Latin). Any other mixture is refused.
var allowedMixes = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Bopomofo"},
	{"Latin", "Han", "Hangul"},
}

// mixedScript reports whether addr's letters come from scripts that are
// not written together. Digits, punctuation ("Common") and combining marks
// ("Inherited") belong to no script and never count; Vietnamese letters
// with their marks are Latin.
func mixedScript(addr string) bool {
	seen := map[string]bool{}
	for _, r := range addr {
		if s := scriptOf(r); s != "" {
			seen[s] = true
		}
	}
	if len(seen) <= 1 {
		return false
	}
	for _, mix := range allowedMixes {
		n := 0
		for _, s := range mix {
			if seen[s] {
				n++
			}
		}
		if n == len(seen) {
			return false
		}
	}
	return true
}

// scriptOf names r's Unicode script, or "" for Common and Inherited.
func scriptOf(r rune) string {
	if r < 0x80 {
		if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return "Latin"
		}
		return ""
	}
	if unicode.In(r, unicode.Common, unicode.Inherited) {
		return ""
	}
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return "Unknown"
}
