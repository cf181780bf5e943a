package browsertest

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// TestProposalWalk: the finance officer proposes a new timeframe for a task
// its department leads, on the task page, first forgetting the reason; the
// coordinator accepts it on /proposals; the task page then shows the new
// timeframe and the change in its history.
func TestProposalWalk(t *testing.T) {
	app, b := NewApp(t), NewBrowser(t)
	officer := b.NewSession(t, app.URL)
	officer.Login(OfficerEmail, app.Password(OfficerEmail))
	coord := b.NewSession(t, app.URL)
	coord.Login(CoordinatorEmail, app.Password(CoordinatorEmail))
	proposeAndAccept(t, app, officer, coord)
}

// proposeAndAccept: the officer proposes "Năm 2027" as the timeframe of a
// task its department leads, the coordinator accepts it, and the task
// shows it.
func proposeAndAccept(t *testing.T, app *App, officer, coord *Session) {
	t.Helper()
	finance, err := app.DB.AgencyByName(context.Background(), "Sở Tài chính")
	if err != nil {
		t.Fatal(err)
	}
	tasks, _, err := app.DB.Tasks(context.Background(), plan.TaskFilter{PlanID: app.PlanID, AgencyID: finance.ID, PerPage: -1})
	if err != nil {
		t.Fatal(err)
	}
	var task plan.Task
	for _, tk := range tasks {
		for _, l := range tk.Lead {
			if l.ID == finance.ID && task.ID == 0 {
				task = tk
			}
		}
	}
	if task.ID == 0 {
		t.Fatal("the demo has no task Sở Tài chính leads")
	}
	path := fmt.Sprintf("/tasks/%d", task.ID)
	form := fmt.Sprintf(`form[action="%s/proposals"]`, path)

	officer.Visit(path)
	officer.Fill(form, map[string]string{"p_timeframe": "Năm 2027"})
	Eval[bool](officer, `(document.getElementById("p-reason").removeAttribute("required"), true)`)
	officer.Expect(422)
	officer.Submit(form)
	officer.MustContain("#p_reason-error", officer.T("error.field.reason_required"))
	officer.FillAndSubmit(form, map[string]string{"p_timeframe": "Năm 2027", "p_reason": "Chưa bố trí được vốn"})
	officer.MustContain(".flash", officer.T("proposal.sent"))

	coord.Visit("/proposals?state=pending")
	coord.MustContain("#proposals", "Chưa bố trí được vốn")
	coord.FillAndSubmit(`form[action$="/accept"]`, map[string]string{"comment": "Đồng ý lùi thời hạn"})
	coord.MustContain(".flash", coord.T("proposal.accepted"))
	coord.Visit(path)
	coord.MustContain(".facts", "Năm 2027")
	coord.MustContain("#task-history", coord.T("task.action.proposal"))
}
