package apptest

import (
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
