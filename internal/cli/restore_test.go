package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `hoptac restore` without a file, with two, or with one that is no
// backup refuses, says how to call it or what is wrong, and leaves the
// target database as it was (TestBackupAndRestoreCommands restores a real
// backup).
func TestRestoreRefusals(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.db")
	notBackup := filepath.Join(dir, "not-a-backup.zip")
	if err := os.WriteFile(notBackup, []byte("không phải bản sao lưu"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOPTAC_DB": target, "HOPTAC_LANG": "en"}
	for _, c := range []struct {
		name string
		args []string
		says string
	}{
		{"no file", []string{"restore"}, "usage: hoptac restore"},
		{"two files", []string{"restore", notBackup, notBackup}, "usage: hoptac restore"},
		{"missing file", []string{"restore", filepath.Join(dir, "missing.zip")}, "missing.zip not found"},
		{"not a backup", []string{"restore", notBackup}, "is neither a SQLite file nor a hoptac backup"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, "", env, c.args...)
			if code == 0 || !strings.Contains(errOut, c.says) {
				t.Errorf("code %d, stdout %q, stderr %q: want a refusal saying %q", code, out, errOut, c.says)
			}
			if strings.Contains(out, "restart") {
				t.Errorf("a refused restore says to restart: %q", out)
			}
		})
	}
	if info, err := os.Stat(target); err == nil && info.Size() > 0 {
		t.Errorf("a refused restore wrote %d bytes to the target", info.Size())
	}
}
