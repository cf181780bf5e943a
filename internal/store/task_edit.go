package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Task edits change what the caches keep under a plan's shape (which
// tasks, their text and agencies; see listVersions). Every statement here
// runs in a transaction that ends with bumpShape, which the shape test
// (shape_internal_test.go) allows in this file alone.

// EditTask changes a task as the coordinator asks: the acting user must be
// allowed to edit tasks, and e.Rev, when given, must be the task's current
// revision, or the edit is refused as a conflict (someone changed it since
// the editor read it).
func (t *Tx) EditTask(ctx context.Context, taskID int64, e plan.TaskEdit) (plan.Task, error) {
	if u := auth.UserFrom(ctx); u != nil && !proposal.CanEditTasks(u) {
		return plan.Task{}, apperr.New(apperr.Forbidden, "error.forbidden")
	}
	action := plan.RevisionEdit
	if e.Drop {
		action = plan.RevisionDrop
	}
	return t.editTask(ctx, taskID, e, action, nil)
}

// editTask is the one path every change to an imported task takes, the
// coordinator's and an accepted proposal's alike.
func (t *Tx) editTask(ctx context.Context, taskID int64, e plan.TaskEdit, action string, proposalID *int64) (plan.Task, error) {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return plan.Task{}, err
	}
	// A no-op UPDATE locks the task's row first, as RecordProgress does, so
	// two edits at once cannot both pass the revision check.
	var rev, planID int64
	var content, tfText string
	var dropped sql.NullString
	var decision string
	var issued sql.NullString
	err := t.queryRow(ctx, `UPDATE tasks SET updated_at = updated_at WHERE id = ?
		RETURNING rev, plan_id, content, tf_text, dropped_on, drop_decision`, taskID).
		Scan(&rev, &planID, &content, &tfText, &dropped, &decision)
	if err != nil {
		return plan.Task{}, notFound(err, "error.task_not_found")
	}
	if e.Rev != nil && *e.Rev != rev {
		return plan.Task{}, apperr.New(apperr.Conflict, "error.task_changed")
	}
	if dropped.Valid {
		return plan.Task{}, apperr.New(apperr.Conflict, "error.task_dropped")
	}
	lead, support, err := t.assignedAgencies(ctx, taskID)
	if err != nil {
		return plan.Task{}, err
	}
	before, err := t.taskState(ctx, content, tfText, lead, support, false, "")
	if err != nil {
		return plan.Task{}, err
	}
	newLead, newSupport := lead, support
	if e.Lead != nil {
		newLead = uniqueIDs(e.Lead)
	}
	if e.Support != nil {
		newSupport = uniqueIDs(e.Support)
	}
	if err := plan.CheckAgencies(newLead, newSupport); err != nil {
		return plan.Task{}, err
	}
	if err := t.agenciesExist(ctx, append(slices.Clone(newLead), newSupport...)); err != nil {
		return plan.Task{}, err
	}
	if e.Content != nil {
		content = *e.Content
	}
	if err := t.queryRow(ctx, `SELECT issued_on FROM plans WHERE id = ?`, planID).Scan(&issued); err != nil {
		return plan.Task{}, fmt.Errorf("store: plan of task: %w", err)
	}
	var tf plan.Timeframe
	if e.Timeframe != nil {
		tf = plan.ParseTimeframe(*e.Timeframe, planYear(issued, t.now))
	}
	var droppedOn any
	if e.Drop {
		droppedOn, decision = plan.Today(t.now).Format(dateLayout), e.Decision
	}
	var code string
	if err := t.queryRow(ctx, `SELECT code FROM tasks WHERE id = ?`, taskID).Scan(&code); err != nil {
		return plan.Task{}, fmt.Errorf("store: task code: %w", err)
	}
	q := `UPDATE tasks SET content = ?, search_fold = ?, dropped_on = ?, drop_decision = ?, updated_at = ?, rev = rev + 1 WHERE id = ?`
	args := []any{content, vntext.Fold(code + " " + content), droppedOn, decision, fmtTime(t.now), taskID}
	if e.Timeframe != nil {
		if _, err := t.exec(ctx, `UPDATE tasks SET tf_kind = ?, tf_start = ?, tf_due = ?, tf_text = ? WHERE id = ?`,
			tf.Kind, fmtDate(tf.Start), fmtDate(tf.Due), tf.Text, taskID); err != nil {
			return plan.Task{}, fmt.Errorf("store: edit timeframe: %w", err)
		}
		tfText = tf.Text
	}
	if _, err := t.exec(ctx, q, args...); err != nil {
		return plan.Task{}, fmt.Errorf("store: edit task: %w", err)
	}
	if !slices.Equal(newLead, lead) || !slices.Equal(newSupport, support) {
		if err := t.setTaskAgencies(ctx, taskID, newLead, newSupport); err != nil {
			return plan.Task{}, err
		}
	}
	after, err := t.taskState(ctx, content, tfText, newLead, newSupport, e.Drop, decision)
	if err != nil {
		return plan.Task{}, err
	}
	if err := t.addRevision(ctx, taskID, action, &before, after, e.Reason, proposalID); err != nil {
		return plan.Task{}, err
	}
	// The log names a drop for what it is; every other change, the
	// coordinator's or an accepted proposal's, is an update of the task.
	if e.Drop {
		err = t.audit(ctx, "drop", "task", taskID, before, after)
	} else {
		err = t.audit(ctx, "update", "task", taskID, before, after)
	}
	if err != nil {
		return plan.Task{}, err
	}
	if err := t.bumpShape(ctx, planID); err != nil {
		return plan.Task{}, err
	}
	return plan.Task{ID: taskID, PlanID: planID, Rev: rev + 1}, nil
}

// AddTask adds a task to a group of a plan after its import, at the end of
// the group, and records it in the task's history.
func (t *Tx) AddTask(ctx context.Context, task *plan.Task, timeframe, reason string) error {
	if u := auth.UserFrom(ctx); u != nil && !proposal.CanEditTasks(u) {
		return apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var one int
	if err := t.queryRow(ctx, `SELECT 1 FROM plans WHERE id = ?`, task.PlanID).Scan(&one); err != nil {
		return notFound(err, "error.plan_not_found")
	}
	task.Content = vntext.Clean(task.Content)
	timeframe = vntext.Clean(timeframe)
	fe := apperr.FieldErrors{}
	if task.Content == "" {
		fe.Add("content", "error.field.required")
	}
	if timeframe == "" {
		fe.Add("timeframe", "error.field.required")
	}
	lead, support := refIDsOf(task.Lead), refIDsOf(task.Support)
	if err := plan.CheckAgencies(lead, support); err != nil {
		for k, v := range apperr.As(err).Fields {
			fe.Add(k, v)
		}
	}
	var issued sql.NullString
	var ordinal int
	err := t.queryRow(ctx, `SELECT p.issued_on, (SELECT COALESCE(MAX(ordinal), 0) FROM tasks WHERE group_id = g.id)
		FROM task_groups g JOIN plans p ON p.id = g.plan_id WHERE g.id = ? AND g.plan_id = ?`, task.GroupID, task.PlanID).
		Scan(&issued, &ordinal)
	if err != nil {
		if err == sql.ErrNoRows {
			fe.Add("group", "error.field.group")
		} else {
			return fmt.Errorf("store: task group: %w", err)
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if err := t.agenciesExist(ctx, append(slices.Clone(lead), support...)); err != nil {
		return err
	}
	task.Ordinal = ordinal + 1
	task.Timeframe = plan.ParseTimeframe(timeframe, planYear(issued, t.now))
	task.Recorded = plan.StatusNotStarted
	if err := t.createTask(ctx, task); err != nil {
		return err
	}
	after, err := t.taskState(ctx, task.Content, task.Timeframe.Text, lead, support, false, "")
	if err != nil {
		return err
	}
	if err := t.addRevision(ctx, task.ID, plan.RevisionCreate, nil, after, vntext.Clean(reason), nil); err != nil {
		return err
	}
	if err := t.audit(ctx, "create", "task", task.ID, nil, after); err != nil {
		return err
	}
	return t.bumpShape(ctx, task.PlanID)
}

// bumpShape moves a plan's revision and its shape's: lists keyed by
// either read the plan again.
func (t *Tx) bumpShape(ctx context.Context, planID int64) error {
	if _, err := t.exec(ctx, `UPDATE plans SET rev = rev + 1, shape_rev = shape_rev + 1 WHERE id = ?`, planID); err != nil {
		return fmt.Errorf("store: touch plan shape: %w", err)
	}
	return nil
}

// setTaskAgencies replaces a task's agencies.
func (t *Tx) setTaskAgencies(ctx context.Context, taskID int64, lead, support []int64) error {
	if _, err := t.exec(ctx, `DELETE FROM task_agencies WHERE task_id = ?`, taskID); err != nil {
		return fmt.Errorf("store: clear task agencies: %w", err)
	}
	for role, ids := range map[string][]int64{"lead": lead, "support": support} {
		for i, id := range ids {
			if _, err := t.exec(ctx, `INSERT INTO task_agencies (task_id, agency_id, role, ordinal) VALUES (?, ?, ?, ?)`,
				taskID, id, role, i+1); err != nil {
				return fmt.Errorf("store: task agency %d: %w", id, err)
			}
		}
	}
	return nil
}

// assignedAgencies returns a task's lead and supporting agencies as
// assigned, in order, without successors.
func (t *Tx) assignedAgencies(ctx context.Context, taskID int64) (lead, support []int64, err error) {
	rows, err := t.query(ctx, `SELECT agency_id, role FROM task_agencies WHERE task_id = ? ORDER BY role, ordinal`, taskID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: task agencies: %w", err)
	}
	defer rows.Close()
	lead, support = []int64{}, []int64{}
	for rows.Next() {
		var id int64
		var role string
		if err := rows.Scan(&id, &role); err != nil {
			return nil, nil, fmt.Errorf("store: scan task agency: %w", err)
		}
		if role == "lead" {
			lead = append(lead, id)
		} else {
			support = append(support, id)
		}
	}
	return lead, support, rows.Err()
}

// agenciesExist refuses agency IDs that name no agency, by field.
func (t *Tx) agenciesExist(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var n int
	uniq := uniqueIDs(ids)
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM agencies WHERE id IN (`+placeholders(len(uniq))+`)`,
		int64Args(uniq)...).Scan(&n); err != nil {
		return fmt.Errorf("store: check agencies: %w", err)
	}
	if n != len(uniq) {
		return apperr.FieldErrors{"lead": "error.field.agency_unknown"}.Err()
	}
	return nil
}

// taskState describes a task for its history, agencies by their names.
func (t *Tx) taskState(ctx context.Context, content, tf string, lead, support []int64, dropped bool, decision string) (plan.TaskState, error) {
	names, err := t.agencyNamesByID(ctx, uniqueIDs(append(slices.Clone(lead), support...)))
	if err != nil {
		return plan.TaskState{}, err
	}
	s := plan.TaskState{Content: content, Timeframe: tf, Lead: []string{}, Support: []string{}, Dropped: dropped, Decision: decision}
	for _, id := range lead {
		s.Lead = append(s.Lead, names[id])
	}
	for _, id := range support {
		s.Support = append(s.Support, names[id])
	}
	return s, nil
}

// addRevision appends a change to a task's history.
func (t *Tx) addRevision(ctx context.Context, taskID int64, action string, before *plan.TaskState, after plan.TaskState,
	reason string, proposalID *int64) error {
	var b any
	if before != nil {
		raw, err := json.Marshal(before)
		if err != nil {
			return fmt.Errorf("store: revision: %w", err)
		}
		b = string(raw)
	}
	a, err := json.Marshal(after)
	if err != nil {
		return fmt.Errorf("store: revision: %w", err)
	}
	userID, userName := actor(ctx)
	if _, err := t.exec(ctx, `INSERT INTO task_revisions (task_id, action, before_json, after_json, reason, proposal_id,
		user_id, user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		taskID, action, b, string(a), reason, nullInt(proposalID), userID, userName, fmtTime(t.now)); err != nil {
		return fmt.Errorf("store: revision: %w", err)
	}
	return nil
}

// TaskRevisions returns a task's history of changes after import, newest
// first.
func (db *DB) TaskRevisions(ctx context.Context, taskID int64) ([]plan.Revision, error) {
	rows, err := db.query(ctx, `SELECT id, task_id, action, before_json, after_json, reason, proposal_id, user_name, at
		FROM task_revisions WHERE task_id = ? ORDER BY id DESC`, taskID)
	return scanAll(rows, err, func(r rowScanner) (plan.Revision, error) {
		var v plan.Revision
		var before sql.NullString
		var after, at string
		var prop sql.NullInt64
		if err := r.Scan(&v.ID, &v.TaskID, &v.Action, &before, &after, &v.Reason, &prop, &v.UserName, &at); err != nil {
			return v, fmt.Errorf("store: scan revision: %w", err)
		}
		if before.Valid {
			v.Before = &plan.TaskState{}
			if err := json.Unmarshal([]byte(before.String), v.Before); err != nil {
				return v, fmt.Errorf("store: revision %d: %w", v.ID, err)
			}
		}
		if err := json.Unmarshal([]byte(after), &v.After); err != nil {
			return v, fmt.Errorf("store: revision %d: %w", v.ID, err)
		}
		v.ProposalID, v.At = intPtr(prop), parseTime(at)
		return v, nil
	})
}

// planYear is the year a timeframe without one is read in: the plan's
// own, else the current one.
func planYear(issued sql.NullString, now time.Time) int {
	if d := parseDate(issued); d != nil {
		return d.Year()
	}
	return plan.Today(now).Year()
}

// uniqueIDs keeps the first of each id, in order.
func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func refIDsOf(refs []plan.AgencyRef) []int64 {
	out := make([]int64, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

// agencyNamesByID maps each of ids to its agency's name.
func (t *Tx) agencyNamesByID(ctx context.Context, ids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	if len(ids) == 0 {
		return names, nil
	}
	rows, err := t.query(ctx, `SELECT id, name FROM agencies WHERE id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: agency names: %w", err)
	}
	defer func() { _ = rows.Close() }() // read only
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("store: agency names: %w", err)
		}
		names[id] = name
	}
	return names, rows.Err()
}
