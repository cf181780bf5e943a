package backup

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A finished backup is readable by its owner only (it holds password
// hashes), takes its name only after its check passes, and reports its
// size; a failed check leaves no file under the name.
func TestKeepBackup(t *testing.T) {
	dir := t.TempDir()
	write := func(name string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("hoptac backup"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := filepath.Join(dir, "good.bak")
	var rep Report
	if err := keepBackup(&rep, write("good.tmp"), out, func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 || rep.Size != int64(len("hoptac backup")) {
		t.Errorf("mode %v, size %d; want 0600 and %d", st.Mode().Perm(), rep.Size, len("hoptac backup"))
	}

	bad := filepath.Join(dir, "bad.bak")
	refused := errors.New("damaged")
	if err := keepBackup(&Report{}, write("bad.tmp"), bad, func() error { return refused }); !errors.Is(err, refused) {
		t.Errorf("err = %v, want the check's", err)
	}
	if _, err := os.Stat(bad); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup that failed its check took its name: %v", err)
	}
}
