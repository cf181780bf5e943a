// Package seeds finds the real plans that hoptac's tests read at run time:
// ../shared/seeds beside the repository. They are never copied into it.
package seeds

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the seeds folder. Without it a test fails under CI (which
// runs with shared/ beside the clone) and is skipped elsewhere, saying why.
func Dir(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if ok {
		for d := filepath.Dir(file); filepath.Dir(d) != d; d = filepath.Dir(d) {
			cand := filepath.Join(d, "shared", "seeds")
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				return cand
			}
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("shared/seeds not found beside the repository; CI must run with shared/ beside the clone")
	}
	t.Skip("shared/seeds not found beside the repository")
	return ""
}

// Path returns the path of one seed file.
func Path(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(Dir(t), name)
}

// Read returns one seed file's bytes.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(Path(t, name))
	if err != nil {
		t.Fatalf("read seed %s: %v", name, err)
	}
	return data
}
