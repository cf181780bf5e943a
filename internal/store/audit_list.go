package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
)

const auditColumns = `id, at, user_id, user_name, action, entity, entity_id, before_json, after_json,
	COALESCE(batch_id, 0), (SELECT COUNT(*) FROM audit_log m WHERE m.batch_id = a.id)`

// auditWhere turns a filter into a WHERE clause with bound arguments.
func auditWhere(f audit.Filter) (string, []any) {
	where, args := "1=1", []any{}
	add := func(cond string, v any) {
		where += " AND " + cond
		args = append(args, v)
	}
	if f.Entity != "" {
		add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		add("entity_id = ?", f.EntityID)
	}
	if f.User != "" {
		add("user_name = ?", f.User)
	}
	// Instants are stored as fixed-width UTC text, so they compare as text.
	if !f.Since.IsZero() {
		add("at >= ?", fmtTime(f.Since))
	}
	if !f.Before.IsZero() {
		add("at < ?", fmtTime(f.Before))
	}
	if f.Batch != 0 {
		add("batch_id = ?", f.Batch)
	} else if f.Folded() {
		where += " AND batch_id IS NULL"
	}
	return where, args
}

// ListAudit returns audit entries, newest first (a batch's rows oldest
// first, in the order the change wrote them), and how many match.
func (db *DB) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	where, args := auditWhere(f)
	var total int
	if err := db.queryRow(ctx, "SELECT COUNT(*) FROM audit_log a WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count audit: %w", err)
	}
	order := "id DESC"
	if f.Batch != 0 {
		order = "id"
	}
	limit, offset := limits(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_log a WHERE `+where+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	entries, err := scanAll(rows, err, scanAudit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list audit: %w", err)
	}
	return entries, total, nil
}

// AuditEntry returns one entry, e.g. the one that sums up a bulk change.
func (db *DB) AuditEntry(ctx context.Context, id int64) (audit.Entry, error) {
	e, err := scanAudit(db.queryRow(ctx, `SELECT `+auditColumns+` FROM audit_log a WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, apperr.Wrap(apperr.NotFound, "error.page_not_found", err)
	}
	return e, err
}

// AuditUsers lists the names the log holds as actors, for the page's filter.
func (db *DB) AuditUsers(ctx context.Context) ([]string, error) {
	rows, err := db.query(ctx, `SELECT DISTINCT user_name FROM audit_log ORDER BY user_name`)
	names, err := scanAll(rows, err, scanString)
	if err != nil {
		return nil, fmt.Errorf("store: audit users: %w", err)
	}
	return names, nil
}

func scanAudit(row interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	var at string
	var uid sql.NullInt64
	var before, after sql.NullString
	err := row.Scan(&e.ID, &at, &uid, &e.UserName, &e.Action, &e.Entity, &e.EntityID, &before, &after,
		&e.BatchID, &e.BatchSize)
	if errors.Is(err, sql.ErrNoRows) {
		return e, err
	}
	if err != nil {
		return e, fmt.Errorf("store: scan audit: %w", err)
	}
	e.At = parseTime(at)
	e.UserID = intPtr(uid)
	if before.Valid {
		e.Before = json.RawMessage(before.String)
	}
	if after.Valid {
		e.After = json.RawMessage(after.String)
	}
	return e, nil
}
