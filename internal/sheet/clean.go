package sheet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/vntext"
)

// clean is vntext.Clean, the same text for every input, without its cost
// on the cells a register is made of. Short ASCII text with nothing to
// trim, collapse or remove is returned as it is. Other text is
// normalised (NFC, invisible and forbidden runes dropped), which returns
// it without a copy when it is clean, and its spaces are collapsed only
// when a run, a tab or a trailing space calls for it: splitting every
// Vietnamese name and address into words and joining them again was half
// of what cleaning a register file cost.
func clean(s string) string {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 || c == 0x7f {
			return cleanText(s)
		}
		if c == ' ' && prevSpace {
			return vntext.Clean(s)
		}
		prevSpace = c == ' '
	}
	if prevSpace && s != "" {
		return vntext.Clean(s)
	}
	return s
}

// cleanText is vntext.Clean for text that is not plain ASCII.
func cleanText(s string) string {
	n := vntext.Normalize(s)
	if spacedOnce(n) {
		return n
	}
	return strings.Join(strings.Fields(n), " ")
}

// spacedOnce reports whether s has no white space but single plain
// spaces between words: what joining its fields with a space leaves as
// it is.
func spacedOnce(s string) bool {
	prevSpace := true // no space may lead
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case asciiSpace(c):
				return false
			default:
				prevSpace = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
