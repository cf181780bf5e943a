package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/target"
	"github.com/hoptac/hoptac/internal/vntext"
)

const targetLinkColumns = `l.target_id, l.indicator, l.comparator, l.value, l.value_max, l.baseline_year,
	l.baseline_value, l.deadline, l.scope`

// TargetLinks returns the links of a plan's targets, by target ID.
func (db *DB) TargetLinks(ctx context.Context, planID int64) (map[int64]target.Link, error) {
	rows, err := db.query(ctx, `SELECT `+targetLinkColumns+` FROM target_links l
		JOIN targets t ON t.id = l.target_id WHERE t.plan_id = ?`, planID)
	list, err := scanAll(rows, err, scanTargetLink)
	if err != nil {
		return nil, fmt.Errorf("store: target links: %w", err)
	}
	out := make(map[int64]target.Link, len(list))
	for _, l := range list {
		out[l.TargetID] = l
	}
	return out, nil
}

func scanTargetLink(r rowScanner) (target.Link, error) {
	var l target.Link
	var valueMax, baseline sql.NullFloat64
	var deadline sql.NullString
	err := r.Scan(&l.TargetID, &l.Indicator, &l.Comparator, &l.Value, &valueMax, &l.BaselineYear, &baseline, &deadline, &l.Scope)
	l.ValueMax, l.BaselineValue = floatPtr(valueMax), floatPtr(baseline)
	if d := parseDate(deadline); d != nil {
		l.Deadline = *d
	}
	return l, err
}

// SaveTargetLink links a target of the plan to an indicator, or changes
// its link, and audits the change. The target must be the plan's and the
// scope, when set, a unit's code.
func (t *Tx) SaveTargetLink(ctx context.Context, planID int64, l *target.Link) error {
	l.Scope = vntext.Clean(l.Scope)
	if err := l.Validate(); err != nil {
		return err
	}
	var owner int64
	err := t.queryRow(ctx, `SELECT plan_id FROM targets WHERE id = ?`, l.TargetID).Scan(&owner)
	if err == nil && owner != planID {
		err = sql.ErrNoRows
	}
	if err != nil {
		return notFound(err, "error.target_not_found")
	}
	if l.Scope != "" {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE code = ?`, l.Scope).Scan(&n); err != nil {
			return fmt.Errorf("store: target link scope: %w", err)
		}
		if n == 0 {
			return apperr.FieldErrors{"scope": "error.field.target_scope"}.Err()
		}
	}
	before, err := scanTargetLink(t.queryRow(ctx, `SELECT `+targetLinkColumns+` FROM target_links l WHERE l.target_id = ?`, l.TargetID))
	had := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: target link: %w", err)
	}
	deadline := l.Deadline
	args := []any{l.Indicator, l.Comparator, l.Value, nullFloat(l.ValueMax), l.BaselineYear, nullFloat(l.BaselineValue),
		fmtDate(&deadline), l.Scope, fmtTime(t.now), l.TargetID}
	if had {
		_, err = t.exec(ctx, `UPDATE target_links SET indicator = ?, comparator = ?, value = ?, value_max = ?,
			baseline_year = ?, baseline_value = ?, deadline = ?, scope = ?, updated_at = ? WHERE target_id = ?`, args...)
	} else {
		_, err = t.exec(ctx, `INSERT INTO target_links (indicator, comparator, value, value_max, baseline_year,
			baseline_value, deadline, scope, updated_at, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	}
	if err != nil {
		return fmt.Errorf("store: save target link: %w", err)
	}
	if err := t.bumpPortal(ctx, "publication"); err != nil {
		return err
	}
	if had {
		return t.audit(ctx, "update", "target_link", l.TargetID, targetLinkAudit(before), targetLinkAudit(*l))
	}
	return t.audit(ctx, "create", "target_link", l.TargetID, nil, targetLinkAudit(*l))
}

// targetLinkRecord is what the audit log keeps of a link (its target is
// the entry's record).
type targetLinkRecord struct {
	Indicator     string    `json:"indicator"`
	Comparator    string    `json:"comparator"`
	Value         float64   `json:"value"`
	ValueMax      *float64  `json:"value_max"`
	BaselineYear  int       `json:"baseline_year"`
	BaselineValue *float64  `json:"baseline_value"`
	Deadline      time.Time `json:"deadline"`
	Scope         string    `json:"scope"`
}

func targetLinkAudit(l target.Link) targetLinkRecord {
	return targetLinkRecord{l.Indicator, l.Comparator, l.Value, l.ValueMax, l.BaselineYear, l.BaselineValue, l.Deadline, l.Scope}
}
