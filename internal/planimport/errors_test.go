package planimport

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorMessages(t *testing.T) {
	e := &Error{Key: KeyEncoding, Detail: "VNI?", Line: 3}
	if !errors.Is(e, ErrEncoding) || errors.Is(e, ErrBinary) {
		t.Error("errors.Is by key")
	}
	if msg := e.Error(); !strings.Contains(msg, "VNI?") || !strings.HasSuffix(msg, "(dòng 3).") {
		t.Errorf("message = %q", msg)
	}
	wrapped := fmt.Errorf("import: %w", &Error{Key: KeyEmpty})
	if !errors.Is(wrapped, ErrEmpty) {
		t.Error("wrapped")
	}
}
