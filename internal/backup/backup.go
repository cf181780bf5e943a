// Package backup makes a consistent copy of a live hoptac database and puts
// one back.
//
// On SQLite a backup is `VACUUM INTO` a new file: one read transaction, so
// the copy is a snapshot of a single moment while the server keeps writing
// (WAL lets the writer go on). The copy is checked (integrity, foreign keys,
// hoptac's tables) before it gets its final name. A restore checks the
// backup the same way, writes it next to the database under a temporary
// name, syncs it and renames it into place.
//
// On PostgreSQL a backup is pg_dump's custom format, taken from a snapshot
// the backup exports, so the row counts it reports are those of the dump; a
// restore is pg_restore in one transaction.
package backup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/i18n"
)

// Options change what Backup and Restore may overwrite.
type Options struct {
	// Force lets Backup replace an existing file and Restore replace a
	// database that already holds data. It never lets Restore replace a
	// database another process has open.
	Force bool
}

// Report says what a backup or restore wrote.
type Report struct {
	Dialect  string // "sqlite" or "postgres"
	File     string // the backup file, absolute
	Size     int64  // its size in bytes
	Tables   []TableSum
	Duration time.Duration
}

// Rows returns the number of rows in table, or -1 if the report has none.
func (r Report) Rows(table string) int64 {
	for _, t := range r.Tables {
		if t.Name == table {
			return t.Rows
		}
	}
	return -1
}

// The kinds of failure, for errors.Is; the error's text is the message a
// user reads, in Vietnamese from Error() and in any language from In.
var (
	ErrNotFound  = errors.New("not found")        // the backup file, the database or a folder is missing
	ErrExists    = errors.New("exists")           // the target holds data and Force is not set
	ErrNotBackup = errors.New("not a backup")     // not a SQLite file / pg_dump archive, or not hoptac's
	ErrIntegrity = errors.New("integrity failed") // the copy is damaged or inconsistent
	ErrInUse     = errors.New("in use")           // another process has the target database open
	ErrTool      = errors.New("tool missing")     // pg_dump or pg_restore not installed
)

// Error is a failure of one of the kinds above, with its message, kept by
// key (internal/i18n) until the reader's language is known.
type Error struct {
	Kind error
	Msg  i18n.Message
	Err  error // the cause, if any
}

func (e *Error) Error() string { return e.In(i18n.Vietnamese) }

// In returns the message in lang, then the cause's.
func (e *Error) In(lang string) string {
	msg := i18n.Default().Render(lang, e.Msg)
	if e.Err != nil {
		msg += ": " + i18n.Describe(e.Err, lang)
	}
	return msg
}

func (e *Error) Is(target error) bool { return target == e.Kind }
func (e *Error) Unwrap() error        { return e.Err }

func fail(kind error, cause error, key string, args ...any) error {
	return &Error{Kind: kind, Msg: i18n.M(key, args...), Err: cause}
}

// DialectOf names the backend a --db value selects, by the same rule as
// store.Open: a postgres:// URL, or else a SQLite file.
func DialectOf(dsn string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "postgres"
	}
	return "sqlite"
}

// Backup writes a consistent copy of the database dsn names to file, while
// other processes go on writing to it.
func Backup(ctx context.Context, dsn, file string, opt Options) (Report, error) {
	return byDialect(ctx, dsn, file, opt, backupPostgres, backupSQLite)
}

// Restore replaces the database dsn names with the backup in file, after
// checking the backup.
func Restore(ctx context.Context, dsn, file string, opt Options) (Report, error) {
	return byDialect(ctx, dsn, file, opt, restorePostgres, restoreSQLite)
}

// operation is one backend's way to back up or restore.
type operation func(ctx context.Context, dsn, file string, opt Options) (Report, error)

// byDialect runs the PostgreSQL or the SQLite way of an operation, as dsn
// selects, and reports how long it took.
func byDialect(ctx context.Context, dsn, file string, opt Options, postgres, sqlite operation) (Report, error) {
	run := sqlite
	if DialectOf(dsn) == "postgres" {
		run = postgres
	}
	start := time.Now()
	rep, err := run(ctx, dsn, file, opt)
	rep.Duration = time.Since(start)
	return rep, err
}

// Magic numbers at the start of the two kinds of backup.
const (
	sqliteMagic = "SQLite format 3\x00"
	pgdumpMagic = "PGDMP"
)

// fileKind reads the start of a file: "sqlite", "pgdump", "empty" or
// "other".
func fileKind(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	switch {
	case n == 0:
		return "empty", nil
	case string(head) == sqliteMagic:
		return "sqlite", nil
	case strings.HasPrefix(string(head), pgdumpMagic):
		return "pgdump", nil
	}
	return "other", nil
}

// restoreSource starts a restore: the backup file must exist, be readable
// and be a backup of the kind (as fileKind names it) this backend takes.
// It records the file and its size in rep.
func restoreSource(rep *Report, file, want string) (string, os.FileInfo, error) {
	src, st, err := checkSource(file)
	if err != nil {
		return "", nil, err
	}
	rep.File, rep.Size = src, st.Size()
	kind, err := fileKind(src)
	if err != nil {
		return "", nil, fail(ErrNotFound, err, "backup.error.file_unreadable", src)
	}
	if kind != want {
		return "", nil, wrongKind(src, kind, want)
	}
	return src, st, nil
}

// wrongKind says why the file name, of kind, is not a backup the backend
// that takes want can restore: the other backend's backup is named as such,
// since that mistake is the likely one.
func wrongKind(name, kind, want string) error {
	switch {
	case want == "sqlite" && kind == "pgdump":
		return fail(ErrNotBackup, nil, "backup.error.postgres_into_sqlite", name)
	case want == "pgdump" && kind == "sqlite":
		return fail(ErrNotBackup, nil, "backup.error.sqlite_into_postgres", name)
	case want == "sqlite":
		return fail(ErrNotBackup, nil, "backup.error.not_backup", name)
	default:
		return fail(ErrNotBackup, nil, "backup.error.not_pg_dump", name)
	}
}

// checkSource checks that the backup file exists and is a regular file.
func checkSource(file string) (string, os.FileInfo, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", nil, err
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil, fail(ErrNotFound, nil, "backup.error.file_missing", abs)
	}
	if err != nil {
		return "", nil, fail(ErrNotFound, err, "backup.error.file_unreadable", abs)
	}
	if !st.Mode().IsRegular() {
		return "", nil, fail(ErrNotBackup, nil, "backup.error.file_not_regular", abs)
	}
	return abs, st, nil
}

// prepareOutput checks the backup's destination: its folder exists, and
// the file does not unless Force is set. It returns the absolute path.
func prepareOutput(file string, opt Options) (string, error) {
	if file == "" {
		return "", fail(ErrNotFound, nil, "backup.error.file_name_missing")
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return "", fail(ErrNotFound, nil, "backup.error.folder_missing", filepath.Dir(abs))
	}
	if st, err := os.Stat(abs); err == nil {
		if st.IsDir() {
			return "", fail(ErrExists, nil, "backup.error.file_is_folder", abs)
		}
		if !opt.Force {
			return "", fail(ErrExists, nil, "backup.error.file_exists", abs)
		}
	}
	return abs, nil
}

// tempName returns an unused name next to path, for a file that gets
// path's name only once it is complete and synced.
func tempName(path string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+hex.EncodeToString(b))
}

// syncFile flushes a file's contents to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return errors.Join(err, f.Close())
	}
	return f.Close()
}

// syncDir flushes a folder, so a rename in it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer func() { _ = d.Close() }() // opened only to Sync
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// keepBackup finishes a backup written to tmp: only its owner may read it
// (it holds password hashes and sessions), check must pass on it, and then
// it takes the name out. It records the backup's size in rep.
func keepBackup(rep *Report, tmp, out string, check func() error) error {
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	st, err := os.Stat(tmp)
	if err != nil {
		return err
	}
	rep.Size = st.Size()
	return install(tmp, out)
}

// install gives a complete temporary file its final name durably.
func install(tmp, final string) error {
	if err := syncFile(tmp); err != nil {
		return i18n.Errorf(err, "backup.error.sync_file", tmp)
	}
	if err := os.Rename(tmp, final); err != nil {
		return i18n.Errorf(err, "backup.error.rename", tmp, final)
	}
	if err := syncDir(filepath.Dir(final)); err != nil {
		return i18n.Errorf(err, "backup.error.sync_folder", filepath.Dir(final))
	}
	return nil
}

// requiredTables are the tables every hoptac database has; a file
// without them is some other program's database.
var requiredTables = []string{"goose_db_version", "plans", "tasks", "progress", "audit_log"}

func missingTable(tables []TableSum) string {
	have := map[string]bool{}
	for _, t := range tables {
		have[t.Name] = true
	}
	for _, n := range requiredTables {
		if !have[n] {
			return n
		}
	}
	return ""
}
