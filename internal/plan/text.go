package plan

// HasForbiddenRune reports whether s holds a character that must not reach
// a stored plan: NUL and the other C0 and C1 control characters (tab and,
// when multiline, newline and carriage return excepted), and the bidi
// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069),
// which make text display in an order other than the one stored and can
// disguise what a task says. Invalid UTF-8 counts too.
//
// It is the one check the import confirm uses; when vntext gains a shared
// text-cleaning boundary this should become a call to it.
func HasForbiddenRune(s string, multiline bool) bool {
	for _, r := range s {
		switch {
		case r == '\t':
		case (r == '\n' || r == '\r') && multiline:
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			return true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return true
		case r == 0xfffd:
			return true // what range yields for invalid UTF-8
		}
	}
	return false
}
