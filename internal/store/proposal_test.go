package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

func TestProposalAcceptedChangesTask(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	coord := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	tc := asUser(createUser(t, db, "tai-chinh@tinh.gov.vn", auth.RoleAgency, &f.TC.ID))
	lm := asUser(createUser(t, db, "lien-minh@tinh.gov.vn", auth.RoleAgency, &f.LM.ID))
	id := f.task(t, "II.2").ID // led by Sở Tài chính, supported by Sở KHĐT

	propose := func(ctx context.Context, p proposal.Proposal) (proposal.Proposal, error) {
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.Propose(ctx, &p) })
		return p, err
	}
	// The union leads no part of II.2; it only supports I.1.
	if _, err := propose(lm, proposal.Proposal{TaskID: id, Timeframe: strp("2027"), Reason: "Chưa đủ kinh phí"}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("proposal by an agency that does not lead the task: %v, want forbidden", err)
	}
	if _, err := propose(lm, proposal.Proposal{TaskID: f.task(t, "I.1").ID, Timeframe: strp("2027"), Reason: "Lý do"}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("proposal by a supporting agency: %v, want forbidden", err)
	}
	if _, err := propose(coord, proposal.Proposal{TaskID: id, Timeframe: strp("2027"), Reason: "Lý do"}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("proposal by the coordinator: %v, want forbidden", err)
	}
	if _, err := propose(tc, proposal.Proposal{TaskID: id, Timeframe: strp("2027")}); apperr.CodeOf(err) != apperr.Validation {
		t.Errorf("proposal without a reason: %v, want a validation error", err)
	}
	p, err := propose(tc, proposal.Proposal{TaskID: id, Timeframe: strp("Năm 2027"), Lead: []int64{f.TC.ID, f.LM.ID},
		Reason: "Chưa bố trí được vốn"})
	if err != nil {
		t.Fatal(err)
	}
	// An officer sees its agency's proposals only.
	if list, _ := db.Proposals(tc, f.LM.ID, ""); len(list) != 0 {
		t.Errorf("the union sees %d proposals", len(list))
	}
	if list, _ := db.Proposals(tc, f.TC.ID, proposal.Pending); len(list) != 1 || list[0].ID != p.ID || list[0].TaskCode != "II.2" {
		t.Errorf("own proposals %+v", list)
	}
	decide := func(ctx context.Context, id int64, accept bool, comment string) error {
		return db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.DecideProposal(ctx, id, accept, comment, "")
			return err
		})
	}
	if err := decide(tc, p.ID, true, ""); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("officer accepting: %v, want forbidden", err)
	}
	if err := decide(coord, p.ID, true, "Đồng ý"); err != nil {
		t.Fatal(err)
	}
	task, err := db.Task(coord, id, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if task.Timeframe.Text != "Năm 2027" || len(task.Lead) != 2 || task.Lead[1].Name != "Liên minh Hợp tác xã tỉnh" {
		t.Errorf("task after the accepted proposal: %+v lead %v", task.Timeframe, refNames(task.Lead))
	}
	revs, _ := db.TaskRevisions(coord, id)
	if len(revs) != 1 || revs[0].Action != "proposal" || revs[0].ProposalID == nil || *revs[0].ProposalID != p.ID ||
		revs[0].Reason != "Chưa bố trí được vốn" {
		t.Errorf("history %+v", revs)
	}
	got, _ := db.Proposal(coord, p.ID)
	if got.State != proposal.Accepted || got.Comment != "Đồng ý" || got.DecidedAt == nil {
		t.Errorf("decided proposal %+v", got)
	}
	if err := decide(coord, p.ID, false, "Đổi ý"); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("deciding twice: %v, want a conflict", err)
	}
	if n := auditCount(t, db, "accept_proposal", "proposal", p.ID); n != 1 {
		t.Errorf("accept audited %d times", n)
	}
}

func TestProposalRejectedLeavesTask(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	coord := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	tc := asUser(createUser(t, db, "tai-chinh@tinh.gov.vn", auth.RoleAgency, &f.TC.ID))
	id := f.task(t, "II.2").ID
	p := proposal.Proposal{TaskID: id, Drop: true, Reason: "Không còn phù hợp"}
	update(t, db, func(tx *store.Tx) error { return tx.Propose(tc, &p) })
	reject := func(comment string) error {
		return db.Update(coord, func(tx *store.Tx) error {
			_, err := tx.DecideProposal(coord, p.ID, false, comment, "")
			return err
		})
	}
	if err := reject(""); apperr.CodeOf(err) != apperr.Validation {
		t.Errorf("reject without a comment: %v", err)
	}
	// Accepting a drop needs the decision that drops it.
	if err := db.Update(coord, func(tx *store.Tx) error {
		_, err := tx.DecideProposal(coord, p.ID, true, "", "")
		return err
	}); apperr.CodeOf(err) != apperr.Validation {
		t.Errorf("accepting a drop without a decision: %v", err)
	}
	if err := reject("Cần tiếp tục thực hiện"); err != nil {
		t.Fatal(err)
	}
	task, _ := db.Task(coord, id, fixedNow)
	if task.Dropped != nil {
		t.Error("a rejected drop dropped the task")
	}
	if revs, _ := db.TaskRevisions(coord, id); len(revs) != 0 {
		t.Errorf("a rejected proposal left history %+v", revs)
	}
}

// TestProposalDecisionToldOnce: the decision queues one e-mail to the
// proposer under a key naming the proposal and the officer, and one
// notification; telling again (a replay) queues and notifies nothing more.
func TestProposalDecisionToldOnce(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	f := newFixture(t, db)
	coord := asUser(createUser(t, db, "dieu-phoi@tinh.gov.vn", auth.RoleCoordinator, nil))
	officer := createUser(t, db, "tai-chinh@tinh.gov.vn", auth.RoleAgency, &f.TC.ID)
	tc := asUser(officer)
	p := proposal.Proposal{TaskID: f.task(t, "II.2").ID, Drop: true, Reason: "Không còn phù hợp"}
	update(t, db, func(tx *store.Tx) error { return tx.Propose(tc, &p) })
	var decided proposal.Proposal
	update(t, db, func(tx *store.Tx) error {
		var err error
		decided, err = tx.DecideProposal(coord, p.ID, false, "Cần tiếp tục thực hiện", "")
		return err
	})
	update(t, db, func(tx *store.Tx) error { return tx.NotifyProposer(coord, decided) })
	key := fmt.Sprintf("proposal-decided:%d:user-%d", p.ID, officer.ID)
	if n := count(t, db, "mail_outbox WHERE dedupe_key = '"+key+"' AND to_address = 'tai-chinh@tinh.gov.vn'"); n != 1 {
		t.Errorf("%d e-mails under %s, want 1", n, key)
	}
	if n := count(t, db, fmt.Sprintf("notifications WHERE user_id = %d AND msg_key = 'notice.proposal_rejected'", officer.ID)); n != 1 {
		t.Errorf("%d notifications, want 1", n)
	}
}
