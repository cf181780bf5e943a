package coop

import "strings"

// A registration code (mã số HTX, which is also the tax code) is 10
// digits; a branch or other dependent unit adds a 3-digit suffix after a
// hyphen, as tax codes are written: 2800123456-001. Codes are text, never
// numbers: many start with 0 (Hà Nội's begin 01).
//
// NormalizeCode accepts the suffix with or without its hyphen, because
// spreadsheets and older registers write both (2800123456001), and
// surrounding or inner spaces, which copying from Word leaves. It returns
// the one stored form, with the hyphen, and false for anything else: a
// code of another length, a letter, a suffix 000 (branches are numbered
// from 001), or a code of ten zeros.
func NormalizeCode(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), "")
	base, suffix, hyphen := strings.Cut(s, "-")
	if !hyphen && len(s) == 13 {
		base, suffix = s[:10], s[10:]
	}
	if len(base) != 10 || !digits(base) || base == "0000000000" {
		return "", false
	}
	if !hyphen && len(s) == 10 {
		return base, true
	}
	if len(suffix) != 3 || !digits(suffix) || suffix == "000" {
		return "", false
	}
	return base + "-" + suffix, true
}

// ValidCode reports whether s is a registration code in its stored form.
func ValidCode(s string) bool {
	n, ok := NormalizeCode(s)
	return ok && n == s
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
