package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/hoptac/hoptac/internal/indicator"
)

const indicatorEntryColumns = `v.id, v.indicator, v.year, v.unit_code, v.value, v.source, COALESCE(u.name, ''), v.entered_at`

func scanIndicatorEntry(r rowScanner) (indicator.Entry, error) {
	var e indicator.Entry
	var at string
	err := r.Scan(&e.ID, &e.Indicator, &e.Year, &e.Unit, &e.Value, &e.Source, &e.EnteredBy, &at)
	e.EnteredAt = parseTime(at)
	return e, err
}

// IndicatorEntries returns the values entered for year (every unit),
// by indicator and unit.
func (db *DB) IndicatorEntries(ctx context.Context, year int) ([]indicator.Entry, error) {
	rows, err := db.query(ctx, `SELECT `+indicatorEntryColumns+` FROM indicator_values v
		LEFT JOIN users u ON u.id = v.entered_by WHERE v.year = ? ORDER BY v.indicator, v.unit_code`, year)
	out, err := scanAll(rows, err, scanIndicatorEntry)
	if err != nil {
		return nil, fmt.Errorf("store: indicator entries of %d: %w", year, err)
	}
	return out, nil
}

// PutIndicatorEntry stores e in a transaction of its own.
func (db *DB) PutIndicatorEntry(ctx context.Context, e *indicator.Entry) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.PutIndicatorEntry(ctx, e) })
}

// PutIndicatorEntry stores e (the caller has checked it), replacing the
// value of its indicator, year and unit, stamps who and when, and audits
// the change with the value before it.
func (t *Tx) PutIndicatorEntry(ctx context.Context, e *indicator.Entry) error {
	before, err := scanIndicatorEntry(t.queryRow(ctx, `SELECT `+indicatorEntryColumns+` FROM indicator_values v
		LEFT JOIN users u ON u.id = v.entered_by WHERE v.indicator = ? AND v.year = ? AND v.unit_code = ?`,
		e.Indicator, e.Year, e.Unit))
	had := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: indicator entry: %w", err)
	}
	userID, userName := actor(ctx)
	e.EnteredBy, e.EnteredAt = userName, t.now
	if had {
		e.ID = before.ID
		_, err = t.exec(ctx, `UPDATE indicator_values SET value = ?, source = ?, entered_by = ?, entered_at = ? WHERE id = ?`,
			e.Value, e.Source, userID, fmtTime(t.now), e.ID)
	} else {
		e.ID, err = t.insert(ctx, `INSERT INTO indicator_values (indicator, year, unit_code, value, source, entered_by, entered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, e.Indicator, e.Year, e.Unit, e.Value, e.Source, userID, fmtTime(t.now))
	}
	if err != nil {
		return fmt.Errorf("store: save indicator entry: %w", err)
	}
	if err := t.bumpPortal(ctx, "publication"); err != nil {
		return err
	}
	var old any
	if had {
		old = before
	}
	return t.audit(ctx, "update", "indicator_value", e.ID, old, *e)
}
