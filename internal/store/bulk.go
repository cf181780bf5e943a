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
	// The tasks' current state, which the entries then move on.
	type state struct {
		status  plan.Status
		percent *int
		doneOn  *string
		updated string
	}
	tasks := map[int64]*state{}
	var ids []int64
	for i := range entries {
		if _, ok := tasks[entries[i].TaskID]; !ok {
			tasks[entries[i].TaskID] = nil
			ids = append(ids, entries[i].TaskID)
		}
	}
	for start := 0; start < len(ids); start += importBatch {
		chunk := ids[start:min(start+importBatch, len(ids))]
		rows, err := t.query(ctx, `SELECT id, status, percent, done_on FROM tasks WHERE id IN (`+
			placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return fmt.Errorf("store: import progress: %w", err)
		}
		for rows.Next() {
			var id int64
			var st state
			var percent sql.NullInt64
			var done sql.NullString
			if err := rows.Scan(&id, &st.status, &percent, &done); err != nil {
				rows.Close()
				return fmt.Errorf("store: import progress: %w", err)
			}
			if percent.Valid {
				v := int(percent.Int64)
				st.percent = &v
			}
			if done.Valid {
				st.doneOn = &done.String
			}
			tasks[id] = &st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: import progress: %w", err)
		}
	}
	for _, id := range ids {
		if tasks[id] == nil {
			return apperr.Wrap(apperr.NotFound, "error.task_not_found", fmt.Errorf("task %d", id))
		}
	}
	u := auth.UserFrom(ctx)
	if u != nil {
		for _, id := range ids {
			lead, support, err := t.taskAgencyIDs(ctx, id)
			if err != nil {
				return err
			}
			if !auth.CanRecordProgress(u, lead, support) {
				return apperr.New(apperr.Forbidden, "error.forbidden_task")
			}
		}
	}

	// Validate every entry and replay it on its task before writing any.
	first, last := t.now, t.now
	for i := range entries {
		p := &entries[i]
		p.Normalize()
		if p.FileID != nil || p.FileName != "" {
			return fmt.Errorf("store: import progress: entry %d carries a file; use RecordProgress", i)
		}
		st := tasks[p.TaskID]
		if p.Status == "" {
			p.Status = st.status // a note alone does not reopen a done task
		}
		if err := p.Validate(); err != nil {
			return err
		}
		if u != nil {
			p.UserID, p.UserName = &u.ID, u.Name
		}
		if p.CreatedAt.IsZero() {
			p.CreatedAt = t.now
		}
		p.CreatedAt = p.CreatedAt.UTC()
		if i == 0 || p.CreatedAt.Before(first) {
			first = p.CreatedAt
		}
		if i == 0 || p.CreatedAt.After(last) {
			last = p.CreatedAt
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
	if err := t.audit(ctx, "create", "progress", 0, nil, map[string]any{
		"import": true, "entries": len(entries), "tasks": len(ids),
		"first_at": first.Format(time.RFC3339), "last_at": last.Format(time.RFC3339)}); err != nil {
		return err
	}
	return t.touchPlansOfTasks(ctx, ids)
}
