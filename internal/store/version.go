package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/lru"
	"github.com/hoptac/hoptac/internal/plan"
)

// Task lists are read far more often than they change: officers open a
// plan many times for each progress entry. Tasks therefore keeps recent
// pages in memory under a key that holds the revision of the data they come
// from. A write bumps a revision in its own transaction, so the next read,
// on this server or on any other sharing the database, asks for a new key.
//
// Two revisions cover what a list shows. A plan's rev moves with progress on
// its tasks; an agency's rev moves when it is edited (name, aliases,
// successor), in the UPDATE that edits it, so no other row is locked. A list
// within one plan is keyed by that plan's rev; a list across plans by
// COUNT(*), SUM(rev) and MAX(id) over plans. Both kinds add COUNT(*) and
// SUM(rev) over agencies. Revisions only grow and neither plans nor agencies
// are deleted, so these change with every committed change. The version is
// read before the data: a page cached under a version is never older than
// that version.

// taskCacheRows bounds the cache by the number of task rows it holds
// (about 1 KB each): some 50 MB.
const taskCacheRows = 50_000

type taskPage struct {
	tasks []plan.Task
	total int
}

func newTaskCache() *lru.Cache[taskPage] { return lru.New[taskPage](taskCacheRows) }

// touchPlanOfTask bumps the revision of a task's plan. Callers run it last
// in their transaction, so on PostgreSQL the plan's row stays locked only
// briefly, and only after the task's own row: every writer takes them in
// that order.
func (t *Tx) touchPlanOfTask(ctx context.Context, taskID int64) error {
	if _, err := t.exec(ctx, `UPDATE plans SET rev = rev + 1 WHERE id = (SELECT plan_id FROM tasks WHERE id = ?)`,
		taskID); err != nil {
		return fmt.Errorf("store: touch plan: %w", err)
	}
	return nil
}

// touchPlansOfTasks bumps the revisions of the plans of many tasks, after
// a bulk change to them.
func (t *Tx) touchPlansOfTasks(ctx context.Context, taskIDs []int64) error {
	for start := 0; start < len(taskIDs); start += importBatch {
		chunk := taskIDs[start:min(start+importBatch, len(taskIDs))]
		if _, err := t.exec(ctx, `UPDATE plans SET rev = rev + 1 WHERE id IN (SELECT plan_id FROM tasks WHERE id IN (`+
			placeholders(len(chunk))+`))`, int64Args(chunk)...); err != nil {
			return fmt.Errorf("store: touch plans: %w", err)
		}
	}
	return nil
}

// listVersion returns the version a task list's data has now: the plan's
// revision for a list within one plan, the whole set's otherwise. ok is
// false when the plan does not exist (an empty list, not worth caching).
func (db *DB) listVersion(ctx context.Context, planID int64) (v string, ok bool, err error) {
	vs, err := db.versions(ctx, planID)
	return vs.full, vs.ok, err
}

// listVersions names the data a task list is computed from, twice: full
// changes with every write that can change what a list shows; shape only
// with what does not depend on progress, which tasks there are in which
// order, their text and their agencies.
//
// A plan's tasks, their text and their agencies are written when the plan
// is imported and change afterwards only by a coordinator's edit (adding,
// editing or dropping a task, task_edit.go), which bumps the plan's
// shape_rev; progress changes only a task's status, percent and done date
// (TestOnlyProgressUpdatesTasks keeps it so). So within one plan the shape
// is the plan, its shape_rev and its agencies' version, and across plans
// the set of plans with the sum of their shape revisions. What a shape keys
// (a filter's total without status, a plan's agency list) survives every
// progress entry.
type listVersions struct {
	full, shape string
	agencies    string // the agencies' own version, part of both
	ok          bool   // the plan exists
}

func (db *DB) versions(ctx context.Context, planID int64) (listVersions, error) {
	var agencies, agencyRevs int64
	if planID != 0 {
		var rev, shapeRev sql.NullInt64
		err := db.queryRow(ctx, `SELECT (SELECT rev FROM plans WHERE id = ?), (SELECT shape_rev FROM plans WHERE id = ?),
			(SELECT COUNT(*) FROM agencies), (SELECT COALESCE(SUM(rev), 0) FROM agencies)`, planID, planID).
			Scan(&rev, &shapeRev, &agencies, &agencyRevs)
		if err != nil {
			return listVersions{}, fmt.Errorf("store: plan revision: %w", err)
		}
		if !rev.Valid {
			return listVersions{}, nil
		}
		// The plan's ID belongs in its version: every new plan starts at
		// revision 0, and two plans at one revision are different data.
		a := fmt.Sprintf("a%d.%d", agencies, agencyRevs)
		return listVersions{
			full:     fmt.Sprintf("p%d.%d.%d/%s", planID, rev.Int64, shapeRev.Int64, a),
			shape:    fmt.Sprintf("p%d.s%d/%s", planID, shapeRev.Int64, a),
			agencies: a,
			ok:       true,
		}, nil
	}
	var n, sum, shapes, maxID int64
	if err := db.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM plans), (SELECT COALESCE(SUM(rev), 0) FROM plans),
		(SELECT COALESCE(SUM(shape_rev), 0) FROM plans), (SELECT COALESCE(MAX(id), 0) FROM plans), (SELECT COUNT(*) FROM agencies),
		(SELECT COALESCE(SUM(rev), 0) FROM agencies)`).Scan(&n, &sum, &shapes, &maxID, &agencies, &agencyRevs); err != nil {
		return listVersions{}, fmt.Errorf("store: plans revision: %w", err)
	}
	a := fmt.Sprintf("a%d.%d", agencies, agencyRevs)
	return listVersions{
		full:     fmt.Sprintf("all%d.%d.%d.%d/%s", n, sum, shapes, maxID, a),
		shape:    fmt.Sprintf("all%d.%d.s%d/%s", n, maxID, shapes, a),
		agencies: a,
		ok:       true,
	}, nil
}

// taskCacheKey is everything a task list depends on: the data's version
// and the filter the query reads, every field of it (the day statuses are
// computed for included), derived by cachekey so none can be left out.
func taskCacheKey(version string, f plan.TaskFilter) string {
	return cachekey.Of(struct {
		Version string
		Filter  plan.TaskFilter
	}{version, f})
}

// cachedTasks returns a copy of a cached page's slice, so a caller that
// appends or reorders cannot change what the next caller gets. The tasks'
// own slices (agencies) are shared and must be treated as read-only.
func cachedTasks(p taskPage) ([]plan.Task, int) { return slices.Clone(p.tasks), p.total }

// TaskListVersion names the version of the data a task list within planID
// (or across plans, for 0) is computed from; pages built from such a list
// can be cached under it. ok is false when the plan does not exist.
func (db *DB) TaskListVersion(ctx context.Context, planID int64) (version string, ok bool, err error) {
	return db.listVersion(ctx, planID)
}

// taskTotalEntries bounds the totals kept, one per filter and version.
const taskTotalEntries = 100_000

// planAgencyCacheRows bounds the cached agency lists of plans by the
// number of agencies they hold.
const planAgencyCacheRows = 20_000

// DisableCache turns off the caches of task lists and register lists of
// this handle: every list is
// read from the database. Call it before the handle is used. The
// differential tests compare a handle with its cache against one without.
func (db *DB) DisableCache() {
	db.tasks, db.taskTotals, db.planAgencies, db.rows, db.plans, db.idLists = nil, nil, nil, nil, nil, nil
	// The register's kept pages and name order; its kept totals, covers
	// and matches too, as for the differential tests of the store.
	db.orgPages, db.noOrgRank, db.noOrgTotalCache = nil, true, true
}
