package store

import (
	"context"
	"slices"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/vntext"
)

// MigrateTo exposes migrateTo to the external tests.
func (db *DB) MigrateTo(ctx context.Context, version int64) error { return db.migrateTo(ctx, version) }

// Successors exposes successors, and SuccessorChain the one-agency walk it
// must agree with.
func (db *DB) Successors(ctx context.Context, taskIDs []int64) (map[int64][]plan.Handover, error) {
	return db.successors(ctx, taskIDs)
}

func (db *DB) SuccessorChain(ctx context.Context, id int64) ([]int64, error) {
	steps, err := handovers(ctx, db, id)
	chain := []int64{id}
	for _, s := range steps {
		chain = append(chain, s.To.ID)
	}
	return chain, err
}

// ReferenceSearchIDs answers a task search (within planID, or every plan
// when 0) the way hoptac did before the trigram indexes: a LIKE scan of
// every task's folded text and a correlated EXISTS over its agencies,
// their aliases and successors. The indexed search must return exactly
// these tasks; search_test.go compares the two.
func (db *DB) ReferenceSearchIDs(ctx context.Context, planID int64, query string) ([]int64, error) {
	like := "%" + vntext.EscapeLike(vntext.Fold(query)) + "%"
	rows, err := db.query(ctx, `SELECT t.id FROM tasks t WHERE (? = 0 OR t.plan_id = ?) AND
		(t.search_fold LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM task_agencies ta
		JOIN agencies a ON a.id = ta.agency_id WHERE ta.task_id = t.id AND (a.search_fold LIKE ? ESCAPE '\'
		OR EXISTS (SELECT 1 FROM agency_aliases x WHERE x.agency_id = a.id AND x.alias_fold LIKE ? ESCAPE '\')
		OR EXISTS (SELECT 1 FROM agencies s WHERE s.id = a.successor_id AND s.search_fold LIKE ? ESCAPE '\'))))`,
		planID, planID, like, like, like, like)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, rows.Err()
}

// SearchIndexed reports whether the folded form of query is long enough
// for the dialect's trigram index, so tests can tell which path ran.
func (db *DB) SearchIndexed(query string) bool {
	_, _, ok := db.d.taskTextIDs(vntext.Fold(query))
	return ok
}

// SetSearchWalkFrom sets the match count from which a search page is read
// by walking the tasks in order, so tests can run both ways.
func (db *DB) SetSearchWalkFrom(n int) { db.searchWalkFrom = n }

// ScanAll runs query through q (a *DB or a *Tx) and reads its rows with
// scanAll, for querier_test.go.
func ScanAll(ctx context.Context, q querier, query string, scan func(interface{ Scan(...any) error }) (int64, error)) ([]int64, error) {
	rows, err := q.query(ctx, query)
	return scanAll(rows, err, scan)
}

// NotifyProposer exposes notifyProposer: a decision replayed must not tell
// the proposer twice.
func (t *Tx) NotifyProposer(ctx context.Context, p proposal.Proposal) error {
	return t.notifyProposer(ctx, p)
}
