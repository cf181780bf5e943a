package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
)

func scanStatus(r rowScanner) (coop.Status, error) {
	var s coop.Status
	var on string
	var until sql.NullString
	var merged sql.NullInt64
	err := r.Scan(&s.ID, &s.OrganisationID, &s.Kind, &on, &until, &merged, &s.Document, &s.Note)
	if d := parseDate(sql.NullString{String: on, Valid: true}); d != nil {
		s.On = *d
	}
	s.Until, s.MergedInto = parseDate(until), intPtr(merged)
	return s, err
}

// Statuses returns an organisation's status history, oldest first.
func (db *DB) Statuses(ctx context.Context, orgID int64) ([]coop.Status, error) {
	return statuses(ctx, db, orgID)
}

func statuses(ctx context.Context, q querier, orgID int64) ([]coop.Status, error) {
	rows, err := q.query(ctx, `SELECT id, organisation_id, status, on_date, until_date, merged_into, document, note
		FROM organisation_statuses WHERE organisation_id = ? ORDER BY on_date, id`, orgID)
	out, err := scanAll(rows, err, scanStatus)
	if err != nil {
		return nil, fmt.Errorf("store: statuses: %w", err)
	}
	return out, nil
}

// AddStatus appends an entry to an organisation's history and sets its
// current status to where the history now ends (an entry dated before the
// latest one corrects the past without changing the present).
func (t *Tx) AddStatus(ctx context.Context, s *coop.Status) error {
	s.Normalize()
	s.On = *coop.DayOf(&s.On)
	s.Until = coop.DayOf(s.Until)
	if err := s.Validate(); err != nil {
		return err
	}
	org, err := t.OrganisationForUpdate(ctx, s.OrganisationID)
	if err != nil {
		return err
	}
	if s.MergedInto != nil {
		if _, err := readOrganisation(ctx, t, *s.MergedInto); err != nil {
			if apperr.CodeOf(err) == apperr.NotFound {
				return apperr.FieldErrors{"merged_into": "error.field.organisation_missing"}.Err()
			}
			return err
		}
	}
	s.ID, err = t.insert(ctx, `INSERT INTO organisation_statuses (organisation_id, status, on_date, until_date,
		merged_into, document, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.OrganisationID, s.Kind,
		fmtDate(&s.On), fmtDate(s.Until), nullInt(s.MergedInto), s.Document, s.Note, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: add status: %w", err)
	}
	history, err := statuses(ctx, t, s.OrganisationID)
	if err != nil {
		return err
	}
	if cur := coop.Current(history); cur != org.Status {
		if err := t.settle(ctx); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE organisations SET status = ?, updated_at = ? WHERE id = ?`,
			cur, fmtTime(t.now), s.OrganisationID); err != nil {
			return fmt.Errorf("store: set status: %w", err)
		}
	}
	return t.audit(ctx, "create", "organisation_status", s.ID, nil, s)
}
