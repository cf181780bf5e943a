package store

import (
	"context"
	"fmt"
	"slices"
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
	rs, err := t.query(ctx, deferredObjects)
	type object struct{ kind, name, sql string }
	list, err := scanAll(rs, err, func(s rowScanner) (object, error) {
		var o object
		return o, s.Scan(&o.kind, &o.name, &o.sql)
	})
	if err != nil {
		return false, fmt.Errorf("store: register import: indexes: %w", err)
	}
	if len(list) == 0 {
		return false, nil
	}
	var indexes, triggers []string
	for _, o := range list {
		if _, err := t.exec(ctx, `DROP `+strings.ToUpper(o.kind)+` `+o.name); err != nil {
			return false, fmt.Errorf("store: register import: drop %s %s: %w", o.kind, o.name, err)
		}
		if o.kind == "index" {
			indexes = append(indexes, o.sql)
		} else {
			triggers = append(triggers, o.sql)
		}
	}
	// The tables are made again before the triggers come back, which
	// would otherwise fire on their rows.
	r.rebuildLater = true
	t.deferred = slices.Concat(indexes, rebuildDerived, triggers)
	return true, nil
}

// deferredObjects are what a deferred import drops, indexes first:
//   - the secondary indexes of organisations;
//   - the INSERT triggers of the register's tables that skip under the
//     bulk guard: every INSERT the import makes into those tables runs
//     under it, and the importer does their work set-wise
//     (afterInsertOrgs, afterInsertFigures), so for this transaction they
//     only cost their WHEN clause a row, and the statement journal that
//     any trigger makes SQLite keep;
//   - the triggers that keep the search index and the portal's counts
//     (per commune, and per province): those are made again whole before
//     the commit (rebuildDerived). Kept up a chunk at a time, FTS5 wrote
//     a segment every statement and spent more merging them than
//     indexing, and every chunk's portal counts placed each of its
//     communes in its province again.
//
// Should a later migration rename one of these triggers, it stays and
// fires, which costs time only: the rebuild makes its tables whole.
const deferredObjects = `SELECT type, name, sql FROM sqlite_master
	WHERE (type = 'index' AND tbl_name = 'organisations' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %')
	OR (type = 'trigger' AND tbl_name IN ('organisations', 'organisation_figures', 'organisation_statuses')
		AND sql LIKE '% AFTER INSERT ON %' AND sql LIKE '%WHERE scope = ''bulk''%')
	OR (type = 'trigger' AND tbl_name = 'organisations'
		AND (name LIKE 'organisations\_search\_%' ESCAPE '\' OR name LIKE 'portal\_counts\_%' ESCAPE '\'))
	OR (type = 'trigger' AND tbl_name = 'portal_counts' AND name LIKE 'portal\_province\_counts\_%' ESCAPE '\')
	ORDER BY type, name`

// rebuildDerived makes the search index and the portal's counts again
// from the organisations.
//   - FTS5 writes a segment each time its pending terms pass 'hashsize'
//     (1 MB by default): at 200,000 organisations, 16 MB makes the
//     rebuild a third cheaper for 20 MB more memory. The setting is a
//     row of the index's configuration, set back in the same
//     transaction.
//   - The commune cells are counted as liveCounts counts them; a cell
//     at zero is no row, as the triggers leave it.
//   - The province totals are marked stale, as a unit import leaves
//     them: the first read makes them again (PortalProvinceCounts).
var rebuildDerived = []string{
	`INSERT INTO organisations_search (organisations_search, rank) VALUES ('hashsize', 16777216)`,
	`INSERT INTO organisations_search (organisations_search) VALUES ('rebuild')`,
	`INSERT INTO organisations_search (organisations_search, rank) VALUES ('hashsize', 1048576)`,
	`DELETE FROM portal_counts`,
	`INSERT INTO portal_counts (code, valid_from, form, sector, n) ` + liveCounts,
	`UPDATE portal_revs SET rev = -1 WHERE name = 'provinces'`,
}

// restoreIndexes builds the indexes DeferIndexes dropped, makes the
// tables their triggers kept again, and creates the triggers, before the
// transaction commits: no commit can leave the register without them.
func (t *Tx) restoreIndexes(ctx context.Context) error {
	for len(t.deferred) > 0 {
		if _, err := t.exec(ctx, t.deferred[0]); err != nil {
			return fmt.Errorf("store: rebuild index: %w", err)
		}
		t.deferred = t.deferred[1:]
	}
	return nil
}
