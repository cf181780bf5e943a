package planimport

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestMessages: every key has Vietnamese text, and formats take the
// arguments their callers give.
func TestMessages(t *testing.T) {
	for key, msg := range messages {
		if !strings.HasPrefix(key, "import.") || msg == "" || utf8.RuneCountInString(msg) == len(msg) {
			t.Errorf("%s: %q", key, msg)
		}
	}
	for _, e := range []*Error{ErrEmpty, ErrBinary, ErrTooLarge, ErrEncoding, ErrDocx, ErrUnsupported, ErrInternal, ErrUnpacked} {
		if msg := e.Error(); strings.Contains(msg, "%!") || strings.HasPrefix(msg, "import.") {
			t.Errorf("%s renders %q", e.Key, msg)
		}
	}
	if messageOf("import.nope") != "import.nope" {
		t.Error("missing key")
	}
}
