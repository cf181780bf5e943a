package store

import (
	"context"
	"fmt"
	"strings"
)

// A register import into an empty or small register inserts most of the
// organisations the table will hold. Inserting each into a dozen indexes
// (seven of them ordered by the Vietnamese sort key) lands every entry on
// a random page of a B-tree larger than the page cache: 400 µs an
// organisation at 200,000, two thirds of the whole import. On SQLite
// such an import drops the organisations' secondary indexes and builds
// them again, each in one sorted pass, before its transaction commits.
// DROP and CREATE INDEX are part of the transaction: a failed or killed
// import leaves the indexes as they were, and readers see the old
// indexes until the commit, and the new ones after it.

// deferRatio: an import defers the indexes when it brings at least this
// many times the rows of figures the register holds. A re-import of the
// register's own file (which mostly changes nothing) or a new year's file
// for a full register keeps them: there the rebuild would cost more than
// the inserts it spares.
const deferRatio = 2

// DeferIndexes drops the organisations' secondary indexes for the rest of
// the transaction when the import is expected to bring expectedRows rows
// and that is deferRatio times the register's rows of figures or more.
// The unique index on the registration code stays: the import looks
// organisations up by it, and it enforces uniqueness. Every query of the
// import and of the tables' triggers reads organisations by id or code.
// Update and BulkUpdate build the dropped indexes again before they
// commit. It reports whether it dropped them; PostgreSQL never does (its
// DROP INDEX would lock every reader out until the commit).
func (r *RegisterImporter) DeferIndexes(ctx context.Context, expectedRows int64) (bool, error) {
	t := r.t
	if !r.bulk() || len(t.deferred) > 0 {
		return false, nil
	}
	var stored int64
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisation_figures`).Scan(&stored); err != nil {
		return false, fmt.Errorf("store: register import: %w", err)
	}
	if expectedRows < deferRatio*stored {
		return false, nil
	}
	// The secondary indexes of organisations, and the INSERT triggers of
	// the register's tables that skip under the bulk guard: every INSERT
	// the import makes into those tables runs under it, and the importer
	// does their work set-wise (afterInsertOrgs, afterInsertFigures), so
	// for this transaction they only cost their WHEN clause a row and the
	// statement journal that any trigger makes SQLite keep.
	rs, err := t.query(ctx, `SELECT type, name, sql FROM sqlite_master
		WHERE (type = 'index' AND tbl_name = 'organisations' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %')
		OR (type = 'trigger' AND tbl_name IN ('organisations', 'organisation_figures', 'organisation_statuses')
			AND sql LIKE '% AFTER INSERT ON %' AND sql LIKE '%WHERE scope = ''bulk''%')
		ORDER BY type, name`)
	type object struct{ kind, name, sql string }
	list, err := scanAll(rs, err, func(s rowScanner) (object, error) {
		var o object
		return o, s.Scan(&o.kind, &o.name, &o.sql)
	})
	if err != nil {
		return false, fmt.Errorf("store: register import: indexes: %w", err)
	}
	for _, o := range list {
		if _, err := t.exec(ctx, `DROP `+strings.ToUpper(o.kind)+` `+o.name); err != nil {
			return false, fmt.Errorf("store: register import: drop %s %s: %w", o.kind, o.name, err)
		}
		t.deferred = append(t.deferred, o.sql)
	}
	return len(list) > 0, nil
}

// restoreIndexes builds the indexes and creates the triggers DeferIndexes
// dropped, before the transaction commits: no commit can leave the
// register without them.
func (t *Tx) restoreIndexes(ctx context.Context) error {
	for len(t.deferred) > 0 {
		if _, err := t.exec(ctx, t.deferred[0]); err != nil {
			return fmt.Errorf("store: rebuild index: %w", err)
		}
		t.deferred = t.deferred[1:]
	}
	return nil
}
