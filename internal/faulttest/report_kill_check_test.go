package faulttest

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/store"
)

// checkReports finds reports that are not in exactly one consistent
// state: a state other than where the last event took it, a sent report
// without its first sending time, an accepted one no accept event
// accounts for, a report without lines, a report locked for review (sent
// and not returned) whose narrative or lines are not what its last
// submit put there, and a report the scenario holds in the state its last
// acknowledged step left it that is found in another.
func checkReports(ctx context.Context, h *harness, db *store.DB) ([]string, error) {
	problems, err := h.reportsWhereAcknowledged(ctx, db)
	if err != nil {
		return nil, err
	}
	for _, q := range []struct{ what, sql string }{
		{"state is not where its last event took it", `SELECT s.id, s.state || ' / ' || COALESCE(e.to_state, 'no event')
			FROM report_submissions s LEFT JOIN report_events e
				ON e.id = (SELECT MAX(x.id) FROM report_events x WHERE x.submission_id = s.id)
			WHERE e.id IS NULL OR e.to_state <> s.state`},
		{"was sent but has no first_sent_at", `SELECT s.id, s.state FROM report_submissions s
			WHERE s.first_sent_at IS NULL AND (s.state <> 'draft'
				OR EXISTS (SELECT 1 FROM report_events e WHERE e.submission_id = s.id AND e.action = 'submit'))`},
		{"is accepted without an accept event", `SELECT s.id, s.state FROM report_submissions s
			WHERE s.state = 'accepted'
				AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.submission_id = s.id AND e.action = 'accept')`},
		{"has no lines", `SELECT s.id, s.state FROM report_submissions s
			WHERE NOT EXISTS (SELECT 1 FROM report_task_lines l WHERE l.submission_id = s.id)`},
		{"is locked with a narrative its last submit did not send", `SELECT s.id, e.comment || ' / ' || s.narrative
			FROM report_submissions s JOIN report_events e
				ON e.id = (SELECT MAX(x.id) FROM report_events x WHERE x.submission_id = s.id AND x.action = 'submit')
			WHERE s.state IN ('submitted', 'resubmitted', 'accepted') AND e.comment LIKE 'kill-test%'
				AND e.comment <> s.narrative`},
		{"is locked with a line its narrative does not match", `SELECT s.id, l.done || ' / ' || s.narrative
			FROM report_submissions s JOIN report_task_lines l ON l.submission_id = s.id
			WHERE s.state IN ('submitted', 'resubmitted', 'accepted') AND s.narrative LIKE 'kill-test%'
				AND l.done <> s.narrative`},
	} {
		found, err := reportProblems(ctx, db, q.what, q.sql)
		if err != nil {
			return nil, err
		}
		problems = append(problems, found...)
	}
	return problems, nil
}

// reportProblems runs one check's query: each row is a report and what
// is wrong with it.
func reportProblems(ctx context.Context, db *store.DB, what, query string) ([]string, error) {
	rows, err := db.SQL().QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer func() { _ = rows.Close() }() // read only
	var problems []string
	for rows.Next() {
		var id int64
		var detail string
		if err := rows.Scan(&id, &detail); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("report %d %s (%s)", id, what, detail))
	}
	return problems, rows.Err()
}

// reportsWhereAcknowledged lists the reports waiting in the workers'
// queues that are not in the state their last acknowledged step left
// them in. No step on them was in flight at the kill, so any other state
// is an acknowledged step undone or one never sent.
func (h *harness) reportsWhereAcknowledged(ctx context.Context, db *store.DB) ([]string, error) {
	rr := h.reports
	rr.mu.Lock()
	defer rr.mu.Unlock()
	var problems []string
	for _, q := range rr.pending {
		for _, at := range q {
			var state string
			err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT state FROM report_submissions WHERE id = ?`),
				at.id).Scan(&state)
			if err != nil {
				return nil, fmt.Errorf("report %d: %w", at.id, err)
			}
			if state != at.state {
				problems = append(problems, fmt.Sprintf("report %d is %s, acknowledged as %s", at.id, state, at.state))
			}
		}
	}
	return problems, nil
}
