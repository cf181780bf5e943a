package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

var countLine = regexp.MustCompile(`(?m)^ {4}(\S+) +(\d+)$`)

// printedCounts reads the per-table row counts a backup or restore printed.
func printedCounts(out string) map[string]string {
	m := map[string]string{}
	for _, c := range countLine.FindAllStringSubmatch(out, -1) {
		m[c[1]] = c[2]
	}
	return m
}

// TestBackupAndRestoreCommands runs `hoptac backup` while writers record
// progress on the same database, then `hoptac restore` into a fresh one:
// both print the same row counts, the restored database is consistent and
// holds exactly the backup's rows, and a second restore needs --force.
func TestBackupAndRestoreCommands(t *testing.T) {
	t.Parallel()
	faulttest.NeedBackupTools(t)
	ctx := context.Background()
	dsn := faulttest.FreshDSN(t)
	db, _ := demoDB(t, dsn)
	defer db.Close()
	tasks := storetest.IDs(t, db, "SELECT id FROM tasks ORDER BY id")

	// Writers on their own tasks, as agencies using the server would.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writes atomic.Int64
	for w := range 3 {
		var mine []int64
		for i, id := range tasks {
			if i%3 == w {
				mine = append(mine, id)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seq := 0; ; seq++ {
				select {
				case <-stop:
					return
				default:
				}
				pct := seq % 101
				p := plan.Progress{TaskID: mine[seq%len(mine)], Status: plan.StatusInProgress, Percent: &pct,
					Note: fmt.Sprintf("cli-load %d-%d", w, seq)}
				if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) }); err != nil {
					t.Errorf("write: %v", err)
					return
				}
				writes.Add(1)
			}
		}()
	}
	for writes.Load() < 30 {
		time.Sleep(time.Millisecond)
	}
	file := filepath.Join(t.TempDir(), "hoptac-backup")
	// Flags after the file name work too.
	code, out, errOut := run(t, "", nil, "backup", file, "--db", dsn)
	close(stop)
	wg.Wait()
	if code != 0 {
		t.Fatalf("backup: code %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "Đã sao lưu") || !strings.Contains(out, "Kích thước") {
		t.Errorf("backup output %q", out)
	}
	backed := printedCounts(out)
	if backed["progress"] == "" || backed["audit_log"] == "" || backed["tasks"] != fmt.Sprint(len(tasks)) {
		t.Errorf("backup printed counts %v", backed)
	}
	if strings.Contains(out, "@") && storetest.Backend() == "postgres" {
		t.Errorf("backup output shows the connection URL: %q", out)
	}

	target := faulttest.FreshDSN(t)
	code, out, errOut = run(t, "", map[string]string{"HOPTAC_DB": target}, "restore", file)
	if code != 0 {
		t.Fatalf("restore: code %d, stderr %s", code, errOut)
	}
	restoredCounts := printedCounts(out)
	if fmt.Sprint(restoredCounts) != fmt.Sprint(backed) {
		t.Errorf("restore printed %v, backup printed %v", restoredCounts, backed)
	}
	restored, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	st, err := faulttest.Check(ctx, restored.SQL(), restored.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range st.Problems {
		t.Errorf("restored: %s", p)
	}
	if fmt.Sprint(st.Progress) != backed["progress"] || fmt.Sprint(st.Audit) != backed["audit_log"] {
		t.Errorf("restored holds %d progress and %d audit rows, backup printed %s and %s",
			st.Progress, st.Audit, backed["progress"], backed["audit_log"])
	}
	restored.Close()

	code, _, errOut = run(t, "", nil, "restore", "--db", target, file)
	if code != 1 || !strings.Contains(errOut, "đã có dữ liệu") || !strings.Contains(errOut, "--force") {
		t.Errorf("second restore: code %d, stderr %q; want a refusal naming --force", code, errOut)
	}
	if code, _, errOut = run(t, "", nil, "restore", "--db", target, "--force", file); code != 0 {
		t.Errorf("restore --force: code %d, stderr %s", code, errOut)
	}
	t.Logf("%s: %d writes during the command test; backup holds %s progress rows", db.Dialect(), writes.Load(),
		backed["progress"])
}

// TestBackupRestoreErrors: each mistake gets a Vietnamese line naming what
// is wrong.
func TestBackupRestoreErrors(t *testing.T) {
	t.Parallel()
	if storetest.Backend() != "sqlite" {
		t.Skip("file errors are the same on both backends; run on SQLite")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "hoptac.db")
	if code, _, errOut := run(t, "", nil, "migrate", "--db", dbPath); code != 0 {
		t.Fatal(errOut)
	}
	junk := filepath.Join(dir, "junk.bin")
	if err := os.WriteFile(junk, []byte("không phải CSDL"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"backup without a file", []string{"backup", "--db", dbPath}, "dùng: hoptac backup"},
		{"backup of a missing database", []string{"backup", "--db", filepath.Join(dir, "none.db"), filepath.Join(dir, "b")}, "không tìm thấy CSDL"},
		{"backup of a file that is not SQLite", []string{"backup", "--db", junk, filepath.Join(dir, "b")}, "không phải tệp CSDL SQLite"},
		{"restore without a file", []string{"restore", "--db", dbPath}, "dùng: hoptac restore"},
		{"restore of a missing file", []string{"restore", "--db", filepath.Join(dir, "new.db"), filepath.Join(dir, "nope")}, "không tìm thấy tệp sao lưu"},
		{"restore of a file that is not a backup", []string{"restore", "--db", filepath.Join(dir, "new.db"), junk}, "không phải tệp SQLite"},
		{"restore over data", []string{"restore", "--db", dbPath, dbPath}, "chính là CSDL đích"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, "", nil, tt.args...)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
		t.Error("a refused restore created the database")
	}
}
