package store

import (
	"context"
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
	if err := g.flush(ctx, t); err != nil {
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
	err := t.auditBatch(ctx, g.head, g.rows)
	g.rows = g.rows[:0]
	return err
}

// frozen is v as the JSON the log will hold, nil for nil.
func frozen(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: audit json: %w", err)
	}
	return json.RawMessage(b), nil
}
