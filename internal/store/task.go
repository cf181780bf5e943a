package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// statusSQL computes a task's status as the user sees it, from the recorded
// status, the day it was done, its due date, whether it was dropped and
// today (the one ? argument). plan.TaskStatus is the same rule in Go; store
// tests keep them in step.
const statusSQL = `CASE
	WHEN t.status = 'done' AND t.tf_due IS NOT NULL AND t.done_on > t.tf_due THEN 'done_late'
	WHEN t.status = 'done' THEN 'done'
	WHEN t.dropped_on IS NULL AND t.tf_due IS NOT NULL AND t.tf_due < ? THEN 'overdue'
	ELSE t.status END`

const taskColumns = `t.id, t.plan_id, t.group_id, g.code, t.code, t.ordinal, t.content,
	t.tf_kind, t.tf_start, t.tf_due, t.tf_text, t.status, t.percent, t.done_on, t.extra_json,
	t.rev, t.dropped_on, t.drop_decision`

// scanTask reads the taskColumns of a row, and into more whatever columns
// the query selects after them.
func scanTask(row interface{ Scan(...any) error }, more ...any) (plan.Task, error) {
	var t plan.Task
	var start, due, done, dropped sql.NullString
	var percent sql.NullInt64
	var extra, decision string
	err := row.Scan(append([]any{&t.ID, &t.PlanID, &t.GroupID, &t.GroupCode, &t.Code, &t.Ordinal, &t.Content,
		&t.Timeframe.Kind, &start, &due, &t.Timeframe.Text, &t.Recorded, &percent, &done, &extra,
		&t.Rev, &dropped, &decision}, more...)...)
	if on := parseDate(dropped); on != nil {
		t.Dropped = &plan.Drop{On: *on, Decision: decision}
	}
	if extra != "" && err == nil {
		// Written by createTask from a map; a row that does not parse is
		// damage to report, not to show as a task without its columns.
		if jerr := json.Unmarshal([]byte(extra), &t.Extra); jerr != nil {
			err = fmt.Errorf("store: task %d extra columns: %w", t.ID, jerr)
		}
	}
	t.Timeframe.Start, t.Timeframe.Due, t.DoneOn = parseDate(start), parseDate(due), parseDate(done)
	if percent.Valid {
		p := int(percent.Int64)
		t.Percent = &p
	}
	t.Lead, t.Support = []plan.AgencyRef{}, []plan.AgencyRef{}
	return t, err
}

// taskPositionStride spaces groups in tasks.position (migration 00004 uses
// the same number): room for a million tasks per group.
const taskPositionStride = "1000000"

func today(t time.Time) string { return t.Format(dateLayout) }

// Tasks lists tasks in plan order (or most urgent first), with their
// agencies, as of f.Today. PerPage -1 returns every match: only for a
// single plan's page, whose size the plan bounds.
func (db *DB) Tasks(ctx context.Context, f plan.TaskFilter) ([]plan.Task, int, error) {
	if f.Today.IsZero() {
		// One "today" for the SQL filter and the computed labels alike.
		f.Today = plan.Today(db.Now())
	}
	vs, err := db.versions(ctx, f.PlanID)
	if err != nil {
		return nil, 0, err
	}
	version, cacheable := vs.full, vs.ok
	key := taskCacheKey(version, f)
	if cacheable {
		if p, ok := db.tasks.Get(key); ok {
			tasks, total := cachedTasks(p)
			return tasks, total, nil
		}
	}
	if !cacheable {
		vs = listVersions{} // no such plan: nothing of this list is kept
	}
	tasks, total, err := db.tasksUncached(ctx, f, vs)
	if err == nil && cacheable {
		db.tasks.Put(key, taskPage{tasks: tasks, total: total}, len(tasks)+1)
		tasks = slices.Clone(tasks)
	}
	return tasks, total, err
}

// tasksUncached reads a page of tasks from the database. Its total is the
// same for every page of one filter, so it is kept under the data's
// version (when there is one) and counted once for all of them: under the
// shape when the filter has no status, as then no progress can change it.
func (db *DB) tasksUncached(ctx context.Context, f plan.TaskFilter, vs listVersions) ([]plan.Task, int, error) {
	var agencyIDs []int64
	if f.AgencyID != 0 {
		var err error
		if agencyIDs, err = db.predecessors(ctx, f.AgencyID); err != nil {
			return nil, 0, err
		}
	}
	var searchAgencyIDs []int64
	if q := vntext.Fold(f.Query); q != "" {
		var err error
		if searchAgencyIDs, err = db.searchAgencies(ctx, q); err != nil {
			return nil, 0, err
		}
	}
	where, args := taskWhere(db.d, f, agencyIDs, searchAgencyIDs, true)
	if f.Status == "" && !f.UrgentFirst && vs.ok {
		return db.tasksOfShape(ctx, f, vs, where, args)
	}
	whole := f
	whole.Page, whole.PerPage, whole.UrgentFirst = 0, 0, false
	version := vs.full
	if f.Status == "" {
		// Without a status the match does not depend on the day either.
		version, whole.Today = vs.shape, time.Time{}
	}
	totalKey := cachekey.Of(struct {
		Version string
		Filter  plan.TaskFilter
	}{version, whole})
	total, counted := db.taskTotals.Get(totalKey)
	if !counted || !vs.ok {
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM tasks t WHERE `+where, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: count tasks: %w", err)
		}
		if vs.ok {
			db.taskTotals.Put(totalKey, total, 1)
		}
	}
	if total == 0 {
		return []plan.Task{}, 0, nil
	}
	if f.Query != "" && total >= db.searchWalkFrom {
		// The index finds a rare text at once, but every match of a
		// common one must be gathered before the first page can be
		// sorted. When matches are many they are also dense: walking the
		// tasks in page order and testing each stops after a page's worth.
		where, args = taskWhere(db.d, f, agencyIDs, searchAgencyIDs, false)
	}
	order := "t.plan_id, t.position"
	var orderArgs []any
	if f.UrgentFirst {
		// Overdue first, then what falls due soonest; ongoing and
		// dropped tasks last, as nothing more is owed on them.
		order = `CASE WHEN (` + statusSQL + `) = 'overdue' THEN 0
			WHEN t.status <> 'done' AND t.tf_due IS NOT NULL AND t.dropped_on IS NULL THEN 1 ELSE 2 END,
			t.tf_due NULLS LAST, ` + order
		orderArgs = append(orderArgs, today(f.Today))
	}
	// The page's IDs and revisions come from the covering index alone: the
	// rows skipped to reach page N are index entries, not tasks read and
	// joined. The rows themselves mostly come from memory (task_rows.go).
	q := `SELECT t.id, t.rev FROM tasks t WHERE ` + where + ` ORDER BY ` + order
	all := append(append([]any{}, args...), orderArgs...)
	if f.PerPage >= 0 {
		limit, offset := limits(f.Page, f.PerPage)
		q += ` LIMIT ? OFFSET ?`
		all = append(all, limit, offset)
	}
	out, err := db.pageRows(ctx, vs, func() ([]taskRef, error) { return db.taskRefs(ctx, q, all) })
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].Compute(f.Today)
	}
	return out, total, nil
}

// taskRefs runs a query of task IDs and revisions.
func (db *DB) taskRefs(ctx context.Context, q string, args []any) ([]taskRef, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list tasks: %w", err)
	}
	return scanRefs(rows)
}

// scanRefs reads rows of (id, rev) and closes them.
func scanRefs(rows *sql.Rows) ([]taskRef, error) {
	defer rows.Close()
	var refs []taskRef
	for rows.Next() {
		var r taskRef
		if err := rows.Scan(&r.id, &r.rev); err != nil {
			return nil, fmt.Errorf("store: scan task: %w", err)
		}
		refs = append(refs, r)
	}
	return refs, rows.Err()
}

// Task returns one task with its agencies and the newest page of its
// progress history (TaskProgress has the rest).
func (db *DB) Task(ctx context.Context, id int64, todayT time.Time) (plan.Task, error) {
	t, err := scanTask(db.queryRow(ctx, `SELECT `+taskColumns+` FROM tasks t
		JOIN task_groups g ON g.id = t.group_id WHERE t.id = ?`, id))
	if err != nil {
		return t, notFound(err, "error.task_not_found")
	}
	tasks := []plan.Task{t}
	if err := db.attachAgencies(ctx, tasks); err != nil {
		return t, err
	}
	t = tasks[0]
	if todayT.IsZero() {
		todayT = plan.Today(db.Now())
	}
	t.Compute(todayT)
	t.Progress, t.ProgressTotal, err = db.TaskProgress(ctx, id, 1, DefaultPerPage)
	return t, err
}

// attachAgencies loads lead and supporting agencies for a page of tasks in
// one query.
func (db *DB) attachAgencies(ctx context.Context, tasks []plan.Task) error {
	if len(tasks) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(tasks))
	ids := make([]int64, len(tasks))
	for i, t := range tasks {
		idx[t.ID], ids[i] = i, t.ID
	}
	successors, err := db.successors(ctx, ids)
	if err != nil {
		return err
	}
	rows, err := db.query(ctx, `SELECT ta.task_id, ta.role, a.id, a.name, a.collective
		FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id
		WHERE ta.task_id IN (`+placeholders(len(ids))+`) ORDER BY ta.task_id, ta.role, ta.ordinal`, int64Args(ids)...)
	if err != nil {
		return fmt.Errorf("store: task agencies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var taskID int64
		var role string
		var ref plan.AgencyRef
		var collective int
		if err := rows.Scan(&taskID, &role, &ref.ID, &ref.Name, &collective); err != nil {
			return fmt.Errorf("store: scan task agency: %w", err)
		}
		ref.Collective = collective == 1
		ref.Handovers = successors[ref.ID] // Compute resolves them for the day
		t := &tasks[idx[taskID]]
		if role == "lead" {
			t.Lead = append(t.Lead, ref)
		} else {
			t.Support = append(t.Support, ref)
		}
	}
	return rows.Err()
}

func (t *Tx) createTask(ctx context.Context, task *plan.Task) error {
	task.Content = strings.TrimSpace(vntext.Normalize(task.Content))
	task.Code = vntext.Clean(task.Code)
	task.Timeframe.Text = vntext.Clean(task.Timeframe.Text)
	if task.Timeframe.Kind == "" {
		task.Timeframe.Kind = plan.TimeframeText
	}
	if task.Recorded == "" {
		task.Recorded = plan.StatusNotStarted
	}
	if !task.Recorded.Recordable() {
		// Overdue and done-late are computed; storing them would freeze them.
		return apperr.FieldErrors{"status": "error.field.status"}.Err()
	}
	extra := ""
	if len(task.Extra) > 0 {
		b, err := json.Marshal(task.Extra)
		if err != nil {
			return fmt.Errorf("store: task %s extra: %w", task.Code, err)
		}
		extra = string(b)
	}
	var err error
	task.ID, err = t.insert(ctx, `INSERT INTO tasks (plan_id, group_id, code, ordinal, position, content, search_fold,
		tf_kind, tf_start, tf_due, tf_text, status, extra_json, updated_at)
		VALUES (?, ?, ?, ?, (SELECT ordinal FROM task_groups WHERE id = ?) * `+taskPositionStride+` + ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		task.PlanID, task.GroupID, task.Code, task.Ordinal, task.GroupID, task.Ordinal, task.Content, vntext.Fold(task.Code+" "+task.Content),
		task.Timeframe.Kind, fmtDate(task.Timeframe.Start), fmtDate(task.Timeframe.Due), task.Timeframe.Text,
		task.Recorded, extra, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: create task %s: %w", task.Code, err)
	}
	for role, refs := range map[string][]plan.AgencyRef{"lead": task.Lead, "support": task.Support} {
		for i, r := range refs {
			if _, err := t.exec(ctx, `INSERT INTO task_agencies (task_id, agency_id, role, ordinal) VALUES (?, ?, ?, ?)`,
				task.ID, r.ID, role, i+1); err != nil {
				return fmt.Errorf("store: task %s agency %d: %w", task.Code, r.ID, err)
			}
		}
	}
	return nil
}

// taskAgencyIDs returns a task's lead and supporting agency IDs, with the
// agency answering for each today, inside a transaction: the authorization
// check that guards a write. It follows the succession dates as the task
// page does (plan.AgencyIDsOn), so the page never offers a write the store
// refuses, nor the store accepts one the page hides.
func (t *Tx) taskAgencyIDs(ctx context.Context, taskID int64) (lead, support []int64, err error) {
	type assignment struct {
		agency int64
		role   string
	}
	rows, err := t.query(ctx, `SELECT agency_id, role FROM task_agencies WHERE task_id = ?`, taskID)
	list, err := scanAll(rows, err, func(r rowScanner) (assignment, error) {
		var a assignment
		err := r.Scan(&a.agency, &a.role)
		return a, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: task agencies: %w", err)
	}
	var leadRefs, supportRefs []plan.AgencyRef
	for _, a := range list {
		ref := plan.AgencyRef{ID: a.agency}
		if ref.Handovers, err = handovers(ctx, t, a.agency); err != nil {
			return nil, nil, err
		}
		if a.role == "lead" {
			leadRefs = append(leadRefs, ref)
		} else {
			supportRefs = append(supportRefs, ref)
		}
	}
	day := plan.Today(t.now)
	return plan.AgencyIDsOn(leadRefs, day), plan.AgencyIDsOn(supportRefs, day), nil
}
