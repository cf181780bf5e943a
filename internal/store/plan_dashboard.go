package store

// The plan dashboard's task figures: how many tasks stand in each status,
// per group, and how many are overdue per agency responsible for them
// today. Each count is the total of a task list the plan page can show
// (status=, group=, agency=&status=overdue), and
// TestPlanTaskCountsMatchTheTaskList keeps them equal.

import (
	"context"
	"fmt"
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
// overdue tasks by responsible agency, as of day. Two queries over the
// plan's tasks whatever their number, and one over its agencies' chains.
func (db *DB) PlanTaskCounts(ctx context.Context, planID int64, day time.Time) (PlanTaskCounts, error) {
	out := PlanTaskCounts{ByGroup: map[int64]map[plan.Status]int{}}
	type groupStatus struct {
		group  int64
		status plan.Status
		n      int
	}
	rows, err := db.query(ctx, `SELECT t.group_id, `+statusSQL+`, COUNT(*) FROM tasks t WHERE t.plan_id = ?
		GROUP BY 1, 2`, today(day), planID)
	counts, err := scanAll(rows, err, func(r rowScanner) (groupStatus, error) {
		var g groupStatus
		err := r.Scan(&g.group, &g.status, &g.n)
		return g, err
	})
	if err != nil {
		return out, fmt.Errorf("store: task counts: %w", err)
	}
	for _, g := range counts {
		if out.ByGroup[g.group] == nil {
			out.ByGroup[g.group] = map[plan.Status]int{}
		}
		out.ByGroup[g.group][g.status] += g.n
	}

	overdue, args := statusCond(plan.StatusOverdue, day)
	type assignment struct{ task, agency int64 }
	rows, err = db.query(ctx, `SELECT DISTINCT ta.task_id, ta.agency_id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
		WHERE t.plan_id = ? AND `+overdue, append([]any{planID}, args...)...)
	assigned, err := scanAll(rows, err, func(r rowScanner) (assignment, error) {
		var a assignment
		err := r.Scan(&a.task, &a.agency)
		return a, err
	})
	if err != nil {
		return out, fmt.Errorf("store: overdue tasks by agency: %w", err)
	}
	if len(assigned) == 0 {
		return out, nil
	}
	today, err := db.responsibleToday(ctx, planID)
	if err != nil {
		return out, err
	}
	tasksOf := map[int64]map[int64]bool{} // agency responsible today -> its overdue tasks
	for _, a := range assigned {
		r := a.agency
		if s, ok := today[r]; ok {
			r = s
		}
		if tasksOf[r] == nil {
			tasksOf[r] = map[int64]bool{}
		}
		tasksOf[r][a.task] = true
	}
	agencies, err := db.PlanAgencies(ctx, planID)
	if err != nil {
		return out, err
	}
	for _, a := range agencies {
		if n := len(tasksOf[a.ID]); n > 0 {
			out.Overdue = append(out.Overdue, AgencyCount{Agency: a, Count: n})
		}
	}
	return out, nil
}

// responsibleToday maps each agency of a plan's tasks that was succeeded
// to the last agency of its chain, which holds its duties today (as the
// task page shows them, successors).
func (db *DB) responsibleToday(ctx context.Context, planID int64) (map[int64]int64, error) {
	rows, err := db.query(ctx, `WITH RECURSIVE chain (start, id, depth) AS (
			SELECT a.id, a.successor_id, 1 FROM agencies a
			WHERE a.successor_id IS NOT NULL AND a.id IN (SELECT ta.agency_id FROM task_agencies ta
				JOIN tasks t ON t.id = ta.task_id WHERE t.plan_id = ?)
			UNION ALL
			SELECT c.start, a.successor_id, c.depth + 1 FROM chain c JOIN agencies a ON a.id = c.id
			WHERE a.successor_id IS NOT NULL AND c.depth < ?)
		SELECT start, id FROM chain ORDER BY start, depth`, planID, maxSuccession)
	type link struct{ start, id int64 }
	links, err := scanAll(rows, err, func(r rowScanner) (link, error) {
		var l link
		err := r.Scan(&l.start, &l.id)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: responsible agencies: %w", err)
	}
	out := map[int64]int64{}
	for _, l := range links {
		out[l.start] = l.id // rows come by depth: the last one stays
	}
	return out, nil
}
