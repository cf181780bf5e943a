package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
)

const scheduleColumns = `id, plan_id, duty_id, frequency, cutoff, due_md, due_after, start_on, end_on, due_on,
	include_support, recipient, via`

func scanSchedule(r rowScanner) (report.Schedule, error) {
	var s report.Schedule
	var duty sql.NullInt64
	var start, end, due sql.NullString
	var support int
	err := r.Scan(&s.ID, &s.PlanID, &duty, &s.Frequency, &s.Cutoff, &s.DueMD, &s.DueAfter, &start, &end, &due,
		&support, &s.Recipient, &s.Via)
	s.DutyID, s.IncludeSupport = intPtr(duty), support == 1
	s.Start, s.End, s.Due = parseDate(start), parseDate(end), parseDate(due)
	return s, err
}

// Schedules lists a plan's reporting schedules in the order they were made.
func (db *DB) Schedules(ctx context.Context, planID int64) ([]report.Schedule, error) {
	rows, err := db.query(ctx, `SELECT `+scheduleColumns+` FROM reporting_schedules WHERE plan_id = ? ORDER BY id`, planID)
	list, err := scanAll(rows, err, scanSchedule)
	if err != nil {
		return nil, fmt.Errorf("store: schedules: %w", err)
	}
	return append([]report.Schedule{}, list...), nil
}

// Schedule returns one reporting schedule.
func (db *DB) Schedule(ctx context.Context, id int64) (report.Schedule, error) {
	return readSchedule(ctx, db, id)
}

func readSchedule(ctx context.Context, q querier, id int64) (report.Schedule, error) {
	s, err := scanSchedule(q.queryRow(ctx, `SELECT `+scheduleColumns+` FROM reporting_schedules WHERE id = ?`, id))
	return s, notFound(err, "error.schedule_not_found")
}

// ScheduleFor returns the plan's schedule whose frequency is the period's:
// the one a period key such as "2025-Q3" names. With several schedules of
// one frequency the first made wins.
func (db *DB) ScheduleFor(ctx context.Context, planID int64, p report.Period) (report.Schedule, error) {
	s, err := scanSchedule(db.queryRow(ctx, `SELECT `+scheduleColumns+` FROM reporting_schedules
		WHERE plan_id = ? AND frequency = ? ORDER BY id LIMIT 1`, planID, string(p.Frequency)))
	return s, notFound(err, "error.schedule_not_found")
}

// CreateSchedule adds a schedule to a plan, after Validate.
func (t *Tx) CreateSchedule(ctx context.Context, s *report.Schedule) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if _, err := readPlanTitle(ctx, t, s.PlanID); err != nil {
		return err
	}
	id, err := t.insert(ctx, `INSERT INTO reporting_schedules (plan_id, duty_id, frequency, cutoff, due_md, due_after,
		start_on, end_on, due_on, include_support, recipient, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.PlanID, nullInt(s.DutyID), string(s.Frequency), s.Cutoff, s.DueMD, s.DueAfter, fmtDate(s.Start), fmtDate(s.End),
		fmtDate(s.Due), boolInt(s.IncludeSupport), s.Recipient, s.Via)
	if err != nil {
		return fmt.Errorf("store: create schedule: %w", err)
	}
	s.ID = id
	return t.audit(ctx, "create", "schedule", id, nil, scheduleAudit(*s))
}

// UpdateSchedule changes a schedule's frequency, window, due rule and
// recipients; its plan stays.
func (t *Tx) UpdateSchedule(ctx context.Context, s *report.Schedule) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	before, err := readSchedule(ctx, t, s.ID)
	if err != nil {
		return err
	}
	s.PlanID, s.DutyID = before.PlanID, before.DutyID
	if _, err := t.exec(ctx, `UPDATE reporting_schedules SET frequency = ?, cutoff = ?, due_md = ?, due_after = ?,
		start_on = ?, end_on = ?, due_on = ?, include_support = ?, recipient = ?, via = ? WHERE id = ?`,
		string(s.Frequency), s.Cutoff, s.DueMD, s.DueAfter, fmtDate(s.Start), fmtDate(s.End), fmtDate(s.Due),
		boolInt(s.IncludeSupport), s.Recipient, s.Via, s.ID); err != nil {
		return fmt.Errorf("store: update schedule: %w", err)
	}
	return t.audit(ctx, "update", "schedule", s.ID, scheduleAudit(before), scheduleAudit(*s))
}

// scheduleRecord is what the audit log keeps of a schedule: what a
// coordinator sets (its plan is the entry's context).
type scheduleRecord struct {
	Frequency      report.Frequency `json:"frequency"`
	Cutoff         int              `json:"cutoff"`
	DueMD          string           `json:"due_md"`
	DueAfter       int              `json:"due_after"`
	Start          *time.Time       `json:"start"`
	End            *time.Time       `json:"end"`
	Due            *time.Time       `json:"due"`
	IncludeSupport bool             `json:"include_support"`
	Recipient      string           `json:"recipient"`
	Via            string           `json:"via"`
}

func scheduleAudit(s report.Schedule) scheduleRecord {
	return scheduleRecord{s.Frequency, s.Cutoff, s.DueMD, s.DueAfter, s.Start, s.End, s.Due, s.IncludeSupport, s.Recipient, s.Via}
}

// scheduleFromDuty makes an imported reporting duty a schedule with
// Decree 09's windows, so the plan's cycle runs from its import on.
func (t *Tx) scheduleFromDuty(ctx context.Context, planID int64, d plan.Duty) error {
	s := report.NewSchedule(report.Frequency(d.Frequency))
	s.PlanID, s.DutyID, s.DueMD, s.Recipient, s.Via = planID, &d.ID, d.Due, d.Recipient, d.Via
	if err := s.Validate(); err != nil {
		return err
	}
	_, err := t.insert(ctx, `INSERT INTO reporting_schedules (plan_id, duty_id, frequency, cutoff, due_md, due_after,
		include_support, recipient, via) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		planID, d.ID, string(s.Frequency), s.Cutoff, s.DueMD, s.DueAfter, s.Recipient, s.Via)
	if err != nil {
		return fmt.Errorf("store: schedule of duty: %w", err)
	}
	return nil
}

// readPlanTitle checks a plan exists, returning its title.
func readPlanTitle(ctx context.Context, q querier, planID int64) (string, error) {
	var title string
	err := q.queryRow(ctx, `SELECT title FROM plans WHERE id = ?`, planID).Scan(&title)
	return title, notFound(err, "error.plan_not_found")
}
