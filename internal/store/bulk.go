package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
)

// importBatch is how many progress rows one INSERT carries: 8 arguments a
// row stays far below both backends' limit on bound parameters.
const importBatch = 500

// ImportProgress stores many progress entries at once, in the order given
// (oldest first), and moves each task's recorded status, percentage and
// done day exactly as RecordProgress would, entry after entry. Each entry
// is stamped with its CreatedAt (the transaction's clock when zero). It is
// for history that arrives in bulk, a generated dataset or an import of
// past reports: the rows go in with a few prepared multi-row statements,
// and the audit log gets one entry that summarises the whole import
// instead of one per row. Entries cannot carry files. When the context has
// an acting user, that user must be allowed to report on every task and is
// recorded as the author, as with RecordProgress; nothing is written if any
// entry is refused.
func (t *Tx) ImportProgress(ctx context.Context, entries []plan.Progress) error {
	if len(entries) == 0 {
		return nil
	}
	ids := importTaskIDs(entries)
	tasks, err := t.importTaskStates(ctx, ids)
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if err := t.checkImportAuthor(ctx, u, ids); err != nil {
		return err
	}
	span, err := replayProgress(entries, tasks, u, t.now)
	if err != nil {
		return err
	}
	if err := t.insertProgress(ctx, entries); err != nil {
		return err
	}
	if err := t.updateImportedTasks(ctx, ids, tasks); err != nil {
		return err
	}
	if err := t.audit(ctx, "create", "progress", 0, nil, map[string]any{
		"import": true, "entries": len(entries), "tasks": len(ids),
		"first_at": span.first.Format(time.RFC3339), "last_at": span.last.Format(time.RFC3339)}); err != nil {
		return err
	}
	return t.touchPlansOfTasks(ctx, ids)
}

// importState is a task's recorded status, percentage and done day as an
// import replays its entries on it, and when it last changed.
type importState struct {
	status  plan.Status
	percent *int
	doneOn  *string
	updated string
}

// importSpan is the earliest and latest stamp of an import's entries, for
// its audit entry.
type importSpan struct{ first, last time.Time }

// importTaskIDs lists the tasks the entries report on, each once, in the
// order they first appear.
func importTaskIDs(entries []plan.Progress) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	for i := range entries {
		if id := entries[i].TaskID; !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// importTaskStates reads the current state of the tasks ids, which the
// entries then move on, a batch of IDs a query; a task that does not exist
// refuses the whole import.
func (t *Tx) importTaskStates(ctx context.Context, ids []int64) (map[int64]*importState, error) {
	type read struct {
		id int64
		st importState
	}
	scan := func(r rowScanner) (read, error) {
		var x read
		var percent sql.NullInt64
		var done sql.NullString
		err := r.Scan(&x.id, &x.st.status, &percent, &done)
		if percent.Valid {
			v := int(percent.Int64)
			x.st.percent = &v
		}
		if done.Valid {
			x.st.doneOn = &done.String
		}
		return x, err
	}
	tasks := make(map[int64]*importState, len(ids))
	for start := 0; start < len(ids); start += importBatch {
		chunk := ids[start:min(start+importBatch, len(ids))]
		rows, err := t.query(ctx, `SELECT id, status, percent, done_on FROM tasks WHERE id IN (`+
			placeholders(len(chunk))+`)`, int64Args(chunk)...)
		list, err := scanAll(rows, err, scan)
		if err != nil {
			return nil, fmt.Errorf("store: import progress: %w", err)
		}
		for i := range list {
			tasks[list[i].id] = &list[i].st
		}
	}
	for _, id := range ids {
		if tasks[id] == nil {
			return nil, apperr.Wrap(apperr.NotFound, "error.task_not_found", fmt.Errorf("task %d", id))
		}
	}
	return tasks, nil
}

// checkImportAuthor refuses the import when the acting user u, if any, may
// not report on one of the tasks, as RecordProgress would.
func (t *Tx) checkImportAuthor(ctx context.Context, u *auth.User, ids []int64) error {
	if u == nil {
		return nil
	}
	for _, id := range ids {
		lead, support, err := t.taskAgencyIDs(ctx, id)
		if err != nil {
			return err
		}
		if !auth.CanRecordProgress(u, lead, support) {
			return apperr.New(apperr.Forbidden, "error.forbidden_task")
		}
	}
	return nil
}

// replayProgress validates every entry and plays it on its task's state,
// in order, before anything is written: status, percentage and done day
// move exactly as RecordProgress would move them. It completes each entry
// (status kept from the task when left empty, the author u, the stamp now
// when zero) and returns the span of the stamps.
func replayProgress(entries []plan.Progress, tasks map[int64]*importState, u *auth.User, now time.Time) (importSpan, error) {
	span := importSpan{now, now}
	for i := range entries {
		p := &entries[i]
		p.Normalize()
		if p.FileID != nil || p.FileName != "" {
			return span, fmt.Errorf("store: import progress: entry %d carries a file; use RecordProgress", i)
		}
		st := tasks[p.TaskID]
		if p.Status == "" {
			p.Status = st.status // a note alone does not reopen a done task
		}
		if err := p.Validate(); err != nil {
			return span, err
		}
		if u != nil {
			p.UserID, p.UserName = &u.ID, u.Name
		}
		if p.CreatedAt.IsZero() {
			p.CreatedAt = now
		}
		p.CreatedAt = p.CreatedAt.UTC()
		if i == 0 || p.CreatedAt.Before(span.first) {
			span.first = p.CreatedAt
		}
		if i == 0 || p.CreatedAt.After(span.last) {
			span.last = p.CreatedAt
		}
		switch {
		case p.Status == plan.StatusDone && st.doneOn != nil:
		case p.Status == plan.StatusDone:
			d := plan.Today(p.CreatedAt).Format(dateLayout)
			st.doneOn = &d
		default:
			st.doneOn = nil
		}
		if p.Percent != nil {
			v := *p.Percent
			st.percent = &v
		}
		st.status, st.updated = p.Status, fmtTime(p.CreatedAt)
	}
	return span, nil
}

// insertProgress writes the entries, importBatch rows an INSERT, through
// one prepared statement for the full batches and one for the rest.
func (t *Tx) insertProgress(ctx context.Context, entries []plan.Progress) error {
	const cols = `INSERT INTO progress (task_id, status, percent, note, evidence_url, user_id, user_name, created_at) VALUES `
	const row = `(?, ?, ?, ?, ?, ?, ?, ?)`
	prepare := func(n int) (*sql.Stmt, error) {
		q := cols + strings.TrimSuffix(strings.Repeat(row+",", n), ",")
		return t.tx.PrepareContext(ctx, t.d.rebind(q))
	}
	full, err := prepare(min(importBatch, len(entries)))
	if err != nil {
		return fmt.Errorf("store: import progress: %w", err)
	}
	defer full.Close()
	args := make([]any, 0, 8*importBatch)
	for start := 0; start < len(entries); start += importBatch {
		chunk := entries[start:min(start+importBatch, len(entries))]
		args = args[:0]
		for i := range chunk {
			p := &chunk[i]
			var pct any
			if p.Percent != nil {
				pct = *p.Percent
			}
			args = append(args, p.TaskID, p.Status, pct, p.Note, p.EvidenceURL, nullInt(p.UserID), p.UserName,
				fmtTime(p.CreatedAt))
		}
		stmt := full
		if len(chunk) < importBatch && len(entries) > importBatch {
			rest, err := prepare(len(chunk))
			if err != nil {
				return fmt.Errorf("store: import progress: %w", err)
			}
			defer rest.Close()
			stmt = rest
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store: import progress: %w", err)
		}
	}
	return nil
}

// updateImportedTasks writes each task's state after the last of its
// entries. It sets only the columns progress moves, and bumps rev so the
// caches of task rows and lists (task_rows.go, version.go) see the change.
func (t *Tx) updateImportedTasks(ctx context.Context, ids []int64, tasks map[int64]*importState) error {
	upd, err := t.tx.PrepareContext(ctx, t.d.rebind(
		`UPDATE tasks SET status = ?, percent = ?, done_on = ?, updated_at = ?, rev = rev + 1 WHERE id = ?`))
	if err != nil {
		return fmt.Errorf("store: import progress: %w", err)
	}
	defer upd.Close()
	for _, id := range ids {
		st := tasks[id]
		var pct, done any
		if st.percent != nil {
			pct = *st.percent
		}
		if st.doneOn != nil {
			done = *st.doneOn
		}
		if _, err := upd.ExecContext(ctx, st.status, pct, done, st.updated, id); err != nil {
			return fmt.Errorf("store: import progress: update task %d: %w", id, err)
		}
	}
	return nil
}
