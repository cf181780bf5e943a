package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

func TestGenPlans(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "gen.db")
	code, out, errOut := run(t, "", map[string]string{"HOPTAC_DB": dbPath}, "gen", "plans", "--plans", "2",
		"--tasks", "30", "--progress", "300", "--seed", "5", "--as-of", "2026-11-24", "--password", "")
	if code != 0 {
		t.Fatalf("gen: %d %s", code, errOut)
	}
	for _, want := range []string{"kế hoạch", "60 nhiệm vụ", "300", "tổng thời gian", "24/11/2026", "quá hạn"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Tài khoản thử tải") {
		t.Errorf("--password \"\" still announced accounts:\n%s", out)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for table, want := range map[string]int{"plans": 2, "tasks": 60, "progress": 300, "users": 0} {
		var n int
		if err := db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil || n != want {
			t.Errorf("%s: %d rows (%v), want %d", table, n, err, want)
		}
	}

	// A database with plans is refused unless --append says so.
	code, _, errOut = run(t, "", nil, "gen", "plans", "--db", dbPath, "--plans", "1", "--tasks", "5", "--progress", "5")
	if code != 1 || !strings.Contains(errOut, "--append") {
		t.Errorf("second gen without --append: code %d, stderr %q", code, errOut)
	}
	code, out, errOut = run(t, "", nil, "gen", "plans", "--db", dbPath, "--plans", "1", "--tasks", "5",
		"--progress", "5", "--password", "", "--append")
	if code != 0 || !strings.Contains(out, "0 mới") {
		t.Errorf("gen --append: code %d\n%s\n%s", code, out, errOut)
	}
	var plans int
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM plans").Scan(&plans); err != nil || plans != 3 {
		t.Errorf("%d plans after --append (%v), want 3", plans, err)
	}
}

func TestGenErrors(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "gen.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"gen"}, "hoptac gen plans"},
		{[]string{"gen", "tasks"}, "hoptac gen plans"},
		{[]string{"gen", "plans", "--db", dbPath, "--as-of", "24/11/2026"}, "--as-of"},
		{[]string{"gen", "plans", "--db", dbPath, "--plans", "-1"}, "không được âm"},
		{[]string{"gen", "plans", "--db", dbPath, "extra"}, "thừa tham số"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, "", nil, tt.args...)
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: code %d, stderr %q; want 1 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
