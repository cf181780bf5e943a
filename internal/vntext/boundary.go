package vntext

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Every text that enters hoptac passes one boundary with two policies:
//
//   - Line and Text refuse. They serve what a person typed or sent (HTML
//     forms, JSON bodies): a field-named error tells them to remove the
//     character, and nothing is silently changed behind their back.
//   - Normalize and Clean strip. They serve imported files and other text
//     nobody can retype (a Word export with a stray control, a PDF copy with
//     a direction mark): the character goes, the import goes on.
//
// Both policies forbid the same runes (Forbidden), so no path stores a NUL,
// a bidirectional override or a noncharacter.

// ErrForbidden is what Line and Text report for a forbidden rune or for
// bytes that are not UTF-8; match it with errors.Is.
var ErrForbidden = errors.New("vntext: forbidden character")

// ForbiddenError names the offending rune and its byte offset, for logs.
type ForbiddenError struct {
	Rune   rune // utf8.RuneError for invalid UTF-8
	Offset int
}

func (e *ForbiddenError) Error() string {
	return fmt.Sprintf("vntext: forbidden character %U at byte %d", e.Rune, e.Offset)
}

func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// Forbidden reports whether r may never be stored: C0 controls other than
// tab, line feed and carriage return; DEL and the C1 controls; the
// bidirectional marks, embeddings, overrides and isolates, which can make
// text read differently from what it holds ("Trojan Source"); and the
// Unicode noncharacters. None has a use in Vietnamese administrative text.
func Forbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r < 0x7F:
		return false
	case r <= 0x9F: // DEL and C1
		return true
	case r == 0x061C, r == 0x200E, r == 0x200F: // ALM, LRM, RLM
		return true
	case 0x202A <= r && r <= 0x202E: // LRE, RLE, PDF, LRO, RLO
		return true
	case 0x2066 <= r && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case 0xFDD0 <= r && r <= 0xFDEF:
		return true
	case r&0xFFFE == 0xFFFE && r <= utf8.MaxRune: // U+xFFFE, U+xFFFF in every plane
		return true
	}
	return false
}

// check finds the first forbidden rune or invalid UTF-8 sequence in s.
func check(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if Forbidden(rune(c)) {
				return &ForbiddenError{Rune: rune(c), Offset: i}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Forbidden(r) {
			return &ForbiddenError{Rune: r, Offset: i}
		}
		i += n
	}
	return nil
}

// Check reports the first forbidden rune in s, or invalid UTF-8, as an
// error matching ErrForbidden; nil when s may be stored as it is.
func Check(s string) error { return check(s) }

// Line is the boundary for a one-line field a person typed or sent (a
// name, a URL): it refuses forbidden runes, then returns s as Clean does:
// NFC, invisible characters removed, whitespace collapsed and trimmed.
func Line(s string) (string, error) {
	if err := check(s); err != nil {
		return "", err
	}
	return Clean(s), nil
}

// textBreaks unifies line breaks; a textarea sends CRLF, a paste from a
// PDF may hold Unicode separators.
var textBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n")

// Text is the boundary for multi-line text a person typed or sent (a
// progress note): it refuses forbidden runes, then returns s in NFC with
// invisible characters removed, line breaks as "\n" and the whole trimmed;
// tabs and the lines' own indentation stay.
func Text(s string) (string, error) {
	if err := check(s); err != nil {
		return "", err
	}
	return strings.TrimSpace(textBreaks.Replace(Normalize(s))), nil
}
