package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Propose stores an adjustment proposal by the acting officer's agency. The
// agency must lead the task (itself or an agency it succeeded): the check
// runs inside the transaction that writes.
func (t *Tx) Propose(ctx context.Context, p *proposal.Proposal) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	var dropped sql.NullString
	if err := t.queryRow(ctx, `SELECT dropped_on FROM tasks WHERE id = ?`, p.TaskID).Scan(&dropped); err != nil {
		return notFound(err, "error.task_not_found")
	}
	lead, _, err := t.taskAgencyIDs(ctx, p.TaskID)
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if !proposal.CanPropose(u, lead) {
		return apperr.New(apperr.Forbidden, "error.forbidden_proposal")
	}
	if dropped.Valid {
		return apperr.New(apperr.Conflict, "error.task_dropped")
	}
	if err := t.agenciesExist(ctx, p.Lead); err != nil {
		return err
	}
	var leadJSON any
	if p.Lead != nil {
		b, err := json.Marshal(uniqueIDs(p.Lead))
		if err != nil {
			return fmt.Errorf("store: proposal lead: %w", err)
		}
		leadJSON = string(b)
	}
	p.AgencyID, p.UserName, p.State, p.CreatedAt = *u.AgencyID, u.Name, proposal.Pending, t.now
	p.ID, err = t.insert(ctx, `INSERT INTO task_proposals (task_id, agency_id, user_id, user_name, content, timeframe,
		lead_ids, drop_task, reason, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.TaskID, p.AgencyID, u.ID, u.Name, nullStr(p.Content), nullStr(p.Timeframe), leadJSON, boolInt(p.Drop),
		p.Reason, p.State, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: create proposal: %w", err)
	}
	return t.audit(ctx, "create", "proposal", p.ID, nil, proposalAudit{TaskID: p.TaskID, Content: p.Content,
		Timeframe: p.Timeframe, Lead: p.Lead, Drop: p.Drop, Reason: p.Reason, State: p.State})
}

// proposalAudit is what the log keeps of a proposal and its decision.
type proposalAudit struct {
	TaskID    int64          `json:"task_id,omitempty"`
	Content   *string        `json:"content,omitempty"`
	Timeframe *string        `json:"timeframe,omitempty"`
	Lead      []int64        `json:"lead,omitempty"`
	Drop      bool           `json:"drop,omitempty"`
	Reason    string         `json:"reason,omitempty"`
	State     proposal.State `json:"state"`
	Comment   string         `json:"comment,omitempty"`
}

// DecideProposal accepts or rejects a pending proposal with the
// coordinator's comment. Accepting changes the task through the same path
// as the coordinator's edit (decision names the decision that drops it,
// when the proposal drops it); a proposal is decided once.
func (t *Tx) DecideProposal(ctx context.Context, id int64, accept bool, comment, decision string) (proposal.Proposal, error) {
	u := auth.UserFrom(ctx)
	if !proposal.CanDecide(u) {
		return proposal.Proposal{}, apperr.New(apperr.Forbidden, "error.forbidden")
	}
	comment = vntext.Clean(comment)
	if !accept && comment == "" {
		return proposal.Proposal{}, apperr.FieldErrors{"comment": "error.field.comment_required"}.Err()
	}
	// The no-op UPDATE locks the row: two coordinators deciding at once
	// cannot both find it pending.
	var state string
	if err := t.queryRow(ctx, `UPDATE task_proposals SET state = state WHERE id = ? RETURNING state`, id).Scan(&state); err != nil {
		return proposal.Proposal{}, notFound(err, "error.proposal_not_found")
	}
	if proposal.State(state) != proposal.Pending {
		return proposal.Proposal{}, apperr.New(apperr.Conflict, "error.proposal_decided")
	}
	p, err := scanProposal(t.queryRow(ctx, proposalSelect+` WHERE p.id = ?`, id))
	if err != nil {
		return p, err
	}
	before := p.State
	p.State = proposal.Rejected
	if accept {
		p.State = proposal.Accepted
		e := p.Edit(vntext.Clean(decision))
		if e.Drop && e.Decision == "" {
			return p, apperr.FieldErrors{"decision": "error.field.drop_decision"}.Err()
		}
		if _, err := t.editTask(ctx, p.TaskID, e, plan.RevisionProposal, &p.ID); err != nil {
			return p, err
		}
	}
	now := t.now
	p.DecidedName, p.DecidedAt, p.Comment = u.Name, &now, comment
	if _, err := t.exec(ctx, `UPDATE task_proposals SET state = ?, decided_by = ?, decided_name = ?, decided_at = ?,
		comment = ? WHERE id = ?`, p.State, u.ID, u.Name, fmtTime(now), comment, id); err != nil {
		return p, fmt.Errorf("store: decide proposal: %w", err)
	}
	if err := t.notifyProposer(ctx, p); err != nil {
		return p, err
	}
	was, is := proposalAudit{State: before}, proposalAudit{State: p.State, Comment: p.Comment}
	if accept {
		return p, t.audit(ctx, "accept_proposal", "proposal", id, was, is)
	}
	return p, t.audit(ctx, "reject_proposal", "proposal", id, was, is)
}

// notifyProposer tells the officer who made p how it was decided, in the
// decision's transaction: a notification on its pages and an e-mail
// through the outbox, which the mail worker sends once mail is configured.
// The e-mail's dedupe key names the proposal and the officer, so a
// decision retried after a lost answer never queues it twice; the
// notification is written only with a newly queued e-mail, likewise. A
// proposer whose account is gone or disabled is told nothing.
func (t *Tx) notifyProposer(ctx context.Context, p proposal.Proposal) error {
	var userID sql.NullInt64
	if err := t.queryRow(ctx, `SELECT user_id FROM task_proposals WHERE id = ?`, p.ID).Scan(&userID); err != nil {
		return fmt.Errorf("store: proposer: %w", err)
	}
	if !userID.Valid {
		return nil
	}
	var email string
	var disabled int
	err := t.queryRow(ctx, `SELECT email, disabled FROM users WHERE id = ?`, userID.Int64).Scan(&email, &disabled)
	if errors.Is(err, sql.ErrNoRows) || err == nil && disabled != 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: proposer: %w", err)
	}
	n := proposal.DecidedNotice(p, userID.Int64)
	queued, err := t.EnqueueMail(ctx, OutboxMessage{To: email, Subject: n.Subject, Body: n.Body, Kind: "proposal",
		DedupeKey: n.DedupeKey})
	if err != nil || !queued {
		return err
	}
	_, err = t.Notify(ctx, Notification{UserID: userID.Int64, Key: n.Key, Args: n.Args, Link: n.Link})
	return err
}

// Proposals lists proposals, newest first: of one agency (0: all; -1:
// none), in one state ("" for all).
func (db *DB) Proposals(ctx context.Context, agencyID int64, state proposal.State) ([]proposal.Proposal, error) {
	q, args := proposalSelect+` WHERE 1 = 1`, []any{}
	if agencyID != 0 {
		q, args = q+` AND p.agency_id = ?`, append(args, agencyID)
	}
	if state != "" {
		q, args = q+` AND p.state = ?`, append(args, state)
	}
	rows, err := db.query(ctx, q+` ORDER BY p.id DESC`, args...)
	out, err := scanAll(rows, err, func(r rowScanner) (proposal.Proposal, error) { return scanProposal(r) })
	if err != nil {
		return nil, fmt.Errorf("store: proposals: %w", err)
	}
	if out == nil {
		out = []proposal.Proposal{}
	}
	return out, db.leadNames(ctx, out)
}

// leadNames names the agencies each proposal asks to lead its task.
func (db *DB) leadNames(ctx context.Context, list []proposal.Proposal) error {
	var ids []int64
	for _, p := range list {
		ids = append(ids, p.Lead...)
	}
	names := map[int64]string{}
	if ids = uniqueIDs(ids); len(ids) > 0 {
		rows, err := db.query(ctx, `SELECT id, name FROM agencies WHERE id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
		type named struct {
			id   int64
			name string
		}
		found, err := scanAll(rows, err, func(r rowScanner) (named, error) {
			var n named
			err := r.Scan(&n.id, &n.name)
			return n, err
		})
		if err != nil {
			return fmt.Errorf("store: proposal agencies: %w", err)
		}
		for _, n := range found {
			names[n.id] = n.name
		}
	}
	for i := range list {
		p := &list[i]
		if p.Lead == nil {
			continue
		}
		p.LeadNames = make([]string, 0, len(p.Lead))
		for _, id := range p.Lead {
			p.LeadNames = append(p.LeadNames, names[id])
		}
	}
	return nil
}

// TaskProposals lists the proposals on one task, newest first.
func (db *DB) TaskProposals(ctx context.Context, taskID int64) ([]proposal.Proposal, error) {
	rows, err := db.query(ctx, proposalSelect+` WHERE p.task_id = ? ORDER BY p.id DESC`, taskID)
	out, err := scanAll(rows, err, func(r rowScanner) (proposal.Proposal, error) { return scanProposal(r) })
	if err != nil {
		return nil, fmt.Errorf("store: task proposals: %w", err)
	}
	return out, db.leadNames(ctx, out)
}

// Proposal returns one proposal.
func (db *DB) Proposal(ctx context.Context, id int64) (proposal.Proposal, error) {
	p, err := scanProposal(db.queryRow(ctx, proposalSelect+` WHERE p.id = ?`, id))
	if err != nil {
		return p, err
	}
	list := []proposal.Proposal{p}
	err = db.leadNames(ctx, list)
	return list[0], err
}

const proposalSelect = `SELECT p.id, p.task_id, t.code, t.plan_id, p.agency_id, a.name, p.user_name, p.content,
	p.timeframe, p.lead_ids, p.drop_task, p.reason, p.state, p.decided_name, p.decided_at, p.comment, p.created_at
	FROM task_proposals p JOIN tasks t ON t.id = p.task_id JOIN agencies a ON a.id = p.agency_id`

func scanProposal(r rowScanner) (proposal.Proposal, error) {
	var p proposal.Proposal
	var content, tf, lead, decidedAt sql.NullString
	var drop int
	var created string
	err := r.Scan(&p.ID, &p.TaskID, &p.TaskCode, &p.PlanID, &p.AgencyID, &p.AgencyName, &p.UserName, &content, &tf,
		&lead, &drop, &p.Reason, &p.State, &p.DecidedName, &decidedAt, &p.Comment, &created)
	if err != nil {
		return p, notFound(err, "error.proposal_not_found")
	}
	if content.Valid {
		p.Content = &content.String
	}
	if tf.Valid {
		p.Timeframe = &tf.String
	}
	if lead.Valid {
		if err := json.Unmarshal([]byte(lead.String), &p.Lead); err != nil {
			return p, fmt.Errorf("store: proposal %d lead: %w", p.ID, err)
		}
	}
	if decidedAt.Valid {
		d := parseTime(decidedAt.String)
		p.DecidedAt = &d
	}
	p.Drop, p.CreatedAt = drop == 1, parseTime(created)
	return p, nil
}

func nullStr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
