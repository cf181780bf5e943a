package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hoptac/hoptac/internal/plan"
)

// writePlanParts stores the documents a plan implements, its targets (each
// nested target after its parent) and its reporting duties.
func (t *Tx) writePlanParts(ctx context.Context, p *plan.Plan) error {
	for i, d := range p.Implements {
		if _, err := t.exec(ctx, `INSERT INTO plan_implements (plan_id, ordinal, number, doc_type, issuer, issued_on)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, i+1, d.Number, d.Type, d.Issuer, fmtDate(d.IssuedOn)); err != nil {
			return fmt.Errorf("store: plan implements %s: %w", d.Number, err)
		}
	}
	for i := range p.Targets {
		tg := &p.Targets[i]
		if tg.Parent != nil {
			parent := p.Targets[*tg.Parent].ID // Validate keeps parents before children
			tg.ParentID = &parent
		}
		var err error
		tg.ID, err = t.insert(ctx, `INSERT INTO targets (plan_id, ordinal, parent_id, text, measure, comparator,
			value, value_max, unit, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, i+1, nullInt(tg.ParentID), tg.Text, tg.Measure, tg.Comparator, nullFloat(tg.Value),
			nullFloat(tg.ValueMax), tg.Unit, fmtDate(tg.Due))
		if err != nil {
			return fmt.Errorf("store: target %d: %w", i+1, err)
		}
	}
	for i := range p.Reporting {
		d := &p.Reporting[i]
		var err error
		d.ID, err = t.insert(ctx, `INSERT INTO reporting_duties (plan_id, ordinal, frequency, due_md, recipient, via)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, i+1, d.Frequency, d.Due, d.Recipient, d.Via)
		if err != nil {
			return fmt.Errorf("store: reporting duty %d: %w", i+1, err)
		}
		if err := t.scheduleFromDuty(ctx, p.ID, *d); err != nil {
			return err
		}
	}
	return nil
}

// readPlanParts loads what writePlanParts stored.
func (db *DB) readPlanParts(ctx context.Context, p *plan.Plan) error {
	rows, err := db.query(ctx, `SELECT number, doc_type, issuer, issued_on FROM plan_implements
		WHERE plan_id = ? ORDER BY ordinal`, p.ID)
	docs, err := scanAll(rows, err, func(r rowScanner) (plan.DocRef, error) {
		var d plan.DocRef
		var issued sql.NullString
		err := r.Scan(&d.Number, &d.Type, &d.Issuer, &issued)
		d.IssuedOn = parseDate(issued)
		return d, err
	})
	if err != nil {
		return fmt.Errorf("store: plan implements: %w", err)
	}
	rows, err = db.query(ctx, `SELECT id, parent_id, text, measure, comparator, value, value_max, unit, due
		FROM targets WHERE plan_id = ? ORDER BY ordinal`, p.ID)
	targets, err := scanAll(rows, err, func(r rowScanner) (plan.Target, error) {
		var tg plan.Target
		var parent sql.NullInt64
		var value, valueMax sql.NullFloat64
		var due sql.NullString
		err := r.Scan(&tg.ID, &parent, &tg.Text, &tg.Measure, &tg.Comparator, &value, &valueMax, &tg.Unit, &due)
		tg.ParentID, tg.Value, tg.ValueMax, tg.Due = intPtr(parent), floatPtr(value), floatPtr(valueMax), parseDate(due)
		return tg, err
	})
	if err != nil {
		return fmt.Errorf("store: targets: %w", err)
	}
	rows, err = db.query(ctx, `SELECT id, frequency, due_md, recipient, via FROM reporting_duties
		WHERE plan_id = ? ORDER BY ordinal`, p.ID)
	duties, err := scanAll(rows, err, func(r rowScanner) (plan.Duty, error) {
		var d plan.Duty
		err := r.Scan(&d.ID, &d.Frequency, &d.Due, &d.Recipient, &d.Via)
		return d, err
	})
	if err != nil {
		return fmt.Errorf("store: reporting duties: %w", err)
	}
	p.Implements = append(p.Implements, docs...)
	p.Targets = append(p.Targets, targets...)
	p.Reporting = append(p.Reporting, duties...)
	return nil
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func floatPtr(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	v := f.Float64
	return &v
}
