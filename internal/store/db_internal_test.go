package store

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
)

func TestSQLiteDSN(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"/data/h.db", "sqlite:///data/h.db", "file:/data/h.db", "/data/h.db?_pragma=foreign_keys(0)&_txlock=deferred"} {
		t.Run(in, func(t *testing.T) {
			got := sqliteDSN(in)
			path, query, ok := strings.Cut(got, "?")
			if !ok || path != "file:/data/h.db" {
				t.Fatalf("sqliteDSN(%q) = %q, want file:/data/h.db?…", in, got)
			}
			q, err := url.ParseQuery(query)
			if err != nil {
				t.Fatal(err)
			}
			// In this order: the busy timeout must hold before WAL is
			// switched on, as switching takes a lock.
			wantPragmas := []string{"busy_timeout(10000)", "journal_mode(WAL)", "journal_size_limit(67108864)",
				"foreign_keys(1)", "synchronous(FULL)"}
			if !slices.Equal(q["_pragma"], wantPragmas) {
				t.Errorf("_pragma = %v, want %v", q["_pragma"], wantPragmas)
			}
			if got := q["_txlock"]; !slices.Equal(got, []string{"immediate"}) {
				t.Errorf("_txlock = %v, want [immediate]", got)
			}
		})
	}
}

// TestSQLiteConnections: every connection, of the read pool and of the
// write pool, has the settings, and writes go through a pool of one.
func TestSQLiteConnections(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir()+"/c.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := db.w.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("write pool of %d connections, want 1", got)
	}
	for name, pool := range map[string]interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}{"read": db.sql, "write": db.w} {
		for pragma, want := range map[string]string{"journal_mode": "wal", "journal_size_limit": "67108864",
			"busy_timeout": "10000", "foreign_keys": "1", "synchronous": "2"} {
			var got string
			if err := pool.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s pool: PRAGMA %s = %s, want %s", name, pragma, got, want)
			}
		}
	}
	// Readers map the file; the writer does not, so an import's pages do
	// not count in its resident memory.
	for name, c := range map[string]struct {
		pool interface {
			QueryRowContext(context.Context, string, ...any) *sql.Row
		}
		want int64
	}{"read": {db.sql, readerMmap}, "write": {db.w, 0}} {
		var got int64
		if err := c.pool.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s pool: PRAGMA mmap_size = %d, want %d", name, got, c.want)
		}
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		page, perPage, wantLimit, wantOffset int
	}{
		{1, 10, 10, 0},
		{3, 10, 10, 20},
		{0, 10, 10, 0},
		{-5, 10, 10, 0},
		{1, 0, DefaultPerPage, 0},
		{2, -1, DefaultPerPage, DefaultPerPage},
		{2, MaxPerPage + 1, MaxPerPage, MaxPerPage},
	}
	for _, tt := range tests {
		l, o := limits(tt.page, tt.perPage)
		if l != tt.wantLimit || o != tt.wantOffset {
			t.Errorf("limits(%d, %d) = %d, %d; want %d, %d", tt.page, tt.perPage, l, o, tt.wantLimit, tt.wantOffset)
		}
	}
}

// TestTimeFormatsSortAsTheyRead: stored times and dates are compared as
// strings in SQL, which only works if they are fixed width and UTC.
func TestTimeFormatsSortAsTheyRead(t *testing.T) {
	t.Parallel()
	a := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b := a.Add(time.Microsecond)
	c := time.Date(2026, 1, 2, 10, 4, 5, 0, time.FixedZone("ICT", 7*3600)) // 03:04:05 UTC
	if fa, fb := fmtTime(a), fmtTime(b); !(fa < fb) || len(fa) != len(fb) {
		t.Errorf("fmtTime not fixed-width ordered: %q, %q", fa, fb)
	}
	if fmtTime(c) != fmtTime(a) {
		t.Errorf("fmtTime(%v) = %q, want UTC %q", c, fmtTime(c), fmtTime(a))
	}
	if got := parseTime(fmtTime(b)); !got.Equal(b) {
		t.Errorf("parseTime(fmtTime(b)) = %v, want %v", got, b)
	}
}

// TestDummyHashIsValid: Authenticate spends a real password check on
// unknown e-mails only if the dummy hash parses.
func TestDummyHashIsValid(t *testing.T) {
	t.Parallel()
	ok, err := auth.CheckPassword(dummyHash, "anything at all")
	if err != nil {
		t.Fatalf("dummy hash does not parse: %v", err)
	}
	if ok {
		t.Fatal("dummy hash matched an arbitrary password")
	}
	real, err := auth.HashPassword("x")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Split(dummyHash, "$")[3], strings.Split(real, "$")[3]; got != want {
		t.Errorf("dummy hash parameters %q differ from HashPassword's %q, so its timing differs too", got, want)
	}
}

// A password check waits for a free slot, and a login whose request ends
// while waiting gives up without touching the database.
func TestAuthenticateWaitsForASlot(t *testing.T) {
	t.Parallel()
	db := &DB{passwordSlots: make(chan struct{}, 1)}
	db.passwordSlots <- struct{}{} // the only slot is busy
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := db.Authenticate(ctx, "a@b.vn", "mat-khau-dai"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Authenticate with no free slot = %v, want the context's deadline", err)
	}
}
