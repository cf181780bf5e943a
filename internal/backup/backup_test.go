package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// TestBackupUnderWriteLoad backs up while writers keep recording progress,
// restores the backup into a fresh database, and checks the result is one
// consistent moment: the same rows and checksums as the snapshot the
// backup reported, every write acknowledged before the backup began and
// none begun after it ended, tasks agreeing with their progress, an audit
// entry for every progress row, foreign keys whole; and the restored
// database takes new writes.
func TestBackupUnderWriteLoad(t *testing.T) {
	t.Parallel()
	faulttest.NeedBackupTools(t)
	ctx := context.Background()
	dsn, src := demoDB(t)
	tasks := taskIDs(t, src)
	// Evidence files make the copy take long enough for writes to land
	// while it runs (pg_dump, which compresses, needs less).
	if src.Dialect() == "postgres" {
		addEvidence(t, src, tasks[0], 2, 2<<20)
	} else {
		addEvidence(t, src, tasks[0], 4, 6<<20)
	}

	load := startLoad(src, tasks, 4, "load")
	load.waitAcked(t, 40)
	backupStart := time.Now()
	file := filepath.Join(t.TempDir(), "hoptac.backup")
	rep, err := backup.Backup(ctx, dsn, file, backup.Options{})
	backupEnd := time.Now()
	if err != nil {
		load.halt(t)
		t.Fatalf("backup under load: %v", err)
	}
	load.waitAcked(t, load.ackedCount()+40) // and the writers went on
	load.halt(t)

	if st, err := os.Stat(file); err != nil || st.Size() != rep.Size || rep.Size == 0 {
		t.Fatalf("backup file: %v, size %v, report says %d", err, st, rep.Size)
	}
	if rep.Rows("progress") <= 0 || rep.Rows("audit_log") <= 0 || rep.Rows("tasks") != int64(len(tasks)) {
		t.Errorf("report counts: progress %d, audit_log %d, tasks %d (want %d)",
			rep.Rows("progress"), rep.Rows("audit_log"), rep.Rows("tasks"), len(tasks))
	}

	target := faulttest.FreshDSN(t)
	rrep, err := backup.Restore(ctx, target, file, backup.Options{})
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	restored, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	sums, err := backup.Sums(ctx, restored.SQL(), restored.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	if d := backup.Diff(rep.Tables, sums); d != "" {
		t.Errorf("restored database differs from the backup's snapshot:\n%s", d)
	}
	if d := backup.Diff(rep.Tables, rrep.Tables); d != "" {
		t.Errorf("restore's report differs from the backup's:\n%s", d)
	}
	st := checkClean(t, "restored backup", restored)

	// One moment: everything acknowledged before, nothing begun after.
	got := notes(t, restored.SQL(), restored.Rebind, "load ")
	var before, after, during, inBackup int
	for note, at := range load.acked {
		if at.Before(backupStart) {
			before++
			if !got[note] {
				t.Errorf("write %q was acknowledged before the backup began but is not in it", note)
			}
		}
		if load.began[note].After(backupStart) && at.Before(backupEnd) {
			during++
		}
	}
	for note, at := range load.began {
		if at.After(backupEnd) {
			after++
			if got[note] {
				t.Errorf("write %q began after the backup ended but is in it", note)
			}
		}
	}
	for note := range got {
		if _, ok := load.began[note]; !ok {
			t.Errorf("backup holds a write nobody made: %q", note)
		}
		inBackup++
	}
	if before == 0 || after == 0 || during == 0 {
		t.Errorf("the load did not straddle the backup: %d writes before it, %d during, %d after", before, during, after)
	}

	// Every row the backup holds is the source's row, unchanged (progress
	// is append-only). On SQLite, with one writer at a time, ids are given
	// in commit order, so a snapshot holds exactly the first N.
	srcRows, bakRows := progressRows(t, src.SQL()), progressRows(t, restored.SQL())
	var maxID int64
	for id, r := range bakRows {
		if s, ok := srcRows[id]; !ok || s != r {
			t.Errorf("progress %d in the backup is %+v, in the source %+v", id, r, s)
		}
		maxID = max(maxID, id)
	}
	if src.Dialect() == "sqlite" {
		for id := range srcRows {
			if id <= maxID && bakRows[id] == (progressRow{}) {
				t.Errorf("progress %d committed before progress %d but is missing from the backup", id, maxID)
			}
		}
	}

	// The restored database goes on: new rows get new ids.
	pct := 55
	p := plan.Progress{TaskID: tasks[0], Status: plan.StatusInProgress, Percent: &pct, Note: "after restore"}
	if err := restored.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) }); err != nil {
		t.Fatalf("write to the restored database: %v", err)
	}
	if err := restored.Migrate(ctx); err != nil {
		t.Errorf("migrate the restored database: %v", err)
	}
	checkClean(t, "restored database after a write", restored)

	t.Logf("%s: backup %d bytes in %v under load; %d writes acknowledged in all, %d before the backup, "+
		"%d made while it ran, %d begun after; backup holds %d of them, %d progress rows, %d audit entries, %d tasks checked",
		src.Dialect(), rep.Size, rep.Duration.Round(time.Millisecond), len(load.acked), before, during, after, inBackup,
		st.Progress, st.Audit, st.TasksWithProgress)
}

// TestBackupRefusesToOverwrite keeps an existing file unless told.
func TestBackupRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	faulttest.NeedBackupTools(t)
	ctx := context.Background()
	dsn, _ := demoDB(t)
	file := filepath.Join(t.TempDir(), "b")
	if err := os.WriteFile(file, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := backup.Backup(ctx, dsn, file, backup.Options{})
	if !errors.Is(err, backup.ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("backup over a file: %v, want ErrExists naming --force", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "keep me" {
		t.Fatal("refused backup changed the file")
	}
	if _, err := backup.Backup(ctx, dsn, file, backup.Options{Force: true}); err != nil {
		t.Fatalf("backup --force: %v", err)
	}
	if _, err := backup.Backup(ctx, dsn, filepath.Join(t.TempDir(), "no", "such", "dir", "b"), backup.Options{}); !errors.Is(err, backup.ErrNotFound) {
		t.Errorf("backup into a missing folder: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("backup left files behind: %v", entries)
	}
}
