package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/report"
)

// ExpectedReports returns the reports period p of schedule s expects (see
// report.Expect), with the agency directory it was worked out from.
func (db *DB) ExpectedReports(ctx context.Context, s report.Schedule, p report.Period) ([]report.Expected, org.Directory, error) {
	return expectedReports(ctx, db, s, p)
}

func expectedReports(ctx context.Context, q querier, s report.Schedule, p report.Period) ([]report.Expected, org.Directory, error) {
	dir, err := agencyDirectory(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	members, err := designationMembers(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	w := s.Window(p)
	assigned, err := planAssigned(ctx, q, s.PlanID, s.IncludeSupport, w.Start)
	if err != nil {
		return nil, nil, err
	}
	return report.Expect(dir, members, assigned, w), dir, nil
}

// liveSQL keeps the tasks still owed in a period starting on the day given
// (the one ? argument): a task dropped before that day is no duty of the
// period, while one dropped during it was owed part of it and is reported on.
const liveSQL = `(t.dropped_on IS NULL OR t.dropped_on >= ?)`

// planAssigned lists the agencies leading a plan's tasks still owed in a
// period starting on from (liveSQL), and supporting them when support is true.
func planAssigned(ctx context.Context, q querier, planID int64, support bool, from time.Time) ([]int64, error) {
	rows, err := q.query(ctx, `SELECT DISTINCT ta.agency_id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
		WHERE t.plan_id = ? AND (ta.role = 'lead' OR ?) AND `+liveSQL+` ORDER BY ta.agency_id`,
		planID, support, today(from))
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: plan agencies: %w", err)
	}
	return ids, nil
}
