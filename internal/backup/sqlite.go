package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// SQLitePath returns the file a SQLite --db value names, read the way
// store.Open reads it.
func SQLitePath(dsn string) string {
	p := strings.TrimPrefix(dsn, "sqlite://")
	p = strings.TrimPrefix(p, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}

// sqliteURI makes a driver DSN for a file path: the path goes into a file:
// URI, so the characters URIs give meaning to are escaped.
func sqliteURI(path string, params string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")
	return "file:" + r.Replace(path) + "?" + params
}

func backupSQLite(ctx context.Context, dsn, file string, opt Options) (Report, error) {
	rep := Report{Dialect: "sqlite"}
	src, err := filepath.Abs(SQLitePath(dsn))
	if err != nil {
		return rep, err
	}
	switch kind, err := fileKind(src); {
	case errors.Is(err, os.ErrNotExist):
		return rep, fail(ErrNotFound, nil, "backup.error.db_missing", src)
	case err != nil:
		return rep, fail(ErrNotFound, err, "backup.error.db_unreadable", src)
	case kind == "empty":
		return rep, fail(ErrNotBackup, nil, "backup.error.db_empty", src)
	case kind != "sqlite":
		return rep, fail(ErrNotBackup, nil, "backup.error.not_sqlite_db", src)
	}
	out, err := prepareOutput(file, opt)
	if err != nil {
		return rep, err
	}
	if out == src {
		return rep, fail(ErrExists, nil, "backup.error.same_as_db", src)
	}
	rep.File = out

	db, err := store.Open(ctx, src)
	if err != nil {
		return rep, i18n.Errorf(err, "backup.error.open", src)
	}
	defer db.Close()
	tmp := tempName(out)
	defer func() { _ = os.Remove(tmp) }() // a no-op once renamed
	// VACUUM INTO reads the database in one transaction, so the copy is a
	// snapshot of one moment; the file name is a bound parameter, never
	// spliced into SQL.
	if _, err := db.SQL().ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return rep, i18n.Errorf(err, "backup.error.vacuum", src)
	}
	db.Close()
	err = keepBackup(&rep, tmp, out, func() (err error) {
		rep.Tables, err = verifySQLite(ctx, tmp, out)
		return err
	})
	return rep, err
}

// verifySQLite checks a SQLite copy at path (named name in messages): its
// integrity, its foreign keys, and that it is a hoptac database. It
// returns its table sums.
func verifySQLite(ctx context.Context, path, name string) ([]TableSum, error) {
	switch kind, err := fileKind(path); {
	case err != nil:
		return nil, fail(ErrNotFound, err, "backup.error.unreadable", name)
	case kind != "sqlite":
		return nil, wrongKind(name, kind, "sqlite")
	}
	db, err := sql.Open("sqlite", sqliteURI(path, "_pragma=busy_timeout(10000)"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	problems, err := pragmaProblems(ctx, db, "integrity_check", func(rows *sql.Rows) (string, error) {
		var s string
		err := rows.Scan(&s)
		if s == "ok" {
			s = ""
		}
		return s, err
	})
	if err != nil {
		return nil, sqliteFail(err, name)
	}
	if len(problems) > 0 {
		return nil, fail(ErrIntegrity, nil, "backup.error.integrity",
			name, len(problems), firstLines(problems, 3))
	}
	problems, err = pragmaProblems(ctx, db, "foreign_key_check", func(rows *sql.Rows) (string, error) {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int64
		err := rows.Scan(&table, &rowid, &parent, &fkid)
		// Table and row → missing parent, the same in every language.
		return fmt.Sprintf("%s #%d → %s", table, rowid.Int64, parent), err
	})
	if err != nil {
		return nil, sqliteFail(err, name)
	}
	if len(problems) > 0 {
		return nil, fail(ErrIntegrity, nil, "backup.error.foreign_keys",
			name, len(problems), firstLines(problems, 3))
	}

	sums, err := Sums(ctx, db, "sqlite")
	if err != nil {
		return nil, sqliteFail(err, name)
	}
	if t := missingTable(sums); t != "" {
		return nil, fail(ErrNotBackup, nil, "backup.error.sqlite_not_hoptac", name, t)
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	return sums, nil
}

// pragmaProblems runs one of SQLite's checks and returns a line for each
// problem it reports; line turns a row into that line, or "" for a row
// that says all is well.
func pragmaProblems(ctx context.Context, db *sql.DB, pragma string, line func(*sql.Rows) (string, error)) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		s, err := line(rows)
		if err != nil {
			return nil, err
		}
		if s != "" {
			problems = append(problems, s)
		}
	}
	return problems, rows.Err()
}

// sqliteFail classifies an error SQLite gave while reading a copy.
func sqliteFail(err error, name string) error {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff {
		case 26: // SQLITE_NOTADB
			return fail(ErrNotBackup, err, "backup.error.sqlite_invalid", name)
		case 11: // SQLITE_CORRUPT
			return fail(ErrIntegrity, err, "backup.error.damaged", name)
		case 1: // SQLITE_ERROR: the search index's own check reports damage so
			if msg := err.Error(); strings.Contains(msg, "fts5 file format") || strings.Contains(msg, "malformed") {
				return fail(ErrIntegrity, err, "backup.error.damaged", name)
			}
		}
	}
	return fail(ErrIntegrity, err, "backup.error.check_failed", name)
}

func firstLines(lines []string, n int) string {
	if len(lines) > n {
		return strings.Join(lines[:n], "; ") + "; …"
	}
	return strings.Join(lines, "; ")
}

func restoreSQLite(ctx context.Context, dsn, file string, opt Options) (Report, error) {
	rep := Report{Dialect: "sqlite"}
	src, st, err := restoreSource(&rep, file, "sqlite")
	if err != nil {
		return rep, err
	}
	// A database file with a write-ahead log beside it is a live database,
	// not a backup: without the log its pages may be half checkpointed.
	if wal, err := os.Stat(src + "-wal"); err == nil && wal.Size() > 0 {
		return rep, fail(ErrNotBackup, nil, "backup.error.live_db",
			src, filepath.Base(src)+"-wal")
	}

	target, err := filepath.Abs(SQLitePath(dsn))
	if err != nil {
		return rep, err
	}
	dir := filepath.Dir(target)
	if d, err := os.Stat(dir); err != nil || !d.IsDir() {
		return rep, fail(ErrNotFound, nil, "backup.error.target_folder_missing", dir)
	}
	mode := os.FileMode(0o600)
	if tst, err := os.Stat(target); err == nil {
		mode = tst.Mode().Perm()
		if os.SameFile(st, tst) {
			return rep, fail(ErrExists, nil, "backup.error.backup_is_target", src)
		}
		if tst.Size() > 0 {
			if !opt.Force {
				return rep, fail(ErrExists, nil, "backup.error.target_has_data", target, tst.Size())
			}
			if err := checkNotInUse(ctx, target); err != nil {
				return rep, err
			}
		}
	}

	tmp := tempName(target)
	defer func() {
		for _, s := range []string{"", "-wal", "-shm", "-journal"} {
			_ = os.Remove(tmp + s) // no-ops once renamed
		}
	}()
	if err := copyFile(src, tmp, mode); err != nil {
		return rep, i18n.Errorf(err, "backup.error.copy", src, dir)
	}
	// The copy is what gets installed, so the copy is what gets checked.
	rep.Tables, err = verifySQLite(ctx, tmp, src)
	if err != nil {
		return rep, err
	}
	// A log left by the old database would be replayed onto the new one, so
	// it goes before the new file takes the name.
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(target + s); err != nil && !errors.Is(err, os.ErrNotExist) {
			return rep, i18n.Errorf(err, "backup.error.remove_old", target+s)
		}
	}
	if err := install(tmp, target); err != nil {
		return rep, err
	}
	return rep, nil
}

// checkNotInUse refuses a database another process has open, such as a
// running server: renaming a file under it would split its writes between
// the old file and the new. An open SQLite connection in WAL mode holds a
// shared lock for as long as it is open, so an exclusive lock fails at once.
// (A server whose pool has closed every idle connection holds no lock, but
// it then also has nothing to lose: its next connection opens the new file.)
func checkNotInUse(ctx context.Context, path string) error {
	if kind, err := fileKind(path); err != nil || kind != "sqlite" {
		return nil // not a database: nothing can have it open as one
	}
	db, err := sql.Open("sqlite", sqliteURI(path, "_pragma=busy_timeout(0)"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA locking_mode=EXCLUSIVE"); err != nil {
		return nil
	}
	_, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE")
	var coded interface{ Code() int }
	if errors.As(err, &coded) && coded.Code()&0xff == 5 { // SQLITE_BUSY
		return fail(ErrInUse, nil, "backup.error.sqlite_in_use", path)
	}
	if err == nil {
		_, _ = conn.ExecContext(ctx, "ROLLBACK") // only probed for the lock; the connection is closed next
	}
	return nil // a damaged file is what --force is for
}

// copyFile copies src to a new file dst and syncs it.
func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }() // read only: nothing to flush
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return errors.Join(err, out.Close())
	}
	if err := out.Sync(); err != nil {
		return errors.Join(err, out.Close())
	}
	return out.Close()
}
