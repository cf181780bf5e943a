package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/plan"
)

// A list within one plan is answered from two things kept in memory: the
// IDs its filter matches without the status, under the plan's shape
// (tasksOfShape), and the plan's state at its current version: each task's
// revision and what its status is computed from. The state is read in one
// pass over the covering index when a write has moved the version, once
// for all readers (flight), and then answers every page, status filter and
// total of the plan until the next write, without counting again.

// taskState is what a task's status is computed from, and its revision.
type taskState struct {
	rev         int64
	recorded    plan.Status
	due, doneOn string // dates as stored, "" for none; they compare as they sort
}

// planState is a plan's tasks at one version.
type planState struct {
	at    map[int64]int // task ID → index in tasks
	tasks []taskState
}

// planStateEntries bounds the kept states by the tasks they hold.
const planStateEntries = 200_000

// status is the task's status as of today (YYYY-MM-DD): statusSQL's rule,
// and plan.Effective's; TestTaskStatusSQLAgreesWithEffective holds all
// three to one answer.
func (s taskState) status(today string) plan.Status {
	switch {
	case s.recorded == plan.StatusDone && s.due != "" && s.doneOn > s.due:
		return plan.StatusDoneLate
	case s.recorded == plan.StatusDone:
		return plan.StatusDone
	case s.due != "" && s.due < today:
		return plan.StatusOverdue
	}
	return s.recorded
}

// planState returns the state of vs's plan at vs's version.
func (db *DB) planState(ctx context.Context, planID int64, vs listVersions) (*planState, error) {
	if st, ok := db.states.Get(vs.full); ok {
		return st, nil
	}
	return db.stateFlight.do(ctx, vs.full, func() (*planState, error) {
		rows, err := db.query(ctx, `SELECT t.id, t.rev, t.status, t.tf_due, t.done_on FROM tasks t
			WHERE t.plan_id = ? ORDER BY t.position`, planID)
		if err != nil {
			return nil, fmt.Errorf("store: plan state: %w", err)
		}
		defer rows.Close()
		st := &planState{at: map[int64]int{}}
		for rows.Next() {
			var id int64
			var s taskState
			var due, done sql.NullString
			if err := rows.Scan(&id, &s.rev, &s.recorded, &due, &done); err != nil {
				return nil, fmt.Errorf("store: plan state: %w", err)
			}
			s.due, s.doneOn = due.String, done.String
			st.at[id] = len(st.tasks)
			st.tasks = append(st.tasks, s)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		db.states.Put(vs.full, st, len(st.tasks)+1)
		return st, nil
	})
}

// tasksOfPlan answers a list within one plan in plan order from the
// shape's ID list and the plan's state. stale reports a write between the
// state and the rows: the caller reads the version again.
func (db *DB) tasksOfPlan(ctx context.Context, f plan.TaskFilter, vs listVersions, where string, args []any) (
	[]plan.Task, int, bool, error) {
	base := f
	base.Status = ""
	ids, err := db.shapeIDs(ctx, base, vs, where, args)
	if err != nil {
		return nil, 0, false, err
	}
	st, err := db.planState(ctx, f.PlanID, vs)
	if err != nil {
		return nil, 0, false, err
	}
	match := ids
	if f.Status != "" {
		whole := f
		whole.Page, whole.PerPage = 0, 0
		key := cachekey.Of(struct {
			Version string
			Filter  plan.TaskFilter
		}{vs.full, whole})
		var ok bool
		if match, ok = db.idLists.Get(key); !ok {
			day := today(f.Today)
			match = []int64{}
			for _, id := range ids {
				if i, ok := st.at[id]; ok && st.tasks[i].status(day) == f.Status {
					match = append(match, id)
				}
			}
			db.idLists.Put(key, match, len(match)+1)
		}
	}
	page := pageOf(match, f)
	refs := make([]taskRef, len(page))
	for i, id := range page {
		j, ok := st.at[id]
		if !ok {
			return nil, 0, true, nil // a task the state does not know: read again
		}
		refs[i] = taskRef{id, st.tasks[j].rev}
	}
	out, stale, err := db.taskRows(ctx, refs, vs.agencies)
	if err != nil || stale {
		return nil, 0, stale, err
	}
	for i := range out {
		out[i].Compute(f.Today)
	}
	return out, len(match), false, nil
}

// shapeIDs returns the IDs a filter without status matches, in plan
// order, kept under the shape: which tasks match and their order do not
// change with progress.
func (db *DB) shapeIDs(ctx context.Context, f plan.TaskFilter, vs listVersions, where string, args []any) ([]int64, error) {
	whole := f
	whole.Page, whole.PerPage, whole.Today = 0, 0, time.Time{}
	key := cachekey.Of(struct {
		Shape  string
		Filter plan.TaskFilter
	}{vs.shape, whole})
	if ids, ok := db.idLists.Get(key); ok {
		return ids, nil
	}
	rows, err := db.query(ctx, `SELECT t.id FROM tasks t WHERE `+where+` ORDER BY t.plan_id, t.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list tasks: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	db.idLists.Put(key, ids, len(ids)+1)
	return ids, nil
}

// pageOf is the page f asks for of a list; PerPage -1 is all of it.
func pageOf(ids []int64, f plan.TaskFilter) []int64 {
	if f.PerPage < 0 {
		return ids
	}
	limit, offset := limits(f.Page, f.PerPage)
	return ids[min(offset, len(ids)):min(offset+limit, len(ids))]
}
