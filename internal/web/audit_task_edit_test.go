package web_test

import (
	"context"
	"slices"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// auditTaskChanges makes every change to tasks and proposals the store
// audits: a task edited, one added, one dropped; a proposal accepted and
// one rejected. actx acts as the administrator, officer as an officer of
// the agency that leads task.
func auditTaskChanges(actx context.Context, tx *store.Tx, officer auth.User, planID int64, task plan.Task) error {
	octx := auth.WithUser(context.Background(), &officer)
	content := task.Content + " (sửa)"
	if _, err := tx.EditTask(actx, task.ID, plan.TaskEdit{Content: &content, Support: []int64{}, Reason: "Theo chỉ đạo"}); err != nil {
		return err
	}
	added := plan.Task{PlanID: planID, GroupID: task.GroupID, Code: "IX.1", Content: "Nhiệm vụ bổ sung",
		Lead: []plan.AgencyRef{{ID: *officer.AgencyID}}}
	if err := tx.AddTask(actx, &added, "Quý IV/2026", "Bổ sung"); err != nil {
		return err
	}
	tf := "Năm 2027"
	for _, accept := range []bool{true, false} {
		p := proposal.Proposal{TaskID: task.ID, Timeframe: &tf, Lead: slices.Clone([]int64{*officer.AgencyID}), Drop: !accept,
			Reason: "Chưa bố trí được vốn"}
		if err := tx.Propose(octx, &p); err != nil {
			return err
		}
		if _, err := tx.DecideProposal(actx, p.ID, accept, "Ý kiến của cơ quan đầu mối", ""); err != nil {
			return err
		}
	}
	_, err := tx.EditTask(actx, added.ID, plan.TaskEdit{Drop: true, Decision: "Quyết định số 12/QĐ-UBND"})
	return err
}

// planTasks is every task of the demo plan.
func (e *env) planTasks() []plan.Task {
	e.t.Helper()
	tasks, _, err := e.db.Tasks(context.Background(), plan.TaskFilter{PlanID: e.planID, Today: plan.Today(fixedNow), PerPage: -1})
	if err != nil {
		e.t.Fatal(err)
	}
	return tasks
}
