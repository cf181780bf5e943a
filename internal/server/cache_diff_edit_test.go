package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/hoptac/hoptac/internal/plan"
)

// The differential test's writes that change a plan's shape: a task
// edited, dropped and added, and a proposal accepted. Each goes through
// one server's API while the other has pages of the plan cached.

// call sends a JSON request as role to one server and fails unless it
// answers want; it returns the body.
func (e *diffEnv) call(base, role, method, path, body string, want int) []byte {
	e.t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.clients[role].Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		e.t.Fatalf("%s %s as %s: %d %s", method, path, role, resp.StatusCode, b)
	}
	return b
}

// ledTask is a task of the plan the agency leads by name.
func (e *diffEnv) ledTask(planID, agencyID int64) plan.Task {
	e.t.Helper()
	tasks, _, err := e.plain.Tasks(context.Background(), plan.TaskFilter{PlanID: planID, AgencyID: agencyID,
		Today: plan.Today(e.clock.Now()), PerPage: -1})
	if err != nil {
		e.t.Fatal(err)
	}
	for i := len(tasks) - 1; i >= 0; i-- {
		for _, l := range tasks[i].Lead {
			if l.ID == agencyID && tasks[i].Dropped == nil {
				return tasks[i]
			}
		}
	}
	e.t.Fatalf("no task of plan %d led by agency %d", planID, agencyID)
	return plan.Task{}
}

// editTask changes a task's content and lead agency through base.
func (e *diffEnv) editTask(base string, t plan.Task, leadID int64) {
	e.call(base, roleCoordinator, http.MethodPatch, fmt.Sprintf("/api/v1/tasks/%d", t.ID),
		fmt.Sprintf(`{"rev":%d,"content":%q,"lead":[%d],"support":[]}`, t.Rev, "Hỗ trợ hợp tác xã chuyển đổi số (điều chỉnh)", leadID),
		http.StatusOK)
}

// dropTask drops a task through base.
func (e *diffEnv) dropTask(base string, t plan.Task) {
	e.call(base, roleCoordinator, http.MethodPatch, fmt.Sprintf("/api/v1/tasks/%d", t.ID),
		fmt.Sprintf(`{"rev":%d,"drop":true,"decision":"Quyết định số 12/QĐ-UBND"}`, t.Rev), http.StatusOK)
}

// addTask adds a task the agency leads to a plan's first group through base.
func (e *diffEnv) addTask(base string, planID, agencyID int64) {
	group := e.planIDs()[planID]
	e.call(base, roleCoordinator, http.MethodPost, fmt.Sprintf("/api/v1/plans/%d/tasks", planID),
		fmt.Sprintf(`{"group_id":%d,"code":"I.99","content":"Tổng kết mô hình hợp tác xã kiểu mới","timeframe":"Quý IV/2026","lead":[%d]}`,
			group, agencyID), http.StatusCreated)
}

// acceptProposal has the finance officer propose a new timeframe and lead
// for a task it leads through one server, and the coordinator accept it
// through the other.
func (e *diffEnv) acceptProposal(proposeAt, acceptAt string, t plan.Task) {
	b := e.call(proposeAt, roleAgency, http.MethodPost, "/api/v1/proposals",
		fmt.Sprintf(`{"task_id":%d,"timeframe":"Năm 2027","lead":[%d,%d],"reason":"Chưa bố trí được vốn"}`, t.ID, e.finance, e.agri),
		http.StatusCreated)
	var p struct{ ID int64 }
	if err := json.Unmarshal(b, &p); err != nil {
		e.t.Fatal(err)
	}
	e.call(acceptAt, roleCoordinator, http.MethodPost, fmt.Sprintf("/api/v1/proposals/%d/accept", p.ID), `{"comment":"Đồng ý"}`, http.StatusOK)
}
