package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/report"
)

// AttachReportFile stores an evidence file for one task line of an
// agency's report and points the line at it, replacing the file it held.
// Only a draft or a returned report takes a file, and only on a task the
// report holds.
func (t *Tx) AttachReportFile(ctx context.Context, submissionID, taskID int64, f *File) error {
	var state report.State
	// The no-op UPDATE locks the report's row until commit, so a submit
	// running at once cannot slip between the check and the write.
	err := t.queryRow(ctx, `UPDATE report_submissions SET updated_at = updated_at WHERE id = ? RETURNING state`,
		submissionID).Scan(&state)
	if err != nil {
		return notFound(err, "error.report_not_found")
	}
	if !state.Editable() {
		return apperr.New(apperr.Conflict, "error.report.locked")
	}
	userID, _ := actor(ctx)
	sum := sha256.Sum256(f.Data)
	f.SHA256, f.Size = hex.EncodeToString(sum[:]), int64(len(f.Data))
	f.ID, err = t.insert(ctx, `INSERT INTO files (name, content_type, size, sha256, data, user_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, f.Name, f.ContentType, f.Size, f.SHA256, f.Data, userID, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: save report file: %w", err)
	}
	res, err := t.exec(ctx, `UPDATE report_task_lines SET file_id = ? WHERE submission_id = ? AND task_id = ?`,
		f.ID, submissionID, taskID)
	if err != nil {
		return fmt.Errorf("store: attach report file: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.New(apperr.Validation, "error.field.report_task")
	}
	return nil
}

// ReportFile returns an evidence file a task line of report submissionID
// points at: one the agency attached, or one its recorded progress
// brought into the draft. The caller checks the reader may read the
// report.
func (db *DB) ReportFile(ctx context.Context, submissionID, fileID int64) (File, error) {
	var f File
	err := db.queryRow(ctx, `SELECT f.id, f.name, f.content_type, f.size, f.sha256, f.data
		FROM files f WHERE f.id = ? AND EXISTS (SELECT 1 FROM report_task_lines l
			WHERE l.submission_id = ? AND l.file_id = f.id)`, fileID, submissionID).
		Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Data)
	if err != nil {
		return f, notFound(err, "error.file_not_found")
	}
	return f, nil
}

// ReportFileNames maps the evidence files of a report's lines to their
// names, for the pages that link to them.
func (db *DB) ReportFileNames(ctx context.Context, submissionID int64) (map[int64]string, error) {
	type named struct {
		id   int64
		name string
	}
	rows, err := db.query(ctx, `SELECT f.id, f.name FROM files f JOIN report_task_lines l ON l.file_id = f.id
		WHERE l.submission_id = ?`, submissionID)
	list, err := scanAll(rows, err, func(r rowScanner) (named, error) {
		var n named
		err := r.Scan(&n.id, &n.name)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: report files: %w", err)
	}
	out := make(map[int64]string, len(list))
	for _, n := range list {
		out[n.id] = n.name
	}
	return out, nil
}

// AttachReportEvidence is AttachReportFile for an upload on its own (the
// API's), audited as one: the web form's files are audited with the save
// they come with.
func (t *Tx) AttachReportEvidence(ctx context.Context, submissionID, taskID int64, f *File) error {
	if err := t.AttachReportFile(ctx, submissionID, taskID, f); err != nil {
		return err
	}
	type evidence struct {
		TaskID      int64  `json:"task_id"`
		FileID      int64  `json:"file_id"`
		Name        string `json:"name"`
		ContentType string `json:"content_type"`
		Size        int64  `json:"size"`
		SHA256      string `json:"sha256"`
	}
	return t.audit(ctx, "evidence", "report", submissionID, nil,
		evidence{taskID, f.ID, f.Name, f.ContentType, f.Size, f.SHA256})
}

// ReportLineFile returns the evidence file the line of task taskID in
// report submissionID points at. The caller checks the reader may read
// the report.
func (db *DB) ReportLineFile(ctx context.Context, submissionID, taskID int64) (File, error) {
	var f File
	err := db.queryRow(ctx, `SELECT f.id, f.name, f.content_type, f.size, f.sha256, f.data
		FROM report_task_lines l JOIN files f ON f.id = l.file_id WHERE l.submission_id = ? AND l.task_id = ?`,
		submissionID, taskID).Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Data)
	if err != nil {
		return f, notFound(err, "error.file_not_found")
	}
	return f, nil
}
