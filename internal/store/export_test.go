package store

import (
	"context"

	"github.com/hoptac/hoptac/internal/plan"
)

// MigrateTo exposes migrateTo to the external tests.
func (db *DB) MigrateTo(ctx context.Context, version int64) error { return db.migrateTo(ctx, version) }

// Successors exposes successors, and SuccessorChain the one-agency walk it
// must agree with.
func (db *DB) Successors(ctx context.Context, taskIDs []int64) (map[int64]plan.AgencyRef, error) {
	return db.successors(ctx, taskIDs)
}

func (db *DB) SuccessorChain(ctx context.Context, id int64) ([]int64, error) {
	return successorChain(ctx, db.queryRow, id)
}
