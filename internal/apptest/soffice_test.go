package apptest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// A CSV comes back from LibreOffice as an HTML table: the helper hands
// back the converted file, not the one it was given.
func TestLibreOffice(t *testing.T) {
	got := LibreOffice(t, "bang.csv", []byte("Ten,So\nHTX Dong Thap,17\n"), "html:HTML (StarCalc)")
	s := string(got)
	if !strings.Contains(s, "<table") || !strings.Contains(s, "HTX Dong Thap") || !strings.Contains(s, "17") {
		t.Fatalf("converted file:\n%.400s", got)
	}
}

// Tool finds a program on the PATH, and otherwise stops the test (a skip,
// or a failure under CI) naming the program.
func TestTool(t *testing.T) {
	if got := Tool(t, "sh"); !strings.HasSuffix(got, "/sh") {
		t.Errorf("Tool(sh) = %q", got)
	}
	t.Setenv("CI", "true")
	f := &toolTB{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); Tool(f, "no-such-program-hoptac") }()
	<-done
	if !f.failed || !strings.Contains(f.msg, "no-such-program-hoptac") {
		t.Errorf("missing program under CI: failed %v, %q", f.failed, f.msg)
	}
}

// toolTB records a Fatalf and stops the goroutine, as testing.T does.
type toolTB struct {
	testing.TB
	failed bool
	msg    string
}

func (f *toolTB) Helper() {}
func (f *toolTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
