package store

// The WHERE clause of a task list: a plan, a group, an agency (with the
// agencies it succeeded), a status as of a day, and a search by text.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// agencySearchSQL selects the agencies a search reaches: those whose
// folded name or alias, or whose successor's folded name, contains the
// query (the same LIKE argument three times). A search for an agency finds
// its tasks, and one for a merged agency's new name the old agency's too.
const agencySearchSQL = `SELECT a.id FROM agencies a WHERE a.search_fold LIKE ? ESCAPE '\'
	OR a.id IN (SELECT x.agency_id FROM agency_aliases x WHERE x.alias_fold LIKE ? ESCAPE '\')
	OR a.successor_id IN (SELECT s.id FROM agencies s WHERE s.search_fold LIKE ? ESCAPE '\')
	ORDER BY a.id`

// searchAgencies resolves the agencies a search reaches before the task
// query: agencies are few, and with their ids as values the database reads
// only their tasks through task_agencies_agency, not every assignment.
func (db *DB) searchAgencies(ctx context.Context, q string) ([]int64, error) {
	like := "%" + vntext.EscapeLike(q) + "%"
	rows, err := db.query(ctx, agencySearchSQL, like, like, like)
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: search agencies: %w", err)
	}
	return ids, nil
}

// taskWhere builds the WHERE clause of a task list from fixed SQL pieces;
// only bound arguments carry the user's input. The search's text part
// comes from the dialect, which knows its trigram index.
// searchAgencyIDs are the agencies the query reaches (searchAgencies).
func taskWhere(d dialect, f plan.TaskFilter, agencyIDs, searchAgencyIDs []int64, indexed bool) (string, []any) {
	var conds []string
	var args []any
	if f.PlanID != 0 {
		conds = append(conds, "t.plan_id = ?")
		args = append(args, f.PlanID)
	}
	if f.GroupID != 0 {
		conds = append(conds, "t.group_id = ?")
		args = append(args, f.GroupID)
	}
	if len(agencyIDs) > 0 {
		// An uncorrelated IN lets the database read the agencies' rows
		// through task_agencies_agency once, rather than probe per task.
		conds = append(conds, "t.id IN (SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id IN ("+
			placeholders(len(agencyIDs))+"))")
		args = append(args, int64Args(agencyIDs)...)
	}
	if f.Status != "" {
		c, a := statusCond(f.Status, f.Today)
		conds, args = append(conds, c), append(args, a...)
	}
	if q := vntext.Fold(f.Query); q != "" {
		var agencyTasks string
		if len(searchAgencyIDs) > 0 {
			agencyTasks = "SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id IN (" +
				placeholders(len(searchAgencyIDs)) + ")"
		}
		if text, arg, ok := d.taskTextIDs(q); ok && indexed {
			// One uncorrelated IN: the database looks the text up in its
			// trigram index and the agencies' tasks up once, not per task.
			if agencyTasks != "" {
				text += " UNION " + agencyTasks
			}
			conds = append(conds, "t.id IN ("+text+")")
			args = append(args, arg)
		} else {
			// Too short for a trigram index, or a page of a search that
			// matches many tasks: test the folded text of the tasks the
			// rest of the filter leaves, in order.
			cond := `t.search_fold LIKE ? ESCAPE '\'`
			if agencyTasks != "" {
				cond = "(" + cond + " OR t.id IN (" + agencyTasks + "))"
			}
			conds = append(conds, cond)
			args = append(args, "%"+vntext.EscapeLike(q)+"%")
		}
		args = append(args, int64Args(searchAgencyIDs)...)
	}
	if len(conds) == 0 {
		return "1=1", nil
	}
	return strings.Join(conds, " AND "), args
}

// statusCond selects the tasks statusSQL gives status s, written as plain
// comparisons on the stored columns rather than the CASE itself: over a
// plan of thousands of tasks, the database compares index entries instead
// of evaluating the whole CASE for each. TestTaskStatusSQLAgreesWithEffective
// keeps the two in step.
func statusCond(s plan.Status, day time.Time) (string, []any) {
	const late = "(t.tf_due IS NOT NULL AND t.done_on IS NOT NULL AND t.done_on > t.tf_due)"
	switch s {
	case plan.StatusDoneLate:
		return "(t.status = 'done' AND " + late + ")", nil
	case plan.StatusDone:
		return "(t.status = 'done' AND NOT " + late + ")", nil
	case plan.StatusOverdue: // a dropped task is owed no more, so never overdue
		return "(t.status <> 'done' AND t.tf_due < ? AND t.dropped_on IS NULL)", []any{today(day)}
	default: // a recorded status that holds while the task is not overdue, or dropped
		return "(t.status = ? AND (t.tf_due IS NULL OR t.tf_due >= ? OR t.dropped_on IS NOT NULL))",
			[]any{string(s), today(day)}
	}
}

// searchWalkFrom is DB.searchWalkFrom's value: from about this many
// matches, walking the tasks in order to fill a page costs less than
// gathering and sorting every match the index finds (BenchmarkSearch).
const searchWalkFrom = 1000
