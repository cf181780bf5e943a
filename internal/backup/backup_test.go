package backup_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// needTools skips (or, under CI, fails) a PostgreSQL test without pg_dump
// and pg_restore.
func needTools(t *testing.T) {
	t.Helper()
	if storetest.Backend() != "postgres" {
		return
	}
	for _, name := range []string{"pg_dump", "pg_restore"} {
		if _, err := backup.FindTool(name); err != nil {
			faulttest.Need(t, "%v", err)
		}
	}
}

// demoDB returns the DSN of a fresh database holding the demo province,
// and the store open on it.
func demoDB(t *testing.T) (string, *store.DB) {
	t.Helper()
	ctx := context.Background()
	dsn := faulttest.FreshDSN(t)
	db := storetest.OpenAt(t, dsn)
	if _, err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	return dsn, db
}

func taskIDs(t *testing.T, db *store.DB) []int64 {
	t.Helper()
	rows, err := db.SQL().Query("SELECT id FROM tasks ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		t.Fatal("demo has no tasks")
	}
	return ids
}

// addEvidence records n progress entries on task, each with a file of size
// random bytes.
func addEvidence(t *testing.T, db *store.DB, task int64, n, size int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		data := make([]byte, size)
		rand.Read(data)
		f := &store.File{Name: fmt.Sprintf("minh-chung-%d.pdf", i), ContentType: "application/pdf", Data: data}
		p := plan.Progress{TaskID: task, Status: plan.StatusInProgress, Note: fmt.Sprintf("evidence %d", i)}
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, f) }); err != nil {
			t.Fatal(err)
		}
	}
}

// writeLoad records progress through the store from several goroutines
// until stopped, remembering when each write began and when it was
// acknowledged (its transaction committed).
type writeLoad struct {
	mu      sync.Mutex
	began   map[string]time.Time
	acked   map[string]time.Time
	errs    []error
	stop    chan struct{}
	wg      sync.WaitGroup
	tagBase string
}

// startLoad starts writers goroutines. Each owns its own tasks: concurrent
// writes to one task are the kill test's business; here a mismatch between
// a task and its progress can only mean an inconsistent backup.
func startLoad(db *store.DB, tasks []int64, writers int, tag string) *writeLoad {
	l := &writeLoad{began: map[string]time.Time{}, acked: map[string]time.Time{}, stop: make(chan struct{}), tagBase: tag}
	for w := range writers {
		var mine []int64
		for i, id := range tasks {
			if i%writers == w {
				mine = append(mine, id)
			}
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			ctx := context.Background()
			for seq := 0; ; seq++ {
				select {
				case <-l.stop:
					return
				default:
				}
				note := fmt.Sprintf("%s w%d-%d", tag, w, seq)
				p := progressFor(mine[seq%len(mine)], seq, note)
				began := time.Now()
				l.mu.Lock()
				l.began[note] = began
				l.mu.Unlock()
				err := db.Update(ctx, func(tx *store.Tx) error { return tx.RecordProgress(ctx, &p, nil) })
				l.mu.Lock()
				if err != nil {
					l.errs = append(l.errs, err)
				} else {
					l.acked[note] = time.Now()
				}
				l.mu.Unlock()
			}
		}()
	}
	return l
}

// progressFor varies the entries so every rule of RecordProgress is used:
// a percent, done (percent 100, done_on set), a note alone (status and
// percent carried over), back to not started.
func progressFor(task int64, seq int, note string) plan.Progress {
	p := plan.Progress{TaskID: task, Note: note}
	pct := (seq * 7) % 101
	switch seq % 5 {
	case 0, 1:
		p.Status, p.Percent = plan.StatusInProgress, &pct
	case 2:
		p.Status = plan.StatusDone
	case 3:
		// a note alone
	case 4:
		zero := 0
		p.Status, p.Percent = plan.StatusNotStarted, &zero
	}
	return p
}

func (l *writeLoad) ackedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

func (l *writeLoad) waitAcked(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for l.ackedCount() < n {
		if time.Now().After(deadline) {
			t.Fatalf("load made only %d writes in a minute", l.ackedCount())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (l *writeLoad) halt(t *testing.T) {
	t.Helper()
	close(l.stop)
	l.wg.Wait()
	for _, err := range l.errs {
		t.Errorf("write under load: %v", err)
	}
}

// notes returns the progress notes with prefix in a database.
func notes(t *testing.T, db *sql.DB, rebind func(string) string, prefix string) map[string]bool {
	t.Helper()
	rows, err := db.Query(rebind("SELECT note FROM progress WHERE note LIKE ?"), prefix+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[n] = true
	}
	return out
}

type progressRow struct {
	Task    int64
	Status  string
	Percent sql.NullInt64
	Note    string
	Created string
}

func progressRows(t *testing.T, db *sql.DB) map[int64]progressRow {
	t.Helper()
	rows, err := db.Query("SELECT id, task_id, status, percent, note, created_at FROM progress")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]progressRow{}
	for rows.Next() {
		var id int64
		var r progressRow
		if err := rows.Scan(&id, &r.Task, &r.Status, &r.Percent, &r.Note, &r.Created); err != nil {
			t.Fatal(err)
		}
		out[id] = r
	}
	return out
}

func checkClean(t *testing.T, what string, db *store.DB) faulttest.Stats {
	t.Helper()
	st, err := faulttest.Check(context.Background(), db.SQL(), db.Dialect())
	if err != nil {
		t.Fatalf("%s: check: %v", what, err)
	}
	for _, p := range st.Problems {
		t.Errorf("%s: %s", what, p)
	}
	return st
}

// TestBackupUnderWriteLoad backs up while writers keep recording progress,
// restores the backup into a fresh database, and checks the result is one
// consistent moment: the same rows and checksums as the snapshot the
// backup reported, every write acknowledged before the backup began and
// none begun after it ended, tasks agreeing with their progress, an audit
// entry for every progress row, foreign keys whole; and the restored
// database takes new writes.
func TestBackupUnderWriteLoad(t *testing.T) {
	needTools(t)
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
	needTools(t)
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

// TestRestoreRefusals: each bad input is refused with a message that says
// what is wrong, and the target is left alone.
func TestRestoreRefusals(t *testing.T) {
	needTools(t)
	ctx := context.Background()
	dsn, _ := demoDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.backup")
	if _, err := backup.Backup(ctx, dsn, good, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk")
	os.WriteFile(junk, []byte("this is not a database"), 0o600)
	foreign := foreignBackup(t, dir)

	tests := []struct {
		name, file string
		target     string // "" for a fresh database
		kind       error
		want       string
	}{
		{"missing file", filepath.Join(dir, "nope"), "", backup.ErrNotFound, "không tìm thấy tệp sao lưu"},
		{"not a backup", junk, "", backup.ErrNotBackup, "không phải"},
		{"other backend's backup", foreign, "", backup.ErrNotBackup, "không khôi phục vào"},
		{"target holds data", good, dsn, backup.ErrExists, "--force"},
	}
	if storetest.Backend() == "sqlite" {
		notHoptac := filepath.Join(dir, "other.db")
		o, err := sql.Open("sqlite", notHoptac)
		if err != nil {
			t.Fatal(err)
		}
		o.Exec("CREATE TABLE t (x)")
		o.Close()
		tests = append(tests, struct {
			name, file string
			target     string
			kind       error
			want       string
		}{"SQLite but not hoptac", notHoptac, "", backup.ErrNotBackup, "không phải bản sao lưu của hoptac"},
			struct {
				name, file string
				target     string
				kind       error
				want       string
			}{"damaged", corrupt(t, good, dir), "", backup.ErrIntegrity, "hỏng"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target
			if target == "" {
				target = faulttest.FreshDSN(t)
			}
			_, err := backup.Restore(ctx, target, tt.file, backup.Options{})
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("restore: %v; want %v with %q", err, tt.kind, tt.want)
			}
			if storetest.Backend() == "sqlite" && tt.target == "" {
				if _, err := os.Stat(target); err == nil {
					t.Errorf("refused restore created %s", target)
				}
			}
		})
	}
	entries, _ := os.ReadDir(filepath.Dir(backup.SQLitePath(dsn)))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("restore left %s behind", e.Name())
		}
	}
}

// foreignBackup makes a file of the other backend's kind.
func foreignBackup(t *testing.T, dir string) string {
	t.Helper()
	if storetest.Backend() == "sqlite" {
		p := filepath.Join(dir, "pg.dump")
		os.WriteFile(p, []byte("PGDMP\x01\x0e\x00\x04\x08\x01\x01"), 0o600)
		return p
	}
	p := filepath.Join(dir, "sqlite.db")
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec("CREATE TABLE t (x)")
	db.Close()
	return p
}

// corrupt copies a SQLite backup and scrambles a page in its middle.
func corrupt(t *testing.T, good, dir string) string {
	t.Helper()
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	pages := len(b) / page
	for p := pages / 3; p < pages/3+3 && p < pages; p++ {
		for i := p*page + 8; i < (p+1)*page; i += 7 {
			b[i] ^= 0x5a
		}
	}
	out := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(out, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRestoreRefusesOpenDatabase: replacing a database under a running
// server would split its writes between two files, so even --force does
// not.
func TestRestoreRefusesOpenDatabase(t *testing.T) {
	needTools(t)
	ctx := context.Background()
	dsn, db := demoDB(t)
	file := filepath.Join(t.TempDir(), "b")
	if _, err := backup.Backup(ctx, dsn, file, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().PingContext(ctx); err != nil { // the "server" holds a connection
		t.Fatal(err)
	}
	_, err := backup.Restore(ctx, dsn, file, backup.Options{Force: true})
	if !errors.Is(err, backup.ErrInUse) {
		t.Fatalf("restore over an open database: %v, want ErrInUse", err)
	}
	db.Close()
	// A PostgreSQL backend may take a moment to go once its client has.
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err = backup.Restore(ctx, dsn, file, backup.Options{Force: true})
		if !errors.Is(err, backup.ErrInUse) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("restore --force once closed: %v", err)
	}
}

// TestRestoreReplacesStaleLog: a write-ahead log left by the old database
// must not be replayed onto the restored one.
func TestRestoreReplacesStaleLog(t *testing.T) {
	if storetest.Backend() != "sqlite" {
		t.Skip("SQLite files only")
	}
	ctx := context.Background()
	dsn, db := demoDB(t)
	file := filepath.Join(t.TempDir(), "b")
	rep, err := backup.Backup(ctx, dsn, file, backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Leave the old database with a log full of later writes, as a crash
	// would: copy it aside while a writer holds it open.
	other, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	other.SQL().Exec("PRAGMA wal_autocheckpoint=0")
	tasks := taskIDs(t, other)
	l := startLoad(other, tasks, 2, "stale")
	l.waitAcked(t, 20)
	l.halt(t)
	wal, err := os.ReadFile(dsn + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no log to leave behind: %v", err)
	}
	other.Close()
	if err := os.WriteFile(dsn+"-wal", wal, 0o644); err != nil {
		t.Fatal(err)
	}

	if _, err := backup.Restore(ctx, dsn, file, backup.Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dsn + "-wal"); err == nil {
		t.Error("restore left the old -wal beside the new database")
	}
	restored, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	sums, err := backup.Sums(ctx, restored.SQL(), "sqlite")
	if err != nil {
		t.Fatal(err)
	}
	if d := backup.Diff(rep.Tables, sums); d != "" {
		t.Errorf("restored database is not the backup:\n%s", d)
	}
	checkClean(t, "restored over a stale log", restored)
}

func TestSums(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	exec := func(q string) {
		t.Helper()
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	exec("CREATE TABLE s_a (k TEXT, v BIGINT)")
	exec("CREATE TABLE s_b (k TEXT, v BIGINT)")
	exec("INSERT INTO s_a VALUES ('x', 1), ('y', NULL), ('z', 3)")
	exec("INSERT INTO s_b VALUES ('z', 3), ('x', 1), ('y', NULL)")
	sums, err := backup.Sums(ctx, db.SQL(), db.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) backup.TableSum {
		for _, s := range sums {
			if s.Name == name {
				return s
			}
		}
		t.Fatalf("no sum for %s in %v", name, sums)
		return backup.TableSum{}
	}
	a, b := get("s_a"), get("s_b")
	if a.Rows != 3 || a.Sum != b.Sum {
		t.Errorf("same rows in another order: %+v vs %+v", a, b)
	}
	exec("UPDATE s_b SET k = 'y' WHERE k = 'z'")
	exec("UPDATE s_b SET v = 3 WHERE v IS NULL")
	sums2, err := backup.Sums(ctx, db.SQL(), db.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	if d := backup.Diff(sums, sums2); !strings.Contains(d, "s_b: 3 rows as wanted, but their contents differ") {
		t.Errorf("Diff after a change = %q", d)
	}
}
