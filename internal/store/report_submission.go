package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
)

const submissionColumns = `s.id, s.schedule_id, r.plan_id, s.period, s.agency_id, a.name, s.state, s.narrative,
	s.difficulties, s.proposals, s.due_on, s.first_sent_at, s.sent_at, s.late, s.updated_at`

func scanSubmission(r rowScanner) (report.Submission, error) {
	var s report.Submission
	var due string
	var first, sent sql.NullString
	var late int
	var updated string
	err := r.Scan(&s.ID, &s.ScheduleID, &s.PlanID, &s.Period, &s.AgencyID, &s.AgencyName, &s.State, &s.Narrative,
		&s.Difficulties, &s.Proposals, &due, &first, &sent, &late, &updated)
	if d := parseDate(sql.NullString{String: due, Valid: true}); d != nil {
		s.DueOn = *d
	}
	s.FirstSentAt, s.SentAt = timePtr(first), timePtr(sent)
	s.Late, s.UpdatedAt = late == 1, parseTime(updated)
	return s, err
}

// Submission returns an agency's report with its task lines and history.
func (db *DB) Submission(ctx context.Context, id int64) (report.Submission, error) {
	return readSubmission(ctx, db, id)
}

func readSubmission(ctx context.Context, q querier, id int64) (report.Submission, error) {
	s, err := scanSubmission(q.queryRow(ctx, `SELECT `+submissionColumns+` FROM report_submissions s
		JOIN reporting_schedules r ON r.id = s.schedule_id JOIN agencies a ON a.id = s.agency_id WHERE s.id = ?`, id))
	if err != nil {
		return s, notFound(err, "error.report_not_found")
	}
	rows, err := q.query(ctx, `SELECT l.task_id, t.code, t.content, l.status, l.done, l.figures, l.file_id,
		l.budget_estimated, l.budget_allocated, l.budget_spent, l.budget_source
		FROM report_task_lines l JOIN tasks t ON t.id = l.task_id WHERE l.submission_id = ? ORDER BY t.ordinal, t.id`, id)
	s.Lines, err = scanAll(rows, err, func(r rowScanner) (report.Line, error) {
		var l report.Line
		var file sql.NullInt64
		err := r.Scan(&l.TaskID, &l.TaskCode, &l.TaskContent, &l.Status, &l.Done, &l.Figures, &file,
			&l.Estimated, &l.Allocated, &l.Spent, &l.Source)
		l.FileID = intPtr(file)
		return l, err
	})
	if err != nil {
		return s, fmt.Errorf("store: report lines: %w", err)
	}
	rows, err = q.query(ctx, `SELECT action, from_state, to_state, comment, late, user_id, user_name, at
		FROM report_events WHERE submission_id = ? ORDER BY id`, id)
	s.Events, err = scanAll(rows, err, func(r rowScanner) (report.Event, error) {
		var e report.Event
		var late int
		var user sql.NullInt64
		var at string
		err := r.Scan(&e.Action, &e.From, &e.To, &e.Comment, &late, &user, &e.UserName, &at)
		e.Late, e.UserID, e.At = late == 1, intPtr(user), parseTime(at)
		return e, err
	})
	if err != nil {
		return s, fmt.Errorf("store: report history: %w", err)
	}
	s.Lines = append([]report.Line{}, s.Lines...)
	s.Events = append([]report.Event{}, s.Events...)
	return s, nil
}

// OpenSubmission returns an agency's report for a period of a plan,
// creating its draft the first time: one line per task the agency answers
// for, prefilled from the progress recorded on it during the period's
// window, so nobody types the same thing twice. Only an agency the period
// expects (or one whose duties its expected agency took over) has one.
func (t *Tx) OpenSubmission(ctx context.Context, planID int64, key string, agencyID int64) (report.Submission, error) {
	p, err := report.ParsePeriod(key)
	if err != nil {
		return report.Submission{}, err
	}
	s, err := scanSchedule(t.queryRow(ctx, `SELECT `+scheduleColumns+` FROM reporting_schedules
		WHERE plan_id = ? AND frequency = ? ORDER BY id LIMIT 1`, planID, string(p.Frequency)))
	if err != nil {
		return report.Submission{}, notFound(err, "error.schedule_not_found")
	}
	var id int64
	err = t.queryRow(ctx, `SELECT id FROM report_submissions WHERE schedule_id = ? AND period = ? AND agency_id = ?`,
		s.ID, p.Key(), agencyID).Scan(&id)
	if err == nil {
		return readSubmission(ctx, t, id)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return report.Submission{}, fmt.Errorf("store: open report: %w", err)
	}
	exp, _, err := expectedReports(ctx, t, s, p)
	if err != nil {
		return report.Submission{}, err
	}
	var covers []int64
	for _, e := range exp {
		if slices.Contains(e.Covers, agencyID) {
			covers = e.Covers
		}
	}
	if covers == nil {
		return report.Submission{}, apperr.New(apperr.NotFound, "error.report_not_expected")
	}
	w, due := s.Window(p), s.DueOn(p)
	id, err = t.insert(ctx, `INSERT INTO report_submissions (schedule_id, period, agency_id, state, due_on, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.ID, p.Key(), agencyID, string(report.Draft), fmtDate(&due),
		fmtTime(t.now), fmtTime(t.now))
	if err != nil {
		return report.Submission{}, fmt.Errorf("store: open report: %w", err)
	}
	if err := t.prefillLines(ctx, id, planID, covers, s.IncludeSupport, w); err != nil {
		return report.Submission{}, err
	}
	if err := t.reportEvent(ctx, id, report.Open, "", report.Draft, "", false); err != nil {
		return report.Submission{}, err
	}
	return readSubmission(ctx, t, id)
}

// prefillLines writes a draft's task lines: the tasks led (or supported)
// by the agencies in covers or by a designation they belong to, each with
// the last status recorded in the window and the notes of the window's
// progress entries, oldest first.
func (t *Tx) prefillLines(ctx context.Context, id, planID int64, covers []int64, support bool, w report.Window) error {
	in := placeholders(len(covers))
	args := append([]any{planID, support, today(w.Start)}, int64Args(covers)...)
	args = append(args, int64Args(covers)...)
	// A task dropped before the period began has no line (liveSQL).
	rows, err := t.query(ctx, `SELECT DISTINCT t.id, t.ordinal FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id
		WHERE t.plan_id = ? AND (ta.role = 'lead' OR ?) AND `+liveSQL+` AND (ta.agency_id IN (`+in+`)
			OR ta.agency_id IN (SELECT designation_id FROM designation_members WHERE member_id IN (`+in+`)))
		ORDER BY t.ordinal, t.id`, args...)
	type task struct{ id, ordinal int64 }
	tasks, err := scanAll(rows, err, func(r rowScanner) (task, error) {
		var x task
		err := r.Scan(&x.id, &x.ordinal)
		return x, err
	})
	if err != nil {
		return fmt.Errorf("store: report tasks: %w", err)
	}
	// The window's days run in Vietnam's time; progress times are UTC.
	from := fmtTime(w.Start.Add(-7 * time.Hour))
	to := fmtTime(w.End.AddDate(0, 0, 1).Add(-7 * time.Hour))
	for _, x := range tasks {
		rows, err := t.query(ctx, `SELECT status, note, file_id FROM progress WHERE task_id = ? AND created_at >= ?
			AND created_at < ? ORDER BY id`, x.id, from, to)
		type entry struct {
			status, note string
			file         sql.NullInt64
		}
		entries, err := scanAll(rows, err, func(r rowScanner) (entry, error) {
			var e entry
			err := r.Scan(&e.status, &e.note, &e.file)
			return e, err
		})
		if err != nil {
			return fmt.Errorf("store: report progress: %w", err)
		}
		var l report.Line
		var notes []string
		for _, e := range entries {
			l.Status = e.status
			if e.note != "" {
				notes = append(notes, e.note)
			}
			if e.file.Valid {
				l.FileID = intPtr(e.file)
			}
		}
		l.Done = joinNotes(notes)
		if _, err := t.exec(ctx, `INSERT INTO report_task_lines (submission_id, task_id, status, done, file_id)
			VALUES (?, ?, ?, ?, ?)`, id, x.id, l.Status, l.Done, nullInt(l.FileID)); err != nil {
			return fmt.Errorf("store: report line: %w", err)
		}
	}
	return nil
}

func joinNotes(notes []string) string {
	out := ""
	for i, n := range notes {
		if i > 0 {
			out += "\n"
		}
		out += n
	}
	if len([]rune(out)) > report.MaxLineLen {
		out = string([]rune(out)[:report.MaxLineLen])
	}
	return out
}

// validStatus is what a report line may say of a task.
func validStatus(s string) bool { return plan.Status(s).Recordable() }
