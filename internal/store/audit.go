package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
)

// audit appends one entry in the same transaction as the change it
// describes, so a change and its record commit or vanish together.
func (t *Tx) audit(ctx context.Context, action, entity string, id int64, before, after any) error {
	if t.group != nil {
		return t.group.add(ctx, t, auditRow{action: action, entity: entity, id: id, before: before, after: after})
	}
	_, err := t.auditEntry(ctx, action, entity, id, before, after)
	return err
}

// auditEntry is audit that returns the new entry's ID, for a bulk change
// whose rows then point at it (auditBatch).
func (t *Tx) auditEntry(ctx context.Context, action, entity string, id int64, before, after any) (int64, error) {
	userID, userName := actor(ctx)
	b, err := jsonOrNull(before)
	if err != nil {
		return 0, err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return 0, err
	}
	entryID, err := t.insert(ctx, `INSERT INTO audit_log (at, user_id, user_name, action, entity, entity_id, before_json, after_json)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, fmtTime(t.now), userID, userName, action, entity, id, b, a)
	if err != nil {
		return 0, fmt.Errorf("store: audit: %w", err)
	}
	return entryID, nil
}

// auditRow is one row of a bulk change.
type auditRow struct {
	action, entity string
	id             int64
	before, after  any
}

// auditBatchSize is how many rows one INSERT carries: 9 arguments a row
// stays far below both backends' limit on bound parameters.
const auditBatchSize = 200

// auditBatch appends the rows of a bulk change, each pointing at the entry
// batch that sums the change up, a few multi-row statements for thousands
// of rows.
func (t *Tx) auditBatch(ctx context.Context, batch int64, rows []auditRow) error {
	userID, userName := actor(ctx)
	at := fmtTime(t.now)
	for start := 0; start < len(rows); start += auditBatchSize {
		chunk := rows[start:min(start+auditBatchSize, len(rows))]
		args := make([]any, 0, 9*len(chunk))
		for _, r := range chunk {
			b, err := jsonOrNull(r.before)
			if err != nil {
				return err
			}
			a, err := jsonOrNull(r.after)
			if err != nil {
				return err
			}
			args = append(args, at, userID, userName, r.action, r.entity, r.id, b, a, batch)
		}
		q := `INSERT INTO audit_log (at, user_id, user_name, action, entity, entity_id, before_json, after_json, batch_id) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?),", len(chunk)), ",")
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: audit batch: %w", err)
		}
	}
	return nil
}

// actor is who the log names for a change: the logged-in user, or the
// system for the CLI and loaders.
func actor(ctx context.Context) (any, string) {
	if u := auth.UserFrom(ctx); u != nil {
		return u.ID, u.Email
	}
	return nil, audit.SystemActor
}

func jsonOrNull(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok { // frozen by an audit group: already JSON
		if raw == nil {
			return nil, nil
		}
		return string(raw), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: audit json: %w", err)
	}
	return string(b), nil
}
