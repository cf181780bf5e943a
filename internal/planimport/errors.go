package planimport

import (
	"fmt"
	"strings"
)

// Error is why a file could not be read at all. Key names the problem
// (see messages.go); Error() is its Vietnamese text. A file that can be
// read but has doubtful parts gives a Result with warnings instead.
type Error struct {
	Key    string // "import.error.empty", …
	Line   int    // 1-based line the problem is on; 0 when about the whole file
	Field  string // the part of the file concerned, when there is one
	Detail string // what was found: an encoding, a format, a size
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

func (e *Error) Error() string {
	msg := messageOf(e.Key)
	switch e.Key {
	case KeyTooLarge:
		msg = fmt.Sprintf(msg, e.Detail, MaxSize>>20)
	case KeyEncoding, KeyDocx, KeyUnsupported, KeyUnpacked:
		msg = fmt.Sprintf(msg, e.Detail)
	}
	if e.Line > 0 {
		msg = strings.TrimSuffix(msg, ".") + fmt.Sprintf(" (dòng %d).", e.Line)
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

func newError(key, detail string, cause error) *Error {
	return &Error{Key: key, Detail: detail, Err: cause}
}
