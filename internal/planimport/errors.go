package planimport

import (
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
)

// Error is why a file could not be read at all. Key names the problem
// (see messages.go); Error() is its text in Lang (Parse sets the reader's
// language from its context; Vietnamese when unset), In any language. A
// file that can be read but has doubtful parts gives a Result with
// warnings instead.
type Error struct {
	Key   string // "import.error.empty", …
	Line  int    // 1-based line the problem is on; 0 when about the whole file
	Field string // the part of the file concerned, when there is one
	// Detail is what was found: a string shown as it is (an encoding's
	// name, a size, a format), or an i18n.Message said in the reader's
	// language ("the archive is damaged").
	Detail any
	Lang   string // the language of Error(); "" is Vietnamese
	Err    error  // the cause, for logs; never shown
}

// Sentinels for errors.Is: an *Error matches a sentinel with the same Key.
var (
	ErrEmpty       = &Error{Key: KeyEmpty}
	ErrBinary      = &Error{Key: KeyBinary}
	ErrTooLarge    = &Error{Key: KeyTooLarge}
	ErrEncoding    = &Error{Key: KeyEncoding}
	ErrDocx        = &Error{Key: KeyDocx}
	ErrUnsupported = &Error{Key: KeyUnsupported}
	ErrInternal    = &Error{Key: KeyInternal}
	ErrUnpacked    = &Error{Key: KeyUnpacked}
)

func (e *Error) Error() string { return e.In(e.Lang) }

// In returns the error's text in lang.
func (e *Error) In(lang string) string {
	if lang == "" {
		lang = i18n.Vietnamese
	}
	detail := e.Detail
	if detail == nil {
		detail = ""
	}
	var msg string
	switch e.Key {
	case KeyTooLarge:
		msg = render(lang, e.Key, detail, MaxSize>>20)
	case KeyEncoding, KeyDocx, KeyUnsupported, KeyUnpacked:
		msg = render(lang, e.Key, detail)
	default:
		msg = render(lang, e.Key)
	}
	if e.Line > 0 {
		msg = render(lang, keyAtLine, strings.TrimSuffix(msg, "."), e.Line)
	}
	return msg
}

// Is makes errors.Is(err, ErrEncoding) true for every encoding error,
// whatever its detail.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Key == e.Key
}

func (e *Error) Unwrap() error { return e.Err }

func newError(key string, detail any, cause error) *Error {
	return &Error{Key: key, Detail: detail, Err: cause}
}
