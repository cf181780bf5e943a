package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

// schemaOf is the organisations' indexes, the triggers of the register's
// tables, and the result of SQLite's integrity check, which reads every
// index against its table: an entry missing from a rebuilt index, or one
// too many, fails it.
func schemaOf(t *testing.T, db *store.DB) (indexes map[string]string, integrity string) {
	t.Helper()
	ctx := context.Background()
	indexes = map[string]string{}
	if db.Dialect() != "sqlite" {
		return indexes, "ok"
	}
	rs, err := db.SQL().QueryContext(ctx, `SELECT name, COALESCE(sql, '') FROM sqlite_master
		WHERE (type = 'index' AND tbl_name = 'organisations')
		OR (type = 'trigger' AND tbl_name IN ('organisations', 'organisation_figures', 'organisation_statuses'))`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	for rs.Next() {
		var name, sql string
		if err := rs.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		indexes[name] = sql
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&integrity); err != nil {
		t.Fatal(err)
	}
	return indexes, integrity
}

// importDeferred is importRows with the indexes deferred whatever the
// register's size (an import expecting ever so many rows), then fn, if
// given, inside the same transaction.
func importDeferred(db *store.DB, chunks [][]store.RegisterRow, fn func(*store.Tx) error) (deferred bool, err error) {
	err = inImport(db, func(ctx context.Context, tx *store.Tx, imp *store.RegisterImporter) (err error) {
		if deferred, err = imp.DeferIndexes(ctx, 1<<40); err != nil {
			return err
		}
		if _, err := addChunks(ctx, imp, chunks...); err != nil {
			return err
		}
		if fn != nil {
			return fn(tx)
		}
		return nil
	})
	return deferred, err
}

// An import that defers the organisations' indexes (SQLite) leaves the
// same indexes, each holding exactly the table's rows (integrity check),
// and the register reads as a live recomputation finds it, through two
// rounds of creating, renaming, moving and dissolving. PostgreSQL never
// defers.
func TestDeferredIndexesRebuilt(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	r := rand.New(rand.NewPCG(6, 29))
	ids := findRegister(t, db, r, 40, 0)
	randomiseRegister(t, db, r, ids)
	indexes, integrity := schemaOf(t, db)
	if db.Dialect() == "sqlite" && (len(indexes) < 30 || integrity != "ok") {
		t.Fatalf("before: %d indexes, integrity %q", len(indexes), integrity)
	}
	var gone []string
	for round := 1; round <= 2; round++ {
		chunks, g := bulkImportRows(t, db, ids, round)
		gone = append(gone, g...)
		deferred, err := importDeferred(db, chunks, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := db.Dialect() == "sqlite"; deferred != want {
			t.Fatalf("round %d: deferred %v on %s", round, deferred, db.Dialect())
		}
		after, integrity := schemaOf(t, db)
		if !reflect.DeepEqual(after, indexes) || integrity != "ok" {
			t.Errorf("round %d: indexes %v, integrity %q; want %v, ok", round, after, integrity, indexes)
		}
		keptSameAsLive(t, db, r, gone, fmt.Sprintf("after import %d", round))
	}
}

// A refused import that deferred the indexes rolls the drop back with its
// rows: the indexes are there, whole, and the register is as before.
func TestDeferredIndexesRolledBack(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	r := rand.New(rand.NewPCG(7, 29))
	ids := findRegister(t, db, r, 30, 0)
	indexes, _ := schemaOf(t, db)
	before := takeSnapshot(t, db)
	chunks, _ := bulkImportRows(t, db, ids, 1)
	refuse := errors.New("a bad row at the end of the file")
	if _, err := importDeferred(db, chunks, func(*store.Tx) error { return refuse }); !errors.Is(err, refuse) {
		t.Fatalf("import: %v, want the refusal", err)
	}
	after, integrity := schemaOf(t, db)
	if !reflect.DeepEqual(after, indexes) || integrity != "ok" {
		t.Errorf("indexes %v, integrity %q; want %v, ok", after, integrity, indexes)
	}
	if got := takeSnapshot(t, db); !reflect.DeepEqual(before, got) {
		t.Errorf("a refused import changed the register")
	}
	keptSameAsLive(t, db, r, nil, "after a refused import")
}

// The rule: an empty register defers for any import; a register defers
// only for an import of twice its rows of figures or more (so the
// re-import of its own file, or a year's file for a full register, keeps
// the indexes); a transaction defers once; PostgreSQL never.
func TestDeferIndexesRule(t *testing.T) {
	db := newTestDB(t)
	sqlite := db.Dialect() == "sqlite"
	try := func(expected int64) (deferred bool) {
		t.Helper()
		err := inImport(db, func(ctx context.Context, _ *store.Tx, imp *store.RegisterImporter) (err error) {
			if deferred, err = imp.DeferIndexes(ctx, expected); err != nil {
				return err
			}
			if again, err := imp.DeferIndexes(ctx, expected); err != nil || again {
				return fmt.Errorf("deferred twice in one transaction (%v)", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return deferred
	}
	if got := try(1); got != sqlite {
		t.Errorf("empty register, 1 row expected: deferred %v", got)
	}
	importRows(t, db, []store.RegisterRow{regRow("0100000001", "HTX Một", 2023, 1), regRow("0100000001", "HTX Một", 2024, 2),
		regRow("0100000002", "HTX Hai", 2024, 3)})
	for _, tc := range []struct {
		expected int64
		want     bool
	}{{1, false}, {3, false}, {5, false}, {6, sqlite}, {1000, sqlite}} {
		if got := try(tc.expected); got != tc.want {
			t.Errorf("3 rows of figures stored, %d rows expected: deferred %v, want %v", tc.expected, got, tc.want)
		}
	}
	if indexes, integrity := schemaOf(t, db); sqlite && (len(indexes) < 30 || integrity != "ok") {
		t.Errorf("after the tries: %d indexes, integrity %q", len(indexes), integrity)
	}
}

// A bulk write gives SQLite's writer a larger cache and sorter threads
// for its transaction only: after it, committed or refused, the one
// writer connection every later write uses has its usual settings back.
func TestBulkSettingsRestored(t *testing.T) {
	db := newTestDB(t)
	if db.Dialect() != "sqlite" {
		t.Skip("PostgreSQL's bulk write changes no setting")
	}
	ctx := context.Background()
	usual := map[string]int64{}
	for _, p := range []string{"cache_size", "threads"} {
		n, err := db.WriterPragma(p)
		if err != nil {
			t.Fatal(err)
		}
		usual[p] = n
	}
	refuse := errors.New("refused")
	for _, tc := range []struct {
		name string
		err  error
	}{{"committed", nil}, {"refused", refuse}} {
		t.Run(tc.name, func(t *testing.T) {
			err := db.BulkUpdate(ctx, func(tx *store.Tx) error { return tc.err })
			if !errors.Is(err, tc.err) {
				t.Fatalf("BulkUpdate: %v", err)
			}
			for p, want := range usual {
				if got, err := db.WriterPragma(p); err != nil || got != want {
					t.Errorf("after the bulk write: %s = %d (%v), want %d", p, got, err, want)
				}
			}
		})
	}
}
