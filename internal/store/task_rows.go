package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"

	"github.com/hoptac/hoptac/internal/lru"
	"github.com/hoptac/hoptac/internal/plan"
)

// A page of tasks is put together from rows kept one by one. A task's row
// changes only with progress on it, which bumps its rev (migration 10), and
// with its agencies, whose names and successors the agencies' version
// names. So a row read once is good under (task, rev, agencies' version)
// however often its plan changes, and a progress entry makes only its own
// row be read again: the page's IDs and revisions come from the covering
// index, the rows from here.

// tasksOfShape answers a filter without a status in plan order. Which
// tasks such a filter matches, and their order, depend only on the plan's
// shape (see listVersions): the whole list of their IDs is kept under it,
// so a page is a slice of it whatever its number, the total is its length,
// and neither moves with progress. Only the revisions of the page's tasks
// are read, to pick their rows.
func (db *DB) tasksOfShape(ctx context.Context, f plan.TaskFilter, vs listVersions, where string, args []any) ([]plan.Task, int, error) {
	whole := f
	whole.Page, whole.PerPage, whole.Today = 0, 0, time.Time{}
	key := cachekey.Of(struct {
		Shape  string
		Filter plan.TaskFilter
	}{vs.shape, whole})
	ids, ok := db.idLists.Get(key)
	if !ok {
		rows, err := db.query(ctx, `SELECT t.id FROM tasks t WHERE `+where+` ORDER BY t.plan_id, t.position`, args...)
		if err != nil {
			return nil, 0, fmt.Errorf("store: list tasks: %w", err)
		}
		if ids, err = scanIDs(rows); err != nil {
			return nil, 0, err
		}
		db.idLists.Put(key, ids, len(ids)+1)
	}
	page := ids
	if f.PerPage >= 0 {
		limit, offset := limits(f.Page, f.PerPage)
		page = ids[min(offset, len(ids)):min(offset+limit, len(ids))]
	}
	out, err := db.pageRows(ctx, vs, func() ([]taskRef, error) { return db.taskRevs(ctx, page) })
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].Compute(f.Today)
	}
	return out, len(ids), nil
}

// idListEntries bounds the kept ID lists by the IDs they hold (8 bytes
// each): some 16 MB.
const idListEntries = 2_000_000

// taskRevs reads the revisions of tasks, in the order of ids.
func (db *DB) taskRevs(ctx context.Context, ids []int64) ([]taskRef, error) {
	revs := make(map[int64]int64, len(ids))
	for start := 0; start < len(ids); start += importBatch {
		chunk := ids[start:min(start+importBatch, len(ids))]
		rows, err := db.query(ctx, `SELECT id, rev FROM tasks WHERE id IN (`+placeholders(len(chunk))+`)`,
			int64Args(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("store: task revisions: %w", err)
		}
		refs, err := scanRefs(rows)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			revs[r.id] = r.rev
		}
	}
	out := make([]taskRef, 0, len(ids))
	for _, id := range ids {
		if rev, ok := revs[id]; ok {
			out = append(out, taskRef{id, rev})
		}
	}
	return out, nil
}

// pageRows reads a page's list with list and then its rows. A write
// between the list and its rows makes both be read again, so a page never
// mixes two moments; writes to one task are rare enough that a second try
// finds the two in step.
func (db *DB) pageRows(ctx context.Context, vs listVersions, list func() ([]taskRef, error)) ([]plan.Task, error) {
	for try := 0; ; try++ {
		refs, err := list()
		if err != nil {
			return nil, err
		}
		out, stale, err := db.taskRows(ctx, refs, vs.agencies)
		if err != nil || !stale || try == 2 {
			return out, err
		}
	}
}

// taskRowEntries bounds the rows kept (about 1 KB each): some 50 MB.
const taskRowEntries = 50_000

func newTaskRowCache() *lru.Cache[plan.Task] { return lru.New[plan.Task](taskRowEntries) }

// taskRef is one task of a page as the index lists it.
type taskRef struct{ id, rev int64 }

func taskRowKey(id, rev int64, agencies string) string {
	return strconv.FormatInt(id, 10) + "." + strconv.FormatInt(rev, 10) + "/" + agencies
}

// taskRows returns the tasks refs name, in their order, not yet computed
// for a day. stale reports that some task was read at another revision
// than refs name: a write came between the list and the rows, and the
// caller reads the list again, so a page never mixes two moments.
func (db *DB) taskRows(ctx context.Context, refs []taskRef, agencies string) (out []plan.Task, stale bool, err error) {
	out = make([]plan.Task, len(refs))
	var missing []int64
	at := make(map[int64]int, len(refs))
	for i, r := range refs {
		at[r.id] = i
		if t, ok := db.rows.Get(taskRowKey(r.id, r.rev, agencies)); ok {
			out[i] = t
		} else {
			missing = append(missing, r.id)
		}
	}
	for start := 0; start < len(missing); start += importBatch {
		chunk := missing[start:min(start+importBatch, len(missing))]
		read, revs, err := db.readTaskRows(ctx, chunk)
		if err != nil {
			return nil, false, err
		}
		if len(read) != len(chunk) {
			return nil, true, nil // a task listed is gone: read the list again
		}
		for i, t := range read {
			i0 := at[t.ID]
			if revs[i] != refs[i0].rev {
				stale = true
			}
			db.rows.Put(taskRowKey(t.ID, revs[i], agencies), t, 1)
			out[i0] = t
		}
	}
	return out, stale, nil
}

// readTaskRows reads tasks by ID, with their agencies and revisions.
func (db *DB) readTaskRows(ctx context.Context, ids []int64) ([]plan.Task, []int64, error) {
	rows, err := db.query(ctx, `SELECT `+taskColumns+`, t.rev FROM tasks t JOIN task_groups g ON g.id = t.group_id
		WHERE t.id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: read tasks: %w", err)
	}
	defer rows.Close()
	var out []plan.Task
	var revs []int64
	for rows.Next() {
		var rev int64
		t, err := scanTask(rows, &rev)
		if err != nil {
			return nil, nil, fmt.Errorf("store: scan task: %w", err)
		}
		out, revs = append(out, t), append(revs, rev)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if err := db.attachAgencies(ctx, out); err != nil {
		return nil, nil, err
	}
	// Kept rows are shared by every page that shows them: a caller that
	// appends to a task's agencies must get a copy, not write into the
	// spare room of the kept slice.
	for i := range out {
		out[i].Lead, out[i].Support = slices.Clip(out[i].Lead), slices.Clip(out[i].Support)
	}
	return out, revs, nil
}
