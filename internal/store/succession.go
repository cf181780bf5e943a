package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/plan"
)

// maxSuccession bounds a walk along successors. UpdateAgency refuses
// cycles, so the bound only guards against a hand-edited database.
const maxSuccession = 20

// handovers returns the steps of the succession from agency id, in order,
// each with its date: the duties of a merged agency pass down this chain,
// each step from its own day (plan.AgencyRef.ResponsibleOn follows them).
func handovers(ctx context.Context, q querier, id int64) ([]plan.Handover, error) {
	var out []plan.Handover
	cur := id
	for range maxSuccession {
		var next sql.NullInt64
		var since sql.NullString
		err := q.queryRow(ctx, `SELECT successor_id, successor_since FROM agencies WHERE id = ?`, cur).Scan(&next, &since)
		if errors.Is(err, sql.ErrNoRows) || err == nil && !next.Valid {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("store: successor chain: %w", err)
		}
		h := plan.Handover{To: plan.AgencyRef{ID: next.Int64}}
		if d := parseDate(since); d != nil {
			h.Since = *d
		}
		out = append(out, h)
		cur = next.Int64
	}
	return out, nil
}

// successors maps each agency of the given tasks that has a successor to
// its succession chain, each step with its date: Task.Compute picks the
// step in force on the day a page is read, so the rows kept in memory
// serve every day. One query walks every chain at once, so a page of
// tasks costs the same however many of its agencies were merged.
func (db *DB) successors(ctx context.Context, taskIDs []int64) (map[int64][]plan.Handover, error) {
	rows, err := db.query(ctx, `WITH RECURSIVE chain (start, id, since, depth) AS (
			SELECT a.id, a.successor_id, a.successor_since, 1 FROM agencies a
			WHERE a.successor_id IS NOT NULL AND a.id IN (SELECT ta.agency_id FROM task_agencies ta
				WHERE ta.task_id IN (`+placeholders(len(taskIDs))+`))
			UNION ALL
			SELECT c.start, a.successor_id, a.successor_since, c.depth + 1 FROM chain c JOIN agencies a ON a.id = c.id
			WHERE a.successor_id IS NOT NULL AND c.depth < ?)
		SELECT c.start, c.since, a.id, a.name, a.collective FROM chain c JOIN agencies a ON a.id = c.id
		ORDER BY c.start, c.depth`, append(int64Args(taskIDs), maxSuccession)...)
	type link struct {
		start int64
		step  plan.Handover
	}
	links, err := scanAll(rows, err, func(r rowScanner) (link, error) {
		var l link
		var collective int
		var since sql.NullString
		err := r.Scan(&l.start, &since, &l.step.To.ID, &l.step.To.Name, &collective)
		l.step.To.Collective = collective == 1
		if d := parseDate(since); d != nil {
			l.step.Since = *d
		}
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: successors: %w", err)
	}
	out := map[int64][]plan.Handover{}
	for _, l := range links {
		out[l.start] = append(out[l.start], l.step) // rows come by depth
	}
	return out, nil
}

// predecessors returns id and every agency whose duties passed to it,
// directly or down a chain.
func (db *DB) predecessors(ctx context.Context, id int64) ([]int64, error) {
	all := []int64{id}
	frontier := []int64{id}
	seen := map[int64]bool{id: true}
	for range maxSuccession {
		if len(frontier) == 0 {
			break
		}
		rows, err := db.query(ctx, `SELECT id FROM agencies WHERE successor_id IN (`+placeholders(len(frontier))+`)`,
			int64Args(frontier)...)
		found, err := scanAll(rows, err, scanID)
		if err != nil {
			return nil, fmt.Errorf("store: predecessors: %w", err)
		}
		frontier = frontier[:0:0]
		for _, p := range found {
			if !seen[p] {
				seen[p] = true
				all, frontier = append(all, p), append(frontier, p)
			}
		}
	}
	return all, nil
}

// PlanAgencies lists the agencies that lead or support a plan's tasks,
// with every agency that took over from one of them, in Vietnamese
// alphabetical order: the choices of the plan page's agency filter. A
// national list of agencies would be thousands long; a plan names dozens.
// Finding them reads every task of the plan, so the list is kept under the
// plan's shape (see listVersions), which progress does not change.
func (db *DB) PlanAgencies(ctx context.Context, planID int64) ([]plan.AgencyRef, error) {
	vs, err := db.versions(ctx, planID)
	if err != nil {
		return nil, err
	}
	ok := vs.ok
	key := cachekey.Of(struct {
		Shape  string
		PlanID int64
	}{vs.shape, planID})
	if list, hit := db.planAgencies.Get(key); hit && ok {
		return slices.Clone(list), nil
	}
	list, err := db.planAgenciesUncached(ctx, planID)
	if err == nil && ok {
		db.planAgencies.Put(key, slices.Clone(list), len(list)+1)
	}
	return list, err
}

// planAgenciesUncached walks every chain in one recursive query: a plan
// of 300 agencies was 300 round trips walked one agency at a time.
func (db *DB) planAgenciesUncached(ctx context.Context, planID int64) ([]plan.AgencyRef, error) {
	rows, err := db.query(ctx, `WITH RECURSIVE chain (id, depth) AS (
			SELECT DISTINCT ta.agency_id, 0 FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id WHERE t.plan_id = ?
			UNION
			SELECT a.successor_id, c.depth + 1 FROM chain c JOIN agencies a ON a.id = c.id
			WHERE a.successor_id IS NOT NULL AND c.depth < ?)
		SELECT a.id, a.name, a.collective FROM agencies a WHERE a.id IN (SELECT id FROM chain)
		ORDER BY a.sort_key, a.id`, planID, maxSuccession)
	list, err := scanAll(rows, err, func(r rowScanner) (plan.AgencyRef, error) {
		var ref plan.AgencyRef
		var collective int
		err := r.Scan(&ref.ID, &ref.Name, &collective)
		ref.Collective = collective == 1
		return ref, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: plan agencies: %w", err)
	}
	return append([]plan.AgencyRef{}, list...), nil
}
