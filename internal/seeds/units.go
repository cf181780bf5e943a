package seeds

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The four administrative-unit files of ../shared/data/admin-units, as
// published (see its README); tests read them there, never a copy.
const (
	UnitsPre2025    = "units-pre-2025.json"
	Units2025       = "units-2025-07-01.json"
	UnitsOldToNew   = "mapping-old-to-new.json"
	UnitsNewToOld   = "mapping-new-to-old.json"
	adminUnitsShare = "data/admin-units"
)

// UnitFiles returns the paths of the four files, the lists first. Without
// the folder a test fails under CI and is skipped elsewhere, as with Dir.
func UnitFiles(t testing.TB) []string {
	t.Helper()
	dir := UnitsDir(t)
	var out []string
	for _, n := range []string{UnitsPre2025, Units2025, UnitsOldToNew, UnitsNewToOld} {
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

// UnitsDir returns ../shared/data/admin-units.
func UnitsDir(t testing.TB) string {
	t.Helper()
	if d := FindUnitsDir(); d != "" {
		return d
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("shared/data/admin-units not found beside the repository; CI must run with shared/ beside the clone")
	}
	t.Skip("shared/data/admin-units not found beside the repository")
	return ""
}

// FindUnitsDir looks for shared/data/admin-units above this source file,
// then above the working directory (a demo run from the repository);
// "" when there is none.
func FindUnitsDir() string {
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, start := range starts {
		for d := start; filepath.Dir(d) != d; d = filepath.Dir(d) {
			cand := filepath.Join(d, "shared", adminUnitsShare)
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				return cand
			}
		}
	}
	return ""
}
