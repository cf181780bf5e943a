package store

import (
	"context"
	"fmt"
	"sort"
)

// The bulk path of a register import (migration 00029, SQLite): while
// the guard row (register_versions, scope 'bulk') exists, the INSERT
// triggers on organisations and organisation_figures skip, and the
// importer does their work once a chunk, set-wise, for exactly the rows
// it inserted. Each guarded stretch covers only the importer's own
// INSERT statements; the guard is deleted before Add returns, so it is
// never committed and no statement outside the import ever runs under
// it. PostgreSQL has no such per-row trigger work (its triggers are
// statement triggers or a column index), so it keeps them.

// bulk reports whether the import takes the bulk path.
func (r *RegisterImporter) bulk() bool { return r.t.d.name == "sqlite" }

// guard sets (on) or clears the bulk guard.
func (r *RegisterImporter) guard(ctx context.Context, on bool) error {
	if !r.bulk() {
		return nil
	}
	q := `DELETE FROM register_versions WHERE scope = 'bulk'`
	if on {
		q = `INSERT INTO register_versions (scope, n) VALUES ('bulk', 0)`
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
// guard what the skipped triggers would have done row by row: their
// search entries and their portal counts (each is inserted active),
// unless the import makes both again before its commit (rebuildLater),
// and the versions that move with an insertion. Their communes'
// indicator marks come with their figures (afterInsertFigures): every
// row of an import has a year of figures, which is new for a new
// organisation, and the commune it is marked under is the one it was
// inserted with (a later chunk's change of it fires the UPDATE trigger,
// which marks both). It runs before any later statement of the import
// can update these rows, so the UPDATE triggers that follow find the
// state they expect.
func (r *RegisterImporter) afterInsertOrgs(ctx context.Context, ids []int64) error {
	if !r.bulk() || len(ids) == 0 {
		return nil
	}
	for _, args := range idLists(ids) {
		if r.rebuildLater {
			break
		}
		in := `(` + placeholders(len(args)) + `)`
		for _, q := range []string{
			`INSERT INTO organisations_search (rowid, search_fold) SELECT id, search_fold FROM organisations WHERE id IN ` + in,
			`INSERT INTO portal_counts (code, valid_from, form, sector, n)
				SELECT CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END,
					COALESCE(CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END, ''),
					form, sector, COUNT(*)
				FROM organisations WHERE status = 'active' AND id IN ` + in + `
				GROUP BY 1, 2, 3, 4
				ON CONFLICT (code, valid_from, form, sector) DO UPDATE SET n = portal_counts.n + excluded.n`,
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
