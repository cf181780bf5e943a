package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/report"
)

// ReportStatuses is ReportStatus for several periods of one plan, as the
// plan dashboard shows them side by side. Each period's status is built by
// the same code as the tracking page's; only the reading is shared: the
// agency directory, the designations and the plan's schedules once, and
// the plan's assignments once, summed per agency in SQL
// (liveAssignments), rather than a scan of every task of the plan for
// each period. TestReportStatusesAsOneByOne keeps the two equal.
func (db *DB) ReportStatuses(ctx context.Context, planID int64, keys []string) ([]ReportStatus, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	dir, err := agencyDirectory(ctx, db)
	if err != nil {
		return nil, err
	}
	members, err := designationMembers(ctx, db)
	if err != nil {
		return nil, err
	}
	live, err := liveAssignments(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	// The plan's schedules once, for reportStatus to pick each period's
	// by ScheduleFor's rule, rather than a query per period.
	schedules, err := db.Schedules(ctx, planID)
	if err != nil {
		return nil, err
	}
	if schedules == nil {
		schedules = []report.Schedule{} // nil would make reportStatus ask again
	}
	expect := func(_ context.Context, s report.Schedule, p report.Period) ([]report.Expected, org.Directory, error) {
		w := s.Window(p)
		return report.Expect(dir, members, live.assigned(s.IncludeSupport, w.Start), w), dir, nil
	}
	out := make([]ReportStatus, 0, len(keys))
	for _, k := range keys {
		st, err := db.reportStatus(ctx, planID, k, expect, schedules)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// agencyLive says until when an agency is owed reports on a plan's tasks:
// as a lead and in any role, each either for good (a task not dropped) or
// up to the last day one of its tasks was dropped.
type agencyLive struct {
	agency             int64
	leadAlways, always bool
	leadUntil, until   *time.Time
}

type liveSet []agencyLive

// liveAssignments sums a plan's assignments per agency and role in one
// pass over them: how many tasks each holds, how many of those were
// dropped, and when last. tasks_plan_cover holds dropped_on (migration
// 00026), so the task side is read from the index alone. An agency holds
// a task for good when it holds more tasks than were dropped.
func liveAssignments(ctx context.Context, q querier, planID int64) (liveSet, error) {
	type count struct {
		agency  int64
		lead    bool
		held    int
		dropped int
		until   *time.Time
	}
	rows, err := q.query(ctx, `SELECT ta.agency_id, ta.role, COUNT(*), COUNT(t.dropped_on), MAX(t.dropped_on)
		FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id WHERE t.plan_id = ?
		GROUP BY ta.agency_id, ta.role ORDER BY ta.agency_id, ta.role`, planID)
	held, err := scanAll(rows, err, func(r rowScanner) (count, error) {
		var c count
		var role string
		var until sql.NullString
		err := r.Scan(&c.agency, &role, &c.held, &c.dropped, &until)
		c.lead, c.until = role == "lead", parseDate(until)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: plan assignments: %w", err)
	}
	at := map[int64]int{} // agency -> its index in out
	var out liveSet
	for _, h := range held {
		i, ok := at[h.agency]
		if !ok {
			i = len(out)
			at[h.agency] = i
			out = append(out, agencyLive{agency: h.agency})
		}
		a := &out[i]
		always := h.held > h.dropped
		a.always = a.always || always
		a.until = later(a.until, h.until)
		if h.lead {
			a.leadAlways = a.leadAlways || always
			a.leadUntil = later(a.leadUntil, h.until)
		}
	}
	return out, nil
}

// assigned is planAssigned over the summed rows: the agencies leading (or
// with support, leading or supporting) a task still owed in a period
// starting on from (liveSQL: not dropped, or dropped on or after from).
func (l liveSet) assigned(support bool, from time.Time) []int64 {
	day := today(from)
	owed := func(always bool, until *time.Time) bool {
		return always || until != nil && until.Format(dateLayout) >= day
	}
	var out []int64
	for _, a := range l {
		if owed(a.leadAlways, a.leadUntil) || support && owed(a.always, a.until) {
			out = append(out, a.agency)
		}
	}
	slices.Sort(out)
	return out
}

func later(a, b *time.Time) *time.Time {
	if a == nil || b != nil && b.After(*a) {
		return b
	}
	return a
}
