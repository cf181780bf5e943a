// Package store keeps hoptac's data in SQLite or PostgreSQL through one
// database/sql path. Each entity has its own file; every change runs in a
// transaction that also writes the audit log.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/lru"
	"github.com/hoptac/hoptac/internal/plan"
)

// DB is the store. It is safe for concurrent use.
type DB struct {
	sql *sql.DB
	// w runs write transactions. On SQLite it is a pool of one
	// connection: writers queue in Go and start the moment the last one
	// commits, where on a shared pool they would meet SQLITE_BUSY and sleep
	// in the busy handler's steps (up to 100 ms each). On PostgreSQL it is
	// sql, whose row locks let writers run at once.
	w     *sql.DB
	d     dialect
	tasks *lru.Cache[taskPage] // recent task lists, see version.go
	// Totals of recent task lists, one for all the pages of a filter.
	taskTotals *lru.Cache[int]
	// The agencies of recent plans, under the same versions.
	planAgencies *lru.Cache[[]plan.AgencyRef]
	// rows keeps single tasks as read, see task_rows.go; plans keeps
	// plans with their groups and parts under their shape.
	rows *lru.Cache[plan.Task]
	// idLists keeps the IDs a filter without status matches, in plan
	// order, under the shape (task_rows.go).
	idLists *lru.Cache[[]int64]
	plans   *lru.Cache[plan.Plan]
	// passwordSlots bounds concurrent password checks at one per core.
	passwordSlots chan struct{}
	// searchWalkFrom is the match count from which a search's page is
	// read by walking the tasks in order (see tasksUncached); tests lower it.
	searchWalkFrom int
	// orgTotals keeps the totals of register lists under the register's
	// versions (organisation_find.go); orgWalkFrom is the match count from
	// which a search's page walks the name order; tests lower it, and
	// noOrgTotalCache turns the totals' cache off to compare with it.
	orgTotals *lru.Cache[int]
	orgIDs    *lru.Cache[[]int64]
	// orgCovers keeps a unit filter's cover under the register's
	// organisations version (organisation_find_unit.go).
	orgCovers *lru.Cache[orgCover]
	// dupPairs keeps the duplicate finder's pairs under the register's
	// version (org_duplicates.go).
	dupPairs        *lru.Cache[[]dedupe.Pair]
	orgWalkFrom     int
	noOrgTotalCache bool
	// orgRank keeps the name order of all organisations for searches
	// (organisation_find_rank.go); noOrgRank turns it off to compare,
	// and a search of fewer matches than orgRankFrom does not read it
	// afresh.
	orgRank     orgRankKeeper
	noOrgRank   bool
	orgRankFrom int
	// orgPages keeps whole pages of register lists
	// (organisation_find_page.go).
	orgPages *lru.Cache[keptOrgPage]
	// Now is the clock for timestamps; tests replace it.
	Now func() time.Time
}

// Open connects to dsn: a postgres:// URL, or else a SQLite file path.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("store: empty database path")
	}
	var d dialect
	var connStr string
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d = postgresDialect()
		var err error
		if connStr, err = postgresDSN(dsn); err != nil {
			return nil, err
		}
	} else {
		d = sqliteDialect()
		connStr = sqliteDSN(dsn)
	}
	sqlDB, err := sql.Open(d.driver, readerDSN(d, connStr))
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	writer := sqlDB
	if d.name == "sqlite" {
		// One writer at a time is SQLite's rule; a small pool keeps readers
		// concurrent under WAL without piling up lock waits.
		sqlDB.SetMaxOpenConns(8)
		sqlDB.SetMaxIdleConns(8)
		if writer, err = sql.Open(d.driver, connStr); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("store: open: %w", err)
		}
		writer.SetMaxOpenConns(1)
		writer.SetMaxIdleConns(1)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		// Every open connection stays pooled, idle or not, for as long
		// as the server runs: a new PostgreSQL connection pays 20–45 ms
		// on its first queries (a new backend loading its catalog, each
		// statement prepared again), which a page after a quiet spell
		// would pay if idle ones were closed. Warm opens a few at
		// start-up. Neither idle time nor age closes one; a connection
		// the server drops is replaced by database/sql on its next use.
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
		sqlDB.SetConnMaxIdleTime(0)
		sqlDB.SetConnMaxLifetime(0)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	return &DB{sql: sqlDB, w: writer, d: d, Now: time.Now,
		tasks:          newTaskCache(),
		taskTotals:     lru.New[int](taskTotalEntries),
		planAgencies:   lru.New[[]plan.AgencyRef](planAgencyCacheRows),
		rows:           newTaskRowCache(),
		idLists:        lru.New[[]int64](idListEntries),
		plans:          lru.New[plan.Plan](planCacheEntries),
		passwordSlots:  make(chan struct{}, runtime.GOMAXPROCS(0)),
		searchWalkFrom: searchWalkFrom,
		orgTotals:      lru.New[int](orgTotalEntries),
		orgIDs:         lru.New[[]int64](orgIDEntries),
		orgCovers:      lru.New[orgCover](orgCoverCost),
		orgPages:       lru.New[keptOrgPage](orgPageCost),
		dupPairs:       lru.New[[]dedupe.Pair](dupPairEntries),
		orgWalkFrom:    orgWalkFrom,
		orgRankFrom:    orgRankFrom}, nil
}

// sqliteDSN sets the pragmas every connection needs: WAL so readers never
// wait for the writer, a busy timeout instead of instant "database is
// locked", foreign keys, full sync so an acknowledged write survives a crash,
// and immediate transactions so two writers queue instead of deadlocking.
func sqliteDSN(path string) string {
	path = strings.TrimPrefix(path, "sqlite://")
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	q := url.Values{}
	// The busy timeout first: switching to WAL needs a lock that another
	// connection opening at the same moment may hold. The WAL file is cut
	// back to 64 MB after a checkpoint rather than staying as large as the
	// largest import made it.
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "journal_size_limit(67108864)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	// SQLite reads a file: URI's path up to "#" and decodes "%XX" in it, so
	// a folder named "ke-hoach#2" or "100%" would open another file.
	path = strings.NewReplacer("%", "%25", "#", "%23").Replace(path)
	return "file:" + path + "?" + q.Encode()
}

// readerMmap is how much of a SQLite file its readers map into memory:
// none. Mapping the file (1 GiB) once served a list's rowid reads from
// the kernel's page cache without a pread each, but a mapping is each
// connection's own: every one of the eight readers pays a page fault the
// first time it touches each page, and on this hardware a fault cost
// more than the pread it saved. Once a register list's pages are kept
// (organisation_find_page.go), what readers still read is mostly pages
// read for the first time, and the register's load scenario on the
// 200,000-organisation register served 1.4–2 times as many searches and
// lists without the mapping, started afresh or after 30 seconds of the
// same load (docs/performance.md).
const readerMmap = 0

// readerDSN is the connection string of the readers' pool.
func readerDSN(d dialect, connStr string) string {
	if d.name != "sqlite" {
		return connStr
	}
	return connStr + "&_pragma=mmap_size(" + strconv.Itoa(readerMmap) + ")"
}

// Close closes the database.
func (db *DB) Close() error {
	if db.w != db.sql {
		db.w.Close()
	}
	return db.sql.Close()
}

// Dialect names the backend: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name }

// SQL exposes the handle for backups and health checks.
func (db *DB) SQL() *sql.DB { return db.sql }

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, db.d.rebind(q), args...)
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, db.d.rebind(q), args...)
}

// Tx is a write transaction. Store methods that change data take one, so a
// caller can group several changes (an import, the demo) into one commit.
type Tx struct {
	tx    *sql.Tx
	d     dialect
	now   time.Time
	began time.Time
	// group, when set, gathers the entries t.audit writes under one
	// entry that sums them up (BeginAuditGroup).
	group *auditGroup
	// deferred are the indexes a bulk import dropped (DeferIndexes), built
	// again before the commit.
	deferred []string
	// pending is work a writer has left undone in the transaction (a
	// register import's portal counts on PostgreSQL), done before any
	// other write of organisations (settle) and before the commit
	// (finish). Each is a no-op when nothing is left.
	pending []func(context.Context) error
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.d.rebind(q), args...)
}

// execCount runs a write and says how many rows it changed: whether a
// guarded UPDATE or DELETE found its row.
func (t *Tx) execCount(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.rebind(q), args...)
}

func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(q), args...)
}

// insert runs an INSERT … RETURNING id, which both backends support.
func (t *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Update runs fn in one transaction and commits if fn returns nil; nothing
// fn wrote survives an error.
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	now := db.Now().UTC()
	tx := &Tx{tx: sqlTx, d: db.d, now: now, began: now}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := tx.finish(ctx); err != nil {
		_ = sqlTx.Rollback() // the rebuild's error is the one to report
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// finish does what t's writers left undone, then builds the indexes an
// import deferred: no commit comes without either.
func (t *Tx) finish(ctx context.Context) error {
	if err := t.settle(ctx); err != nil {
		return err
	}
	return t.restoreIndexes(ctx)
}

// settle does what t's writers left undone (pending). A write of
// organisations calls it first: their UPDATE triggers move the portal's
// counts from the row as stored, which must be counted by then.
func (t *Tx) settle(ctx context.Context) error {
	for _, f := range t.pending {
		if err := f(ctx); err != nil {
			return err
		}
	}
	return nil
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, key string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(apperr.NotFound, key, err)
	}
	return err
}

// Time and date columns are TEXT in both backends, in fixed-width forms
// that sort as they read.
const (
	timeLayout = "2006-01-02T15:04:05.000000Z"
	dateLayout = "2006-01-02"
)

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

func fmtDate(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(dateLayout)
}

func parseDate(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t, err := time.Parse(dateLayout, s.String)
	if err != nil {
		return nil
	}
	return &t
}

func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func intPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Page is a page of a list; hoptac never returns unbounded lists.
type Page struct {
	Page    int
	PerPage int
}

// DefaultPerPage and MaxPerPage bound every list.
const (
	DefaultPerPage = 50
	MaxPerPage     = 500
)

// limits returns LIMIT and OFFSET for a page, clamping bad values.
func limits(page, perPage int) (limit, offset int) {
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	if perPage > MaxPerPage {
		perPage = MaxPerPage
	}
	if page < 1 {
		page = 1
	}
	return perPage, (page - 1) * perPage
}

// SetClock makes the transaction stamp its writes with t instead of the
// time it began; a zero t restores that. Loaders that replay history (the
// demo, imports of past reports) use it.
func (t *Tx) SetClock(at time.Time) {
	if at.IsZero() {
		at = t.began
	}
	t.now = at.UTC()
}

// Rebind rewrites a query written with ? placeholders for this backend;
// tests and tools that reach the database directly use it.
func (db *DB) Rebind(q string) string { return db.d.rebind(q) }
