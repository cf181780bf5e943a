package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
)

// File is an uploaded evidence file. It lives in the database, so a backup
// of the database is a backup of the evidence too.
type File struct {
	ID          int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	Data        []byte
}

// RecordProgress stores a progress entry, with an optional evidence file,
// and moves the task's recorded status. The acting user must be allowed to
// report on the task; the check runs inside the transaction that writes.
func (t *Tx) RecordProgress(ctx context.Context, p *plan.Progress, file *File) error {
	p.Normalize()
	p.FileID, p.FileName = nil, ""
	if file != nil {
		p.FileName = file.Name // a file is evidence enough for Validate
	}
	var before struct {
		Status  plan.Status `json:"status"`
		Percent *int        `json:"percent"`
		DoneOn  *string     `json:"done_on"`
	}
	var percent sql.NullInt64
	var doneOn sql.NullString
	// A no-op UPDATE reads the task and locks its row until commit, so two
	// entries on one task at once (on PostgreSQL) cannot both build on the
	// same "before" and leave the task out of step with its history.
	err := t.queryRow(ctx, `UPDATE tasks SET updated_at = updated_at WHERE id = ? RETURNING status, percent, done_on`,
		p.TaskID).Scan(&before.Status, &percent, &doneOn)
	if err != nil {
		return notFound(err, "error.task_not_found")
	}
	if percent.Valid {
		v := int(percent.Int64)
		before.Percent = &v
	}
	if doneOn.Valid {
		before.DoneOn = &doneOn.String
	}
	if p.Status == "" {
		p.Status = before.Status // a note alone does not reopen a done task
	}
	if err := p.Validate(); err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if u != nil {
		lead, support, err := t.taskAgencyIDs(ctx, p.TaskID)
		if err != nil {
			return err
		}
		if !auth.CanRecordProgress(u, lead, support) {
			return apperr.New(apperr.Forbidden, "error.forbidden_task")
		}
		p.UserID, p.UserName = &u.ID, u.Name
	}
	if file != nil {
		sum := sha256.Sum256(file.Data)
		file.SHA256, file.Size = hex.EncodeToString(sum[:]), int64(len(file.Data))
		file.ID, err = t.insert(ctx, `INSERT INTO files (name, content_type, size, sha256, data, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, file.Name, file.ContentType, file.Size, file.SHA256, file.Data,
			nullInt(p.UserID), fmtTime(t.now))
		if err != nil {
			return fmt.Errorf("store: save file: %w", err)
		}
		p.FileID, p.FileName = &file.ID, file.Name
	}
	p.CreatedAt = t.now
	var pct any
	if p.Percent != nil {
		pct = *p.Percent
	}
	p.ID, err = t.insert(ctx, `INSERT INTO progress (task_id, status, percent, note, evidence_url, file_id,
		user_id, user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.TaskID, p.Status, pct, p.Note, p.EvidenceURL, nullInt(p.FileID), nullInt(p.UserID), p.UserName,
		fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: record progress: %w", err)
	}
	// The day a task became done is kept, not recomputed: a later note on a
	// done task must not make it "done late".
	var newDone any
	switch {
	case p.Status == plan.StatusDone && before.DoneOn != nil:
		newDone = *before.DoneOn
	case p.Status == plan.StatusDone:
		newDone = plan.Today(t.now).Format(dateLayout)
	}
	if pct == nil && before.Percent != nil {
		pct = *before.Percent
	}
	if _, err := t.exec(ctx, `UPDATE tasks SET status = ?, percent = ?, done_on = ?, updated_at = ?, rev = rev + 1 WHERE id = ?`,
		p.Status, pct, newDone, fmtTime(t.now), p.TaskID); err != nil {
		return fmt.Errorf("store: update task status: %w", err)
	}
	if err := t.audit(ctx, "create", "progress", p.ID, before, p); err != nil {
		return err
	}
	return t.touchPlanOfTask(ctx, p.TaskID)
}

// TaskProgress returns a page of a task's progress history, newest first,
// and how many entries it has in all. A task reported on weekly for years
// has hundreds; pages keep its page and its API answer small.
func (db *DB) TaskProgress(ctx context.Context, taskID int64, page, perPage int) ([]plan.Progress, int, error) {
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM progress WHERE task_id = ?`, taskID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count progress: %w", err)
	}
	limit, offset := limits(page, perPage)
	rows, err := db.query(ctx, `SELECT p.id, p.task_id, p.status, p.percent, p.note, p.evidence_url, p.file_id,
		COALESCE(f.name, ''), p.user_id, p.user_name, p.created_at
		FROM progress p LEFT JOIN files f ON f.id = p.file_id WHERE p.task_id = ? ORDER BY p.id DESC
		LIMIT ? OFFSET ?`, taskID, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: progress: %w", err)
	}
	defer rows.Close()
	out := []plan.Progress{}
	for rows.Next() {
		var p plan.Progress
		var percent, fileID, userID sql.NullInt64
		var created string
		if err := rows.Scan(&p.ID, &p.TaskID, &p.Status, &percent, &p.Note, &p.EvidenceURL, &fileID,
			&p.FileName, &userID, &p.UserName, &created); err != nil {
			return nil, 0, fmt.Errorf("store: scan progress: %w", err)
		}
		if percent.Valid {
			v := int(percent.Int64)
			p.Percent = &v
		}
		p.FileID, p.UserID, p.CreatedAt = intPtr(fileID), intPtr(userID), parseTime(created)
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// File returns an evidence file with the task it belongs to, so the caller
// can check the reader may see that task.
func (db *DB) File(ctx context.Context, id int64) (File, int64, error) {
	var f File
	var taskID int64
	err := db.queryRow(ctx, `SELECT f.id, f.name, f.content_type, f.size, f.sha256, f.data, p.task_id
		FROM files f JOIN progress p ON p.file_id = f.id WHERE f.id = ?`, id).
		Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Data, &taskID)
	if err != nil {
		return f, 0, notFound(err, "error.file_not_found")
	}
	return f, taskID, nil
}
