package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// numbers counts 1, 2, 3 on both backends; failing does too but fails at
// its third row, after two rows were sent (abs of the smallest integer
// overflows on both).
const (
	numbers = `WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT x FROM n`
	failing = `WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3)
		SELECT CASE WHEN x < 3 THEN x ELSE abs(x - 9223372036854775807 - 4) END FROM n`
)

// TestScanAll: every read of a list goes through scanAll, which must hand
// back its connection whatever happens (a cursor left open holds a pool
// connection, and on SQLite's single writer stalls every later write) and
// must not pass a result cut short for a shorter list.
func TestScanAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	errScan := errors.New("bad row")
	for _, c := range []struct {
		name    string
		query   string
		failAt  int64 // the scan of this row fails
		want    []int64
		wantErr bool
	}{
		{"every row", numbers, 0, []int64{1, 2, 3}, false},
		{"a scan fails", numbers, 2, nil, true},
		{"the result breaks off", failing, 0, nil, true},
		{"the query is refused", `SELECT nothing FROM nowhere`, 0, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			scanned := 0
			got, err := store.ScanAll(ctx, db, c.query, func(r interface{ Scan(...any) error }) (int64, error) {
				var x int64
				if err := r.Scan(&x); err != nil {
					return 0, err
				}
				scanned++
				if x == c.failAt {
					return 0, errScan
				}
				return x, nil
			})
			if (err != nil) != c.wantErr || !slices.Equal(got, c.want) {
				t.Fatalf("scanAll = %v, %v; want %v, error %v", got, err, c.want, c.wantErr)
			}
			if c.failAt != 0 && !errors.Is(err, errScan) {
				t.Errorf("error = %v, want the scan's own", err)
			}
			if c.query == failing && scanned == 0 {
				t.Errorf("no row was read before the failure: the test no longer reaches rows.Err")
			}
			if n := db.SQL().Stats().InUse; n != 0 {
				t.Errorf("%d connections still in use: the rows were not closed", n)
			}
		})
	}
}

// TestScanAllInTx: inside a write transaction a failed scan must close its
// rows too, or (on PostgreSQL) the transaction's next statement finds its
// connection busy and the commit fails.
func TestScanAllInTx(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := store.ScanAll(ctx, tx, numbers, func(r interface{ Scan(...any) error }) (int64, error) {
			return 0, errors.New("bad row")
		})
		if err == nil {
			t.Error("a failed scan passed")
		}
		got, err := store.ScanAll(ctx, tx, numbers, func(r interface{ Scan(...any) error }) (int64, error) {
			var x int64
			err := r.Scan(&x)
			return x, err
		})
		if err != nil || !slices.Equal(got, []int64{1, 2, 3}) {
			t.Errorf("next read in the transaction = %v, %v; want [1 2 3]", got, err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
}
