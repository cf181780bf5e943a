package plan

import (
	"strings"

	"github.com/hoptac/hoptac/internal/vntext"
)

// HasForbiddenRune reports whether s holds a character that must not reach
// a stored plan: any rune the input boundary forbids (vntext.Forbidden:
// control characters, bidirectional overrides and isolates, which can
// disguise what a task says, and noncharacters) or bytes that are not
// UTF-8, and a line break in a one-line field.
func HasForbiddenRune(s string, multiline bool) bool {
	if vntext.Check(s) != nil {
		return true
	}
	return !multiline && strings.ContainsAny(s, "\n\r")
}
