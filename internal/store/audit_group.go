package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// auditGroup gathers the entries of a bulk change made of ordinary writes
// (an import of the register: one upsert per row) under one entry that
// sums the change up, so the log shows the import once and opens into its
// rows. The summing entry is written with the first row: an import that
// changes nothing leaves no trace. Rows are written auditBatchSize at a
// time, so memory stays bounded whatever the change's size.
type auditGroup struct {
	action, entity string
	summary        any
	head           int64
	rows           []auditRow
	// stmt writes one row on SQLite; prepared once for the group. A
	// multi-row INSERT would make SQLite journal every page it touches
	// for the statement, which costs more than the statements it saves.
	// PostgreSQL takes the rows in multi-row INSERTs (flush).
	stmt *sql.Stmt
}

// BeginAuditGroup makes every entry t audits until EndAuditGroup a row of
// one entry (action, entity, summary).
func (t *Tx) BeginAuditGroup(action, entity string, summary any) {
	t.group = &auditGroup{action: action, entity: entity, summary: summary}
}

// EndAuditGroup writes the rows still held and returns the summing
// entry's ID, 0 when nothing was audited.
func (t *Tx) EndAuditGroup(ctx context.Context) (int64, error) {
	g := t.group
	if g == nil {
		return 0, nil
	}
	t.group = nil
	err := g.flush(ctx, t)
	if g.stmt != nil {
		_ = g.stmt.Close() // nothing to flush
	}
	if err != nil {
		return 0, err
	}
	return g.head, nil
}

func (g *auditGroup) add(ctx context.Context, t *Tx, r auditRow) error {
	if g.head == 0 {
		id, err := t.auditEntry(ctx, g.action, g.entity, 0, nil, g.summary)
		if err != nil {
			return err
		}
		g.head = id
	}
	// The values are read now: a caller may reuse them for its next row.
	var err error
	if r.before, err = frozen(r.before); err != nil {
		return err
	}
	if r.after, err = frozen(r.after); err != nil {
		return err
	}
	g.rows = append(g.rows, r)
	if len(g.rows) >= auditBatchSize {
		return g.flush(ctx, t)
	}
	return nil
}

func (g *auditGroup) flush(ctx context.Context, t *Tx) error {
	if len(g.rows) == 0 {
		return nil
	}
	if t.d.name == "postgres" {
		// On PostgreSQL each statement is a round trip to the server: the
		// rows go a few hundred to a statement.
		if err := t.auditBatch(ctx, g.head, g.rows); err != nil {
			return err
		}
		clear(g.rows)
		g.rows = g.rows[:0]
		return nil
	}
	if g.stmt == nil {
		s, err := t.tx.PrepareContext(ctx, t.d.rebind(`INSERT INTO audit_log (at, user_id, user_name, action, entity,
			entity_id, before_json, after_json, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`))
		if err != nil {
			return fmt.Errorf("store: audit batch: %w", err)
		}
		g.stmt = s
	}
	userID, userName := actor(ctx)
	at := fmtTime(t.now)
	for i, r := range g.rows {
		b, err := jsonOrNull(r.before)
		if err != nil {
			return err
		}
		a, err := jsonOrNull(r.after)
		if err != nil {
			return err
		}
		if _, err := g.stmt.ExecContext(ctx, at, userID, userName, r.action, r.entity, r.id, b, a, g.head); err != nil {
			return fmt.Errorf("store: audit batch: %w", err)
		}
		g.rows[i] = auditRow{}
	}
	g.rows = g.rows[:0]
	return nil
}

// auditCompact audits a row of a bulk change in the compact form
// (compactAudit): for a new row its fields that are not zero, for a
// changed one its changes.
func (t *Tx) auditCompact(ctx context.Context, action, entity string, id int64, before, after any) error {
	b, a, err := compactAudit(before, after)
	if err != nil {
		return err
	}
	return t.audit(ctx, action, entity, id, b, a)
}

// frozen is v as the JSON the log will hold, nil for nil.
func frozen(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.RawMessage: // already JSON, made for this row (compactAudit)
		if x == nil {
			return nil, nil
		}
		return x, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: audit json: %w", err)
	}
	return json.RawMessage(b), nil
}
