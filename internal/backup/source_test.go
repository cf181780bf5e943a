package backup_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/store"
)

// TestRestoredCopyMatchesSource backs up a quiet database, restores it
// elsewhere, and compares every table of the source with the restored
// copy, rows and checksums. The other tests compare the copy with the
// backup's own report, which is read from the copy on SQLite: a backup
// that lost a table's rows would agree with itself. The table list comes
// from the databases' catalogs (sqlite_master, pg_tables), so a table
// added later is compared without a change here.
func TestRestoredCopyMatchesSource(t *testing.T) {
	t.Parallel()
	faulttest.NeedBackupTools(t)
	ctx := context.Background()
	dsn, src := demoDB(t)
	tasks := taskIDs(t, src)
	addEvidence(t, src, tasks[0], 1, 64<<10) // a file, so blobs are compared too
	fillEmptyTables(t, src)

	want, err := backup.Sums(ctx, src.SQL(), src.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]backup.TableSum{}
	var empty []string
	for _, s := range want {
		byName[s.Name] = s
		if s.Rows == 0 {
			empty = append(empty, s.Name)
		}
	}
	// A loss can only show in a table that has rows: every table must
	// have some, a new one too (give it a row in fillEmptyTables).
	if len(empty) > 0 {
		t.Errorf("%s: source tables with no rows, where a lost row could not show: %s", src.Dialect(), strings.Join(empty, ", "))
	}
	if byName["agency_aliases"].Rows == 0 {
		t.Error("the source has no agency_aliases table, or no rows in it")
	}

	file := filepath.Join(t.TempDir(), "hoptac.backup")
	rep, err := backup.Backup(ctx, dsn, file, backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	target := faulttest.FreshDSN(t)
	if _, err := backup.Restore(ctx, target, file, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	restored, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	got, err := backup.Sums(ctx, restored.SQL(), restored.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	if d := backup.Diff(want, got); d != "" {
		t.Errorf("restored copy differs from the source:\n%s", d)
	}
	if d := backup.Diff(want, rep.Tables); d != "" {
		t.Errorf("backup's report differs from the source:\n%s", d)
	}
	t.Logf("%s: %d tables compared with the source", src.Dialect(), len(want))
}

// fillEmptyTables gives a row to the tables the demo leaves empty: an API
// token, a session and a plan read but not yet confirmed.
func fillEmptyTables(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	var user int64
	if err := db.SQL().QueryRowContext(ctx, "SELECT MIN(id) FROM users").Scan(&user); err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.CreateToken(ctx, user); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, db.Rebind("INSERT INTO sessions (token_hash, data, expiry) VALUES (?, ?, ?)"),
		"phien-thu", []byte{0, 1, 2, 0xff}, int64(1893456000)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO pending_imports (id, user_id, source_name, result,
		source_lines, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`), "nhap-thu", user, "ke-hoach.txt",
		`{"tasks":[]}`, `["KẾ HOẠCH"]`, "2026-11-24T03:00:00Z", "2026-11-25T03:00:00Z"); err != nil {
		t.Fatal(err)
	}
}
