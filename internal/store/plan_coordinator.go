package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
)

// SetPlanCoordinator links a plan to the agency that coordinates it (the
// plan's text names it; this is the link). nil clears the link.
func (t *Tx) SetPlanCoordinator(ctx context.Context, planID int64, agencyID *int64) error {
	var before sql.NullInt64
	if err := t.queryRow(ctx, `SELECT coordinator_agency_id FROM plans WHERE id = ?`, planID).Scan(&before); err != nil {
		return notFound(err, "error.plan_not_found")
	}
	if agencyID != nil {
		if _, err := readAgency(ctx, t, *agencyID); err != nil {
			return err
		}
	}
	if _, err := t.exec(ctx, `UPDATE plans SET coordinator_agency_id = ? WHERE id = ?`, nullInt(agencyID), planID); err != nil {
		return fmt.Errorf("store: set coordinator: %w", err)
	}
	type link struct {
		CoordinatorAgencyID *int64 `json:"coordinator_agency_id"`
	}
	return t.audit(ctx, "update", "plan", planID, link{intPtr(before)}, link{agencyID})
}

// linkCoordinator links a plan being stored to the agency its coordinator
// text names, when one does: an import names "Sở Kế hoạch và Đầu tư" in
// words, and the link lets the coordinator's role follow succession.
func (t *Tx) linkCoordinator(ctx context.Context, planID int64, name string) error {
	if name == "" {
		return nil
	}
	a, err := agencyByName(ctx, t, name)
	if apperr.CodeOf(err) == apperr.NotFound || errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE plans SET coordinator_agency_id = ? WHERE id = ?`, a.ID, planID)
	return err
}

// PlanCoordinator returns the agency coordinating a plan on day: the
// linked agency, or its successor from the succession date (Sở Kế hoạch và
// Đầu tư's role passes to Sở Tài chính on 01/03/2025). ok is false when
// the plan has no link.
func (db *DB) PlanCoordinator(ctx context.Context, planID int64, day time.Time) (a org.Agency, ok bool, err error) {
	var id sql.NullInt64
	if err := db.queryRow(ctx, `SELECT coordinator_agency_id FROM plans WHERE id = ?`, planID).Scan(&id); err != nil {
		return a, false, notFound(err, "error.plan_not_found")
	}
	if !id.Valid {
		return a, false, nil
	}
	a, err = db.ResponsibleOn(ctx, id.Int64, day)
	return a, err == nil, err
}
