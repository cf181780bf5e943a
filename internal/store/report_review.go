package store

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/vntext"
)

// SaveSubmission stores what an agency wrote in its report: the general
// texts and its task lines, matched by task. Only a draft or a returned
// report can change; lines name tasks the report already holds.
func (t *Tx) SaveSubmission(ctx context.Context, s *report.Submission) error {
	s.Normalize()
	if err := s.Validate(validStatus); err != nil {
		return err
	}
	before, err := readSubmission(ctx, t, s.ID)
	if err != nil {
		return err
	}
	if !before.State.Editable() {
		return apperr.New(apperr.Conflict, "error.report.locked")
	}
	held := map[int64]*int64{} // task -> the evidence file its line holds
	for _, l := range before.Lines {
		held[l.TaskID] = l.FileID
	}
	fe := apperr.FieldErrors{}
	for i, l := range s.Lines {
		file, ok := held[l.TaskID]
		switch {
		case !ok:
			fe.Add(fmt.Sprintf("lines.%d.task_id", i+1), "error.field.report_task")
		case l.FileID != nil && (file == nil || *file != *l.FileID):
			// A line keeps its file or drops it; a new one comes through
			// AttachReportFile. Naming any file's number here would let a
			// report link, and so serve, another agency's evidence.
			fe.Add(fmt.Sprintf("lines.%d.file_id", i+1), "error.field.report_file")
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE report_submissions SET narrative = ?, difficulties = ?, proposals = ?, updated_at = ?
		WHERE id = ?`, s.Narrative, s.Difficulties, s.Proposals, fmtTime(t.now), s.ID); err != nil {
		return fmt.Errorf("store: save report: %w", err)
	}
	for _, l := range s.Lines {
		if _, err := t.exec(ctx, `UPDATE report_task_lines SET status = ?, done = ?, figures = ?, file_id = ?,
			budget_estimated = ?, budget_allocated = ?, budget_spent = ?, budget_source = ?
			WHERE submission_id = ? AND task_id = ?`, l.Status, l.Done, l.Figures, nullInt(l.FileID),
			l.Estimated, l.Allocated, l.Spent, string(l.Source), s.ID, l.TaskID); err != nil {
			return fmt.Errorf("store: save report line: %w", err)
		}
	}
	after, err := readSubmission(ctx, t, s.ID)
	if err != nil {
		return err
	}
	*s = after
	return t.audit(ctx, "update", "report", s.ID, reportAudit(before), reportAudit(after))
}

// reportRecord is what the audit log keeps of an edit of a report: its
// texts and its task lines.
type reportRecord struct {
	Narrative    string        `json:"narrative"`
	Difficulties string        `json:"difficulties"`
	Proposals    string        `json:"proposals"`
	Lines        []report.Line `json:"lines"`
}

func reportAudit(s report.Submission) reportRecord {
	return reportRecord{s.Narrative, s.Difficulties, s.Proposals, s.Lines}
}

// ActOnSubmission moves a report along its cycle (report.Next): the agency
// submits, the coordinator returns it with a comment, accepts it, or
// reopens an accepted one with a reason. Every step is kept in the
// report's history with who, when and the comment. A sending after the
// due day is accepted and marked late; the first sending decides the
// on-time rate. Who may act is the caller's check (auth's policy).
func (t *Tx) ActOnSubmission(ctx context.Context, id int64, a report.Action, comment string) (report.Submission, error) {
	if v, err := vntext.Text(comment); err == nil {
		comment = v
	}
	if vntext.Check(comment) != nil {
		return report.Submission{}, apperr.FieldErrors{"comment": "error.field.forbidden_chars"}.Err()
	}
	if utf8.RuneCountInString(comment) > report.MaxLineLen {
		return report.Submission{}, apperr.FieldErrors{"comment": "error.field.report_line_too_long"}.Err()
	}
	before, err := readSubmission(ctx, t, id)
	if err != nil {
		return before, err
	}
	to, err := report.Next(before.State, a, comment)
	if err != nil {
		return before, err
	}
	late := before.Late
	now := fmtTime(t.now)
	switch a {
	case report.Submit:
		late = report.IsLate(t.now, before.DueOn)
		_, err = t.exec(ctx, `UPDATE report_submissions SET state = ?, sent_at = ?, late = ?,
			first_sent_at = COALESCE(first_sent_at, ?), updated_at = ? WHERE id = ?`,
			string(to), now, boolInt(late), now, now, id)
	default:
		_, err = t.exec(ctx, `UPDATE report_submissions SET state = ?, updated_at = ? WHERE id = ?`, string(to), now, id)
	}
	if err != nil {
		return before, fmt.Errorf("store: %s report: %w", a, err)
	}
	if err := t.reportEvent(ctx, id, a, before.State, to, comment, late && a == report.Submit); err != nil {
		return before, err
	}
	type step struct {
		State   report.State `json:"state"`
		Comment string       `json:"comment,omitempty"`
		Late    bool         `json:"late"`
	}
	if err := t.audit(ctx, string(a), "report", id, step{State: before.State, Late: before.Late},
		step{State: to, Comment: comment, Late: late}); err != nil {
		return before, err
	}
	return readSubmission(ctx, t, id)
}

// reportEvent appends a step to a report's history.
func (t *Tx) reportEvent(ctx context.Context, id int64, a report.Action, from, to report.State, comment string, late bool) error {
	userID, userName := actor(ctx)
	if _, err := t.exec(ctx, `INSERT INTO report_events (submission_id, action, from_state, to_state, comment, late,
		user_id, user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, string(a), string(from), string(to), comment,
		boolInt(late), userID, userName, fmtTime(t.now)); err != nil {
		return fmt.Errorf("store: report history: %w", err)
	}
	return nil
}
