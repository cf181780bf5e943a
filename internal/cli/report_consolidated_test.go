package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportConsolidated: `hoptac report consolidated` writes the demo
// plan's report of 2026 in each format, and refuses a wrong format, a
// missing flag and a period without a schedule, writing nothing.
func TestReportConsolidated(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "cli.db")
	db, loaded := demoDB(t, dbPath)
	db.Close()
	env := map[string]string{"HOPTAC_DB": dbPath, "HOPTAC_LANG": "vi"}
	plan := fmt.Sprint(loaded.PlanID)
	magic := map[string][]byte{"docx": []byte("PK\x03\x04"), "xlsx": []byte("PK\x03\x04"), "pdf": []byte("%PDF-")}
	for _, f := range []string{"docx", "xlsx", "pdf"} {
		out := filepath.Join(dir, "bao-cao."+f)
		code, stdout, errOut := run(t, "", env, "report", "consolidated", "--plan", plan, "--period", "2026", "--format", f, "--out", out)
		if code != 0 {
			t.Fatalf("%s: code %d: %s", f, code, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, magic[f]) {
			t.Errorf("%s: the file is not a %s (%v)", f, f, err)
		}
		if !strings.Contains(stdout, "Đã ghi "+out) {
			t.Errorf("%s: stdout %q", f, stdout)
		}
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"bad format", []string{"--plan", plan, "--period", "2026", "--format", "doc", "--out", "X"}, "docx, xlsx hoặc pdf"},
		{"no out", []string{"--plan", plan, "--period", "2026", "--format", "pdf"}, "hoptac report consolidated --plan"},
		{"no schedule", []string{"--plan", plan, "--period", "2026-M01", "--format", "pdf", "--out", "X"}, "chưa có lịch báo cáo"},
		{"unknown plan", []string{"--plan", "99999", "--period", "2026", "--format", "pdf", "--out", "X"}, "Không tìm thấy"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "khong-ghi.pdf")
			args := append([]string{"report", "consolidated"}, tt.args...)
			for i, a := range args {
				if a == "X" {
					args[i] = out
				}
			}
			code, _, errOut := run(t, "", env, args...)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused run wrote the file")
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".consolidated-*"))
			if len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}
