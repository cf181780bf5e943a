package store

import (
	"context"
	"fmt"
	"sort"
)

// The bulk path of a register import. While its guard is set, the
// per-row INSERT triggers that keep derived tables skip, and the importer
// does their work set-wise, for exactly the rows it inserted. Each
// guarded stretch covers only the importer's own INSERT statements and
// the guard is cleared before Add returns, so it is never committed and
// no statement outside the import ever runs under it.
//   - SQLite (migration 00029): the guard is a row of register_versions
//     (scope 'bulk'), set around the organisations' and the figures'
//     inserts; the triggers of both tables skip, and the importer keeps
//     the search index, the portal's counts, the year counts, the
//     indicator marks and the versions, a chunk at a time.
//   - PostgreSQL (migration 00040): the guard is the transaction's setting
//     hoptac.register_bulk, set around the organisations' inserts; only
//     the portal's per-row count and mark skip (the rest are statement
//     triggers, or a column index), and the importer adds the counts and
//     moves the mark once for many chunks (countInserted).

// bulk reports whether the import takes SQLite's bulk path, whose guard
// skips every INSERT trigger of the register's tables.
func (r *RegisterImporter) bulk() bool { return r.t.d.name == "sqlite" }

// guard sets (on) or clears the bulk guard.
func (r *RegisterImporter) guard(ctx context.Context, on bool) error {
	var q string
	switch {
	case !r.bulk():
		q = `SELECT set_config('hoptac.register_bulk', 'off', true)`
		if on {
			q = `SELECT set_config('hoptac.register_bulk', 'on', true)`
		}
	case on:
		q = `INSERT INTO register_versions (scope, n) VALUES ('bulk', 0)`
	default:
		q = `DELETE FROM register_versions WHERE scope = 'bulk'`
	}
	if _, err := r.t.exec(ctx, q); err != nil {
		return fmt.Errorf("store: register import: bulk guard: %w", err)
	}
	return nil
}

// guarded runs fn with the guard set and clears it after, whatever fn
// returned (a failed fn fails the import, whose transaction rolls back;
// clearing still keeps the rule that the guard outlives no stretch).
func (r *RegisterImporter) guarded(ctx context.Context, fn func() error) error {
	if err := r.guard(ctx, true); err != nil {
		return err
	}
	err := fn()
	if off := r.guard(ctx, false); err == nil {
		err = off
	}
	return err
}

// idLists cuts ids into lists of at most registerBatch, as bound
// arguments.
func idLists(ids []int64) [][]any {
	var out [][]any
	for start := 0; start < len(ids); start += registerBatch {
		chunk := ids[start:min(start+registerBatch, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		out = append(out, args)
	}
	return out
}

// afterInsertOrgs does for the organisations just inserted under the
// guard what the skipped triggers would have done row by row. On
// PostgreSQL they wait in uncounted (countInserted). On SQLite: their
// search entries and their portal counts (each is inserted with its
// current status), unless the import makes both again before its commit
// (rebuildLater), and the versions that move with an insertion. Their
// communes' indicator marks come with their figures
// (afterInsertFigures): every row of an import has a year of figures,
// which is new for a new organisation, and the commune it is marked
// under is the one it was inserted with (a later chunk's change of it
// fires the UPDATE trigger, which marks both). It runs before any later
// statement of the import can update these rows, so the UPDATE triggers
// that follow find the state they expect.
func (r *RegisterImporter) afterInsertOrgs(ctx context.Context, ids []int64) error {
	if !r.bulk() {
		r.uncounted = append(r.uncounted, ids...)
		return nil
	}
	if len(ids) == 0 {
		return nil
	}
	for _, args := range idLists(ids) {
		if r.rebuildLater {
			break
		}
		in := `(` + placeholders(len(args)) + `)`
		for _, q := range []string{
			`INSERT INTO organisations_search (rowid, search_fold) SELECT id, search_fold FROM organisations WHERE id IN ` + in,
			portalCountsOf(`id IN ` + in),
		} {
			if _, err := r.t.exec(ctx, q, args...); err != nil {
				return fmt.Errorf("store: register import: bulk organisations: %w", err)
			}
		}
	}
	for _, q := range []string{
		`UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations'`,
		`UPDATE portal_revs SET rev = rev + 1 WHERE name = 'register'`,
	} {
		if _, err := r.t.exec(ctx, q); err != nil {
			return fmt.Errorf("store: register import: bulk organisations: %w", err)
		}
	}
	return nil
}

// countInserted adds the organisations inserted since it last ran to the
// portal's cells in one statement, and moves the portal's register
// revision, which the skipped mark would have moved (PostgreSQL). It is
// pending on the transaction (Tx.settle): it runs before any UPDATE of
// an organisation in it, whose trigger moves the cells from the row as
// stored, and before the commit. A cell is updated once for all the
// organisations inserted between two such updates: every update of a
// cell leaves a row version the rest of the transaction walks past, and
// counted a chunk at a time, the 200 chunks of 200,000 organisations
// took 4.6 s (0.65 s in one statement).
func (r *RegisterImporter) countInserted(ctx context.Context) error {
	if len(r.uncounted) == 0 {
		return nil
	}
	if _, err := r.t.exec(ctx, portalCountsOf(`id = ANY(?)`), r.uncounted); err != nil {
		return fmt.Errorf("store: register import: portal counts: %w", err)
	}
	if _, err := r.t.exec(ctx, `UPDATE portal_revs SET rev = rev + 1 WHERE name = 'register'`); err != nil {
		return fmt.Errorf("store: register import: portal counts: %w", err)
	}
	r.uncounted = nil
	return nil
}

// portalCountsOf adds the active organisations that match (a condition
// on id) to the portal's cells, as portal_counts_apply adds one.
func portalCountsOf(match string) string {
	return `INSERT INTO portal_counts (code, valid_from, form, sector, n)
	SELECT CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END,
		COALESCE(CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END, ''),
		form, sector, COUNT(*)
	FROM organisations WHERE status = 'active' AND ` + match + `
	GROUP BY 1, 2, 3, 4
	ON CONFLICT (code, valid_from, form, sector) DO UPDATE SET n = portal_counts.n + excluded.n`
}

// afterInsertFigures does for the years of figures just inserted under
// the guard what the skipped triggers would have done, reading the
// organisations as they are now (the chunk's updates and statuses came
// before its figures, as they came before the rows' triggers): each row
// counts once in its year's cell of its organisation's form, sector and
// status; the indicator marks of the organisations' communes; and the
// versions of the years. inserted holds, by year, the organisations
// given a row of it: one row each, a year's row being unique.
func (r *RegisterImporter) afterInsertFigures(ctx context.Context, inserted map[int][]int64) error {
	if !r.bulk() || len(inserted) == 0 {
		return nil
	}
	ys := make([]int, 0, len(inserted))
	orgs := map[int64]bool{}
	for y, ids := range inserted {
		ys = append(ys, y)
		for _, id := range ids {
			orgs[id] = true
		}
	}
	sort.Ints(ys)
	for _, y := range ys {
		for _, args := range idLists(inserted[y]) {
			if _, err := r.t.exec(ctx, `INSERT INTO register_year_counts (year, form, sector, status, n)
				SELECT ?, form, sector, status, COUNT(*) FROM organisations WHERE id IN (`+placeholders(len(args))+`)
				GROUP BY form, sector, status
				ON CONFLICT (year, form, sector, status) DO UPDATE SET n = register_year_counts.n + excluded.n`,
				append([]any{y}, args...)...); err != nil {
				return fmt.Errorf("store: register import: bulk year counts: %w", err)
			}
		}
	}
	ids := make([]int64, 0, len(orgs))
	for id := range orgs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, args := range idLists(ids) {
		if _, err := r.t.exec(ctx, `INSERT OR IGNORE INTO indicator_marks (commune, txid)
			SELECT DISTINCT new_commune_code, 0 FROM organisations WHERE id IN (`+placeholders(len(args))+`)`, args...); err != nil {
			return fmt.Errorf("store: register import: bulk figures: %w", err)
		}
	}
	for _, y := range ys {
		if _, err := r.t.exec(ctx, `INSERT OR IGNORE INTO register_versions (scope, n) VALUES (?, 0), (?, 0)`,
			fmt.Sprintf("figures:%d", y), fmt.Sprintf("figure_rows:%d", y)); err != nil {
			return fmt.Errorf("store: register import: bulk figures: %w", err)
		}
		if _, err := r.t.exec(ctx, `UPDATE register_versions SET n = n + 1 WHERE scope IN ('figures', ?, ?)`,
			fmt.Sprintf("figures:%d", y), fmt.Sprintf("figure_rows:%d", y)); err != nil {
			return fmt.Errorf("store: register import: bulk figures: %w", err)
		}
	}
	return nil
}
