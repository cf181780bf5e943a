package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/report"
)

// ConsolidatedNarrative returns what the coordinator wrote into the
// consolidated report of a period of a plan; ok is false when nothing was
// saved yet (the report then takes its generated defaults).
func (db *DB) ConsolidatedNarrative(ctx context.Context, planID int64, period string) (n report.Narrative, ok bool, err error) {
	return readNarrative(ctx, db, planID, period)
}

func readNarrative(ctx context.Context, q querier, planID int64, period string) (report.Narrative, bool, error) {
	n := report.Narrative{PlanID: planID, Period: period}
	var issued sql.NullString
	var recipients, updated string
	err := q.queryRow(ctx, `SELECT number, place, issued_on, subject, summary, assessment, proposals, recipients,
		signer_authority, signer_title, signer_name, updated_at FROM consolidated_narratives WHERE plan_id = ? AND period = ?`,
		planID, period).Scan(&n.Number, &n.Place, &issued, &n.Subject, &n.Summary, &n.Assessment, &n.Proposals, &recipients,
		&n.SignerAuthority, &n.SignerTitle, &n.SignerName, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return n, false, nil
	}
	if err != nil {
		return n, false, fmt.Errorf("store: consolidated narrative: %w", err)
	}
	n.IssuedOn, n.UpdatedAt = parseDate(issued), parseTime(updated)
	if recipients != "" {
		n.Recipients = strings.Split(recipients, "\n")
	}
	return n, true, nil
}

// SaveConsolidatedNarrative checks, cleans and stores the narrative of a
// period's consolidated report, replacing what was there, and audits the
// change. The period must be one of the plan's schedules.
func (t *Tx) SaveConsolidatedNarrative(ctx context.Context, n *report.Narrative) error {
	if err := n.Validate(); err != nil {
		return err
	}
	n.Normalize()
	p, err := report.ParsePeriod(n.Period)
	if err != nil {
		return err
	}
	n.Period = p.Key()
	if _, err := scanSchedule(t.queryRow(ctx, `SELECT `+scheduleColumns+` FROM reporting_schedules
		WHERE plan_id = ? AND frequency = ? ORDER BY id LIMIT 1`, n.PlanID, string(p.Frequency))); err != nil {
		return notFound(err, "error.schedule_not_found")
	}
	before, had, err := readNarrative(ctx, t, n.PlanID, n.Period)
	if err != nil {
		return err
	}
	n.UpdatedAt = t.now
	args := []any{n.Number, n.Place, fmtDate(n.IssuedOn), n.Subject, n.Summary, n.Assessment, n.Proposals,
		strings.Join(n.Recipients, "\n"), n.SignerAuthority, n.SignerTitle, n.SignerName, fmtTime(t.now), n.PlanID, n.Period}
	if had {
		_, err = t.exec(ctx, `UPDATE consolidated_narratives SET number = ?, place = ?, issued_on = ?, subject = ?,
			summary = ?, assessment = ?, proposals = ?, recipients = ?, signer_authority = ?, signer_title = ?,
			signer_name = ?, updated_at = ? WHERE plan_id = ? AND period = ?`, args...)
	} else {
		_, err = t.exec(ctx, `INSERT INTO consolidated_narratives (number, place, issued_on, subject, summary, assessment,
			proposals, recipients, signer_authority, signer_title, signer_name, updated_at, plan_id, period)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	}
	if err != nil {
		return fmt.Errorf("store: save consolidated narrative: %w", err)
	}
	var old any
	if had {
		old = narrativeAudit(before)
	}
	return t.audit(ctx, "update", "consolidated", n.PlanID, old, narrativeAudit(*n))
}

// narrativeRecord is what the audit log keeps of a narrative: the
// period and what the coordinator wrote (the plan is the entry's record).
type narrativeRecord struct {
	Period          string     `json:"period"`
	Number          string     `json:"number"`
	Place           string     `json:"place"`
	IssuedOn        *time.Time `json:"issued_on"`
	Subject         string     `json:"subject"`
	Summary         string     `json:"summary"`
	Assessment      string     `json:"assessment"`
	Proposals       string     `json:"proposals"`
	Recipients      []string   `json:"recipients"`
	SignerAuthority string     `json:"signer_authority"`
	SignerTitle     string     `json:"signer_title"`
	SignerName      string     `json:"signer_name"`
}

func narrativeAudit(n report.Narrative) narrativeRecord {
	return narrativeRecord{n.Period, n.Number, n.Place, n.IssuedOn, n.Subject, n.Summary, n.Assessment, n.Proposals,
		n.Recipients, n.SignerAuthority, n.SignerTitle, n.SignerName}
}

// ConsolidatedSource is what an accepted (or the latest) report of each
// agency says for a period: the lines the consolidated report quotes and
// sums, with the agency's name.
type ConsolidatedSource struct {
	AgencyID   int64
	AgencyName string
	State      report.State
	Lines      []report.Line
}

// ConsolidatedSources returns, for a schedule's period, every agency's
// report that reached the coordinator (a draft did not), with its task
// lines, in one query: 30 reports of 100 tasks stay one round trip.
func (db *DB) ConsolidatedSources(ctx context.Context, scheduleID int64, period string) ([]ConsolidatedSource, error) {
	type row struct {
		sub    int64
		agency int64
		name   string
		state  report.State
		line   report.Line
	}
	rows, err := db.query(ctx, `SELECT s.id, s.agency_id, a.name, s.state, l.task_id, l.status, l.done, l.figures,
		l.budget_estimated, l.budget_allocated, l.budget_spent, l.budget_source
		FROM report_submissions s JOIN agencies a ON a.id = s.agency_id
		JOIN report_task_lines l ON l.submission_id = s.id
		WHERE s.schedule_id = ? AND s.period = ? AND s.state <> ?
		ORDER BY a.sort_key, s.agency_id, l.task_id`, scheduleID, period, string(report.Draft))
	list, err := scanAll(rows, err, func(r rowScanner) (row, error) {
		var x row
		err := r.Scan(&x.sub, &x.agency, &x.name, &x.state, &x.line.TaskID, &x.line.Status, &x.line.Done, &x.line.Figures,
			&x.line.Estimated, &x.line.Allocated, &x.line.Spent, &x.line.Source)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: consolidated sources: %w", err)
	}
	var out []ConsolidatedSource
	last := int64(0)
	for _, x := range list {
		if x.sub != last || len(out) == 0 {
			out = append(out, ConsolidatedSource{AgencyID: x.agency, AgencyName: x.name, State: x.state})
			last = x.sub
		}
		o := &out[len(out)-1]
		o.Lines = append(o.Lines, x.line)
	}
	return out, nil
}
