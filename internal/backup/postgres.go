package backup

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
)

// toolDirs are where PostgreSQL's client programs live when they are not on
// PATH: Debian and Ubuntu, RHEL, source builds, Homebrew, Postgres.app.
var toolDirs = []string{
	"/usr/lib/postgresql/*/bin",
	"/usr/pgsql-*/bin",
	"/usr/local/pgsql/bin",
	"/opt/homebrew/opt/postgresql*/bin",
	"/usr/local/opt/postgresql*/bin",
	"/Applications/Postgres.app/Contents/Versions/*/bin",
}

// FindTool returns the path of pg_dump or pg_restore: the one on PATH, or
// else the newest in the usual install folders (a newer pg_dump reads
// older servers; an older one refuses newer servers).
func FindTool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	var found []string
	for _, dir := range toolDirs {
		m, _ := filepath.Glob(filepath.Join(dir, name))
		for _, p := range m {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o111 != 0 {
				found = append(found, p)
			}
		}
	}
	if len(found) == 0 {
		return "", fail(ErrTool, nil, "backup.error.tool_missing", name, name)
	}
	sort.SliceStable(found, func(i, j int) bool { return versionOf(found[i]) > versionOf(found[j]) })
	return found[0], nil
}

var versionRE = regexp.MustCompile(`\d+(\.\d+)?`)

// versionOf reads the version number in the name of the folder holding
// bin (16, pgsql-16, postgresql@16), times 1000 so 9.6 sorts below 10.
func versionOf(path string) int {
	m := versionRE.FindString(filepath.Base(filepath.Dir(filepath.Dir(path))))
	if m == "" {
		return 0
	}
	major, minor, _ := strings.Cut(m, ".")
	a, _ := strconv.Atoi(major)
	b, _ := strconv.Atoi(minor)
	return a*1000 + b
}

// libpqTarget turns a postgres:// URL into what pg_dump and pg_restore take,
// with the password moved into the environment so it does not show in the
// process list.
func libpqTarget(dsn string) (string, []string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, i18n.Errorf(err, "backup.error.postgres_url")
	}
	env := os.Environ()
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
	}
	return u.String(), env, nil
}

// runTool runs a PostgreSQL client program and returns its standard output.
func runTool(ctx context.Context, path string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 2000 {
			msg = msg[:2000] + " …"
		}
		if msg == "" {
			msg = err.Error()
		}
		return stdout.Bytes(), i18n.Errorf(nil, "backup.error.tool_failed", filepath.Base(path), msg)
	}
	return stdout.Bytes(), nil
}

func backupPostgres(ctx context.Context, dsn, file string, opt Options) (Report, error) {
	rep := Report{Dialect: "postgres"}
	pgDump, err := FindTool("pg_dump")
	if err != nil {
		return rep, err
	}
	pgRestore, err := FindTool("pg_restore")
	if err != nil {
		return rep, err
	}
	out, err := prepareOutput(file, opt)
	if err != nil {
		return rep, err
	}
	rep.File = out
	target, env, err := libpqTarget(dsn)
	if err != nil {
		return rep, err
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return rep, i18n.Errorf(err, "backup.error.connect")
	}
	defer db.Close()

	// The backup's own transaction exports its snapshot to pg_dump, so the
	// counts below are those of the dump, not of a moment later.
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return rep, i18n.Errorf(err, "backup.error.connect")
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return rep, i18n.Errorf(err, "backup.error.begin")
	}
	defer tx.Rollback()
	var snapshot string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshot); err != nil {
		return rep, i18n.Errorf(err, "backup.error.snapshot")
	}
	tables, err := tableNames(ctx, tx, "postgres")
	if err != nil {
		return rep, err
	}
	if t := missingTable(namesOnly(tables)); t != "" {
		return rep, fail(ErrNotBackup, nil, "backup.error.not_hoptac_db", t)
	}

	tmp := tempName(out)
	defer func() { _ = os.Remove(tmp) }() // a no-op once renamed
	if _, err := runTool(ctx, pgDump, env, "--format=custom", "--snapshot="+snapshot, "--file="+tmp,
		"--dbname="+target); err != nil {
		return rep, i18n.Errorf(err, "backup.error.pg_dump")
	}
	if rep.Tables, err = Sums(ctx, tx, "postgres"); err != nil {
		return rep, err
	}
	tx.Rollback()
	conn.Close()

	err = keepBackup(&rep, tmp, out, func() error { return checkArchive(ctx, pgRestore, tmp, out) })
	return rep, err
}

func namesOnly(names []string) []TableSum {
	out := make([]TableSum, len(names))
	for i, n := range names {
		out[i].Name = n
	}
	return out
}

// tocTable matches a table's line in pg_restore --list: "215; 1259 16390
// TABLE public audit_log postgres".
var tocTable = regexp.MustCompile(`(?m)^\d+; \d+ \d+ TABLE \S+ (\S+) `)

// checkArchive reads an archive's table of contents, which pg_restore can
// only do for a whole, readable custom-format file, and checks that it
// holds hoptac's tables.
func checkArchive(ctx context.Context, pgRestore, path, name string) error {
	toc, err := runTool(ctx, pgRestore, os.Environ(), "--list", path)
	if err != nil {
		return fail(ErrIntegrity, err, "backup.error.toc_unreadable", name)
	}
	var tables []TableSum
	for _, m := range tocTable.FindAllStringSubmatch(string(toc), -1) {
		tables = append(tables, TableSum{Name: m[1]})
	}
	if t := missingTable(tables); t != "" {
		return fail(ErrNotBackup, nil, "backup.error.postgres_not_hoptac", name, t)
	}
	return nil
}

func restorePostgres(ctx context.Context, dsn, file string, opt Options) (Report, error) {
	rep := Report{Dialect: "postgres"}
	src, _, err := restoreSource(&rep, file, "pgdump")
	if err != nil {
		return rep, err
	}
	pgRestore, err := FindTool("pg_restore")
	if err != nil {
		return rep, err
	}
	if err := checkArchive(ctx, pgRestore, src, src); err != nil {
		return rep, err
	}
	target, env, err := libpqTarget(dsn)
	if err != nil {
		return rep, err
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return rep, fail(ErrNotFound, err, "backup.error.target_unreachable")
	}
	defer db.Close()
	if err := checkTargetPostgres(ctx, db.SQL(), opt); err != nil {
		return rep, err
	}
	// One transaction: a restore that fails part way leaves the database as
	// it was.
	if _, err := runTool(ctx, pgRestore, env, "--clean", "--if-exists", "--no-owner", "--single-transaction",
		"--exit-on-error", "--dbname="+target, src); err != nil {
		return rep, i18n.Errorf(err, "backup.error.pg_restore")
	}
	// pg_restore does not gather planner statistics; without them the
	// first queries on a large restored database plan badly.
	if _, err := db.SQL().ExecContext(ctx, "ANALYZE"); err != nil {
		return rep, i18n.Errorf(err, "backup.error.analyze")
	}
	if rep.Tables, err = Sums(ctx, db.SQL(), "postgres"); err != nil {
		return rep, err
	}
	return rep, nil
}

// checkTargetPostgres refuses a database that holds data unless opt.Force
// is set, and one that other clients are connected to.
func checkTargetPostgres(ctx context.Context, db *sql.DB, opt Options) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var name string
	if err := conn.QueryRowContext(ctx, `SELECT current_database()`).Scan(&name); err != nil {
		return i18n.Errorf(err, "backup.error.target_check")
	}
	if !opt.Force {
		tables, err := tableNames(ctx, conn, "postgres")
		if err != nil {
			return err
		}
		for _, t := range tables {
			if t == "goose_db_version" {
				continue // a migrated, empty database is empty
			}
			var n int64
			if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(t)).Scan(&n); err != nil {
				return i18n.Errorf(err, "backup.error.target_check")
			}
			if n > 0 {
				return fail(ErrExists, nil, "backup.error.target_has_rows", name, t, n)
			}
		}
	}
	var others int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
		AND pid <> pg_backend_pid() AND backend_type = 'client backend'`).Scan(&others); err != nil {
		return i18n.Errorf(err, "backup.error.target_check")
	}
	if others > 0 {
		return fail(ErrInUse, nil, "backup.error.postgres_in_use", name, others)
	}
	return nil
}
