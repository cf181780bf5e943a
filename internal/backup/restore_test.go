package backup_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestRestoreRefusals: each bad input is refused with a message that says
// what is wrong, and the target is left alone.
func TestRestoreRefusals(t *testing.T) {
	t.Parallel()
	faulttest.NeedBackupTools(t)
	ctx := context.Background()
	dsn, _ := demoDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.backup")
	if _, err := backup.Backup(ctx, dsn, good, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk")
	if err := os.WriteFile(junk, []byte("this is not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
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
		if _, err := o.Exec("CREATE TABLE t (x)"); err != nil {
			t.Fatal(err)
		}
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
			// The command line shows it in English to English readers.
			var l i18n.Localized
			if !errors.As(err, &l) {
				t.Fatalf("restore: %T cannot say itself in English", err)
			}
			if en := l.In(i18n.English); vietnameseRE.MatchString(en) || strings.Contains(en, "backup.error") {
				t.Errorf("restore, in English: %q", en)
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
		if err := os.WriteFile(p, []byte("PGDMP\x01\x0e\x00\x04\x08\x01\x01"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := filepath.Join(dir, "sqlite.db")
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
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
	// Every page of a stretch in the middle, headers included: a page
	// there may hold a B-tree, an overflow chain (its first bytes link the
	// chain) or the free list, and each must read as damaged.
	for p := pages / 3; p < pages/3+8 && p < pages; p++ {
		for i := p * page; i < (p+1)*page; i += 7 {
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
	t.Parallel()
	faulttest.NeedBackupTools(t)
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
	t.Parallel()
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
	if _, err := other.SQL().Exec("PRAGMA wal_autocheckpoint=0"); err != nil {
		t.Fatal(err)
	}
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

// vietnameseRE finds letters only Vietnamese uses.
var vietnameseRE = regexp.MustCompile(`[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ]`)
