package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const smallUnits = "../gen/testdata/units-small.json"

func TestGenRegister(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.csv")
	code, stdout, errOut := run(t, "", nil, "gen", "register", "--orgs", "50", "--years", "2", "--seed", "3",
		"--units", smallUnits, "--old-units", "../gen/testdata/units-small-old.json", "--mapping", "../gen/testdata/mapping-old-to-new.json", "--out", out)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "Đã ghi 50 tổ chức") {
		t.Errorf("stdout %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "Mã số HTX") || !strings.Contains(string(data), "Tổng cộng") {
		t.Fatalf("file: %v\n%.300s", err, data)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".register-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestGenRegisterErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--orgs", "5"}, "hoptac gen register"},
		{[]string{"--units", smallUnits}, "--out"},
		{[]string{"--units", filepath.Join(dir, "none.json"), "--out", filepath.Join(dir, "r.csv")}, "không đọc được danh sách đơn vị"},
		{[]string{"--units", smallUnits, "--years", "0", "--out", filepath.Join(dir, "r.csv")}, "hoptac gen register"},
		{[]string{"--units", smallUnits, "--mapping", filepath.Join(dir, "none.json"), "--out", filepath.Join(dir, "r.csv")}, "none.json"},
		{[]string{"--units", smallUnits, "--mapping", smallUnits, "--out", filepath.Join(dir, "r.csv")}, "không đọc được danh sách đơn vị"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, "", nil, append([]string{"gen", "register"}, tt.args...)...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: code %d, stderr %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
}
