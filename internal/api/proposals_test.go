package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/proposal"
)

// An officer proposes on a task its agency leads and lists its own
// agency's proposals only; the coordinator accepts, and the task takes the
// proposed timeframe.
func TestProposalThroughAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer, other, coord := e.token(financeEmail), e.token(agricultureEmail), e.token(coordinatorEmail)
	financeID := *e.users[financeEmail].AgencyID
	var led int64
	for _, task := range e.planTasks(t) {
		if slices.Contains(task.LeadIDs(), financeID) && !slices.Contains(task.LeadIDs(), *e.users[agricultureEmail].AgencyID) {
			led = task.ID
			break
		}
	}
	body := fmt.Sprintf(`{"task_id":%d,"timeframe":"Năm 2027","reason":"Chưa bố trí được vốn"}`, led)
	e.post("/api/v1/proposals", other, body).apiErr(t, http.StatusForbidden, "forbidden")
	var p proposal.Proposal
	e.post("/api/v1/proposals", officer, body).must(t, http.StatusCreated).decode(t, &p)
	if p.State != proposal.Pending || p.AgencyID != financeID {
		t.Errorf("new proposal %+v", p)
	}
	var mine, theirs struct {
		Items []proposal.Proposal
		Total int
	}
	e.get("/api/v1/proposals", officer).must(t, http.StatusOK).decode(t, &mine)
	e.get("/api/v1/proposals", other).must(t, http.StatusOK).decode(t, &theirs)
	if mine.Total != 1 || theirs.Total != 0 {
		t.Errorf("officer sees %d, the other agency %d; want 1 and 0", mine.Total, theirs.Total)
	}
	e.post(fmt.Sprintf("/api/v1/proposals/%d/accept", p.ID), officer, `{}`).apiErr(t, http.StatusForbidden, "forbidden")
	e.post(fmt.Sprintf("/api/v1/proposals/%d/accept", p.ID), coord, `{"comment":"Đồng ý"}`).must(t, http.StatusOK)
	var task taskJSON
	e.get(fmt.Sprintf("/api/v1/tasks/%d", led), coord).must(t, http.StatusOK).decode(t, &task)
	if task.Timeframe.Text != "Năm 2027" || len(task.Revisions) != 1 || task.Revisions[0].ProposalID == nil || *task.Revisions[0].ProposalID != p.ID {
		t.Errorf("task after acceptance: %+v, history %+v", task.Timeframe, task.Revisions)
	}
}
