package planimport

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	e := &Error{Key: KeyEncoding, Detail: "VNI?", Line: 3}
	if !errors.Is(e, ErrEncoding) || errors.Is(e, ErrBinary) {
		t.Error("errors.Is by key")
	}
	if msg := e.Error(); !strings.Contains(msg, "VNI?") || !strings.HasSuffix(msg, "(dòng 3).") {
		t.Errorf("message = %q", msg)
	}
	if msg := e.In(i18n.English); !strings.Contains(msg, "VNI?") || !strings.HasSuffix(msg, "(line 3).") {
		t.Errorf("English message = %q", msg)
	}
	e.Lang = i18n.English
	if msg := e.Error(); !strings.HasPrefix(msg, "The file's character encoding") {
		t.Errorf("Error() with Lang en = %q", msg)
	}
	wrapped := fmt.Errorf("import: %w", &Error{Key: KeyEmpty})
	if !errors.Is(wrapped, ErrEmpty) {
		t.Error("wrapped")
	}
}
