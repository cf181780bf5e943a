package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/vntext"
)

// plansByDocument is the query for the plans stored from one document:
// same number, issuer and issue date. Number and issuer compare as
// CreatePlan stores them (vntext.Clean), so spacing and NFD do not hide a
// duplicate. A plan without a number is never a duplicate: many hand-made
// plans have none.
func plansByDocument(number, issuer string, issuedOn *time.Time) (string, []any, bool) {
	number, issuer = vntext.Clean(number), vntext.Clean(issuer)
	if number == "" {
		return "", nil, false
	}
	q := `SELECT id FROM plans WHERE number = ? AND issuer = ? AND `
	args := []any{number, issuer}
	if issuedOn == nil {
		q += `issued_on IS NULL`
	} else {
		q += `issued_on = ?`
		args = append(args, fmtDate(issuedOn))
	}
	return q + ` ORDER BY id`, args, true
}

// PlansByDocument returns the IDs of the plans already stored from the
// document with this number, issuer and issue date, oldest first.
func (db *DB) PlansByDocument(ctx context.Context, number, issuer string, issuedOn *time.Time) ([]int64, error) {
	return readPlansByDocument(ctx, db, number, issuer, issuedOn)
}

// PlansByDocument is DB.PlansByDocument inside a write transaction, so the
// check and the insert it guards see the same data.
func (t *Tx) PlansByDocument(ctx context.Context, number, issuer string, issuedOn *time.Time) ([]int64, error) {
	return readPlansByDocument(ctx, t, number, issuer, issuedOn)
}

func readPlansByDocument(ctx context.Context, qr querier, number, issuer string, issuedOn *time.Time) ([]int64, error) {
	q, args, ok := plansByDocument(number, issuer, issuedOn)
	if !ok {
		return nil, nil
	}
	rows, err := qr.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: plans by document: %w", err)
	}
	return scanIDs(rows)
}
