package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
)

// audit appends one entry in the same transaction as the change it
// describes, so a change and its record commit or vanish together.
func (t *Tx) audit(ctx context.Context, action, entity string, id int64, before, after any) error {
	var userID any
	userName := audit.SystemActor
	if u := auth.UserFrom(ctx); u != nil {
		userID, userName = u.ID, u.Email
	}
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO audit_log (at, user_id, user_name, action, entity, entity_id, before_json, after_json)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, fmtTime(t.now), userID, userName, action, entity, id, b, a)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

func jsonOrNull(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: audit json: %w", err)
	}
	return string(b), nil
}

// ListAudit returns audit entries, newest first.
func (db *DB) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	where, args := "1=1", []any{}
	if f.Entity != "" {
		where += " AND entity = ?"
		args = append(args, f.Entity)
	}
	if f.EntityID != 0 {
		where += " AND entity_id = ?"
		args = append(args, f.EntityID)
	}
	var total int
	if err := db.queryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count audit: %w", err)
	}
	limit, offset := limits(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT id, at, user_id, user_name, action, entity, entity_id, before_json, after_json
		FROM audit_log WHERE `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var at string
		var uid sql.NullInt64
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, &at, &uid, &e.UserName, &e.Action, &e.Entity, &e.EntityID, &before, &after); err != nil {
			return nil, 0, fmt.Errorf("store: scan audit: %w", err)
		}
		e.At = parseTime(at)
		e.UserID = intPtr(uid)
		if before.Valid {
			e.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			e.After = json.RawMessage(after.String)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}
