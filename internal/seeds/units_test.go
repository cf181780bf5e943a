package seeds

import (
	"os"
	"testing"
)

// The unit files the tests rely on are where UnitFiles says.
func TestUnitFilesFound(t *testing.T) {
	for _, p := range UnitFiles(t) {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
}
