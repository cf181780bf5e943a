package store

// The plan dashboard's task figures: how many tasks stand in each status,
// per group, and how many are overdue per agency responsible for them
// today. Each count is the total of a task list the plan page can show
// (status=, group=, agency=&status=overdue), and
// TestPlanTaskCountsMatchTheTaskList keeps them equal.

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
)

// PlanTaskCounts are a plan's task counts as of a day.
type PlanTaskCounts struct {
	// ByGroup maps a group's ID to its tasks' count per status, as the
	// task list computes status (statusSQL).
	ByGroup map[int64]map[plan.Status]int
	// Overdue lists, for each agency responsible today for an overdue
	// task (leading or supporting it, itself or through the agencies it
	// succeeded), how many it has, in the order of the plan page's agency
	// filter. A task with two agencies counts for each.
	Overdue []AgencyCount
}

// AgencyCount is a number of tasks of one agency.
type AgencyCount struct {
	Agency plan.AgencyRef
	Count  int
}

// ByStatus sums the counts of every group per status.
func (c PlanTaskCounts) ByStatus() map[plan.Status]int {
	out := map[plan.Status]int{}
	for _, g := range c.ByGroup {
		for s, n := range g {
			out[s] += n
		}
	}
	return out
}

// PlanTaskCounts counts a plan's tasks by group and status, and its
// overdue tasks by responsible agency, as of day. The plan's task rows are
// read once, into a materialised list of each task's group and status
// that both counts read (taskCountsSQL); then one query over its
// agencies' chains.
func (db *DB) PlanTaskCounts(ctx context.Context, planID int64, day time.Time) (PlanTaskCounts, error) {
	out := PlanTaskCounts{ByGroup: map[int64]map[plan.Status]int{}}
	// Each assignment counts for the agency responsible today, written
	// into the query as a CASE over the few agencies that were succeeded.
	agencies, err := db.PlanAgencies(ctx, planID)
	if err != nil {
		return out, err
	}
	today, err := db.responsibleToday(ctx, agencies)
	if err != nil {
		return out, err
	}
	q, args := taskCountsSQL(today, planID, day)
	type cell struct {
		group  int64
		status plan.Status
		agency sql.NullInt64 // set on the rows of the overdue count
		n      int
	}
	rows, err := db.query(ctx, q, args...)
	cells, err := scanAll(rows, err, func(r rowScanner) (cell, error) {
		var c cell
		err := r.Scan(&c.group, &c.status, &c.agency, &c.n)
		return c, err
	})
	if err != nil {
		return out, fmt.Errorf("store: task counts: %w", err)
	}
	count := map[int64]int{}
	for _, c := range cells {
		if c.agency.Valid {
			count[c.agency.Int64] = c.n
			continue
		}
		if out.ByGroup[c.group] == nil {
			out.ByGroup[c.group] = map[plan.Status]int{}
		}
		out.ByGroup[c.group][c.status] += c.n
	}
	for _, a := range agencies {
		if n := count[a.ID]; n > 0 {
			out.Overdue = append(out.Overdue, AgencyCount{Agency: a, Count: n})
		}
	}
	return out, nil
}

// taskCountsSQL reads a plan's tasks once into c, each with its group
// and status (statusSQL), materialised so that both counts read it: the
// tasks per group and status (agency NULL), and the overdue ones per
// agency responsible for them today (resp maps a succeeded agency to its
// successor), COUNT(DISTINCT) counting a task once when two of its
// agencies now answer to one.
func taskCountsSQL(resp map[int64]int64, planID int64, day time.Time) (string, []any) {
	agency, args := "ta.agency_id", []any{today(day), planID}
	if len(resp) > 0 {
		agency = "CASE ta.agency_id"
		for _, from := range slices.Sorted(maps.Keys(resp)) {
			agency += " WHEN ? THEN ?"
			args = append(args, from, resp[from])
		}
		agency += " ELSE ta.agency_id END"
	}
	return `WITH c AS MATERIALIZED (SELECT t.id, t.group_id, ` + statusSQL + ` AS st FROM tasks t WHERE t.plan_id = ?)
		SELECT c.group_id, c.st, CAST(NULL AS BIGINT), COUNT(*) FROM c GROUP BY c.group_id, c.st
		UNION ALL
		SELECT 0, 'overdue', ` + agency + `, COUNT(DISTINCT c.id) FROM c JOIN task_agencies ta ON ta.task_id = c.id
		WHERE c.st = 'overdue' GROUP BY 3`, args
}

// responsibleToday maps each of a plan's agencies (PlanAgencies: those
// of its tasks and their successors) that was succeeded to the last agency
// of its chain, which holds its duties today (as the task page shows
// them, successors).
func (db *DB) responsibleToday(ctx context.Context, agencies []plan.AgencyRef) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(agencies) == 0 {
		return out, nil
	}
	ids := make([]int64, len(agencies))
	for i, a := range agencies {
		ids[i] = a.ID
	}
	rows, err := db.query(ctx, `WITH RECURSIVE chain (start, id, depth) AS (
			SELECT a.id, a.successor_id, 1 FROM agencies a
			WHERE a.successor_id IS NOT NULL AND a.id IN (`+placeholders(len(ids))+`)
			UNION ALL
			SELECT c.start, a.successor_id, c.depth + 1 FROM chain c JOIN agencies a ON a.id = c.id
			WHERE a.successor_id IS NOT NULL AND c.depth < ?)
		SELECT start, id FROM chain ORDER BY start, depth`, append(int64Args(ids), maxSuccession)...)
	type link struct{ start, id int64 }
	links, err := scanAll(rows, err, func(r rowScanner) (link, error) {
		var l link
		err := r.Scan(&l.start, &l.id)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: responsible agencies: %w", err)
	}
	for _, l := range links {
		out[l.start] = l.id // rows come by depth: the last one stays
	}
	return out, nil
}
