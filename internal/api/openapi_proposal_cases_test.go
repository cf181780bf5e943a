package api_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// proposalTasks are demo tasks the edit and proposal requests use: two
// the finance department leads (one of them dropped before the requests)
// and one it has no part in. None is one the earlier requests change.
type proposalTasks struct {
	led, dropped, other plan.Task
	group               int64
}

func (e *env) proposalTasks(t *testing.T, skip int64) proposalTasks {
	t.Helper()
	financeID := *e.users[financeEmail].AgencyID
	var out proposalTasks
	var found int
	for _, task := range e.planTasks(t) {
		switch {
		case task.ID == skip:
		case slices.Contains(task.LeadIDs(), financeID) && out.led.ID == 0:
			out.led, found = task, found+1
		case slices.Contains(task.LeadIDs(), financeID) && out.dropped.ID == 0:
			out.dropped, found = task, found+1
		case !hasAgency(task, financeID) && out.other.ID == 0:
			out.other, found = task, found+1
		}
	}
	if found != 3 {
		t.Fatal("demo lacks the tasks the proposal requests need")
	}
	out.group = out.other.GroupID
	return out
}

// proposalCases are the task edit and proposal requests of
// TestResponsesMatchOpenAPI; skip is a task earlier requests change.
func proposalCases(t *testing.T, e *env, skip int64, admin, coordinator, officer, viewer, coopTok string) []specCase {
	x := e.proposalTasks(t, skip)
	coord := e.users[coordinatorEmail]
	fin := e.users[financeEmail]
	asCoord, asFin := auth.WithUser(context.Background(), &coord), auth.WithUser(context.Background(), &fin)
	var pending [3]int64
	if err := e.db.Update(asCoord, func(tx *store.Tx) error {
		_, err := tx.EditTask(asCoord, x.dropped.ID, plan.TaskEdit{Drop: true, Decision: "Quyết định số 99/QĐ-UBND"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for i, p := range []proposal.Proposal{
		{TaskID: x.led.ID, Timeframe: ptr("Năm 2027"), Reason: "Chưa bố trí được vốn"},
		{TaskID: x.led.ID, Content: ptr("Nội dung khác"), Reason: "Không phù hợp"},
		{TaskID: x.led.ID, Drop: true, Reason: "Trùng nhiệm vụ khác"},
	} {
		if err := e.db.Update(asFin, func(tx *store.Tx) error { return tx.Propose(asFin, &p) }); err != nil {
			t.Fatal(err)
		}
		pending[i] = p.ID
	}
	financeID := *fin.AgencyID
	task := fmt.Sprintf("/api/v1/tasks/%d", x.other.ID)
	rev := x.other.Rev
	add := fmt.Sprintf("/api/v1/plans/%d/tasks", e.planID)
	accept := func(id int64) string { return fmt.Sprintf("/api/v1/proposals/%d/accept", id) }
	reject := func(id int64) string { return fmt.Sprintf("/api/v1/proposals/%d/reject", id) }
	patch := func(token, body string, h map[string]string) request {
		return request{Method: "PATCH", Path: task, Token: token, Body: body, Header: h}
	}
	post := func(path, token, body string) request {
		return request{Method: "POST", Path: path, Token: token, Body: body}
	}
	return []specCase{
		{"patch task", patch(coordinator, fmt.Sprintf(`{"rev":%d,"content":"Nội dung đã sửa","reason":"Theo chỉ đạo"}`, rev), nil), 200, reqValid},
		{"patch task stale rev", patch(admin, fmt.Sprintf(`{"rev":%d,"timeframe":"2027"}`, rev), nil), 409, reqValid},
		{"patch task If-Match", patch(admin, `{"timeframe":"Quý IV/2026","support":[]}`, map[string]string{"If-Match": fmt.Sprintf(`"%d"`, rev+1)}), 200, reqValid},
		{"patch task If-Match and other rev", patch(admin, fmt.Sprintf(`{"rev":%d,"timeframe":"2027"}`, rev), map[string]string{"If-Match": fmt.Sprintf(`"%d"`, rev+2)}), 400, reqAny},
		{"patch task without rev", patch(coordinator, `{"content":"Khác"}`, nil), 422, reqValid},
		{"patch task empty lead", patch(coordinator, fmt.Sprintf(`{"rev":%d,"lead":[]}`, rev+2), nil), 422, reqValid},
		{"patch task as officer", patch(officer, fmt.Sprintf(`{"rev":%d,"content":"Khác"}`, rev+2), nil), 403, reqValid},
		{"patch task unknown", request{Method: "PATCH", Path: "/api/v1/tasks/999999", Token: coordinator, Body: `{"rev":0,"content":"Khác"}`}, 404, reqAny},
		{"patch task malformed", patch(coordinator, `{"rev":`, nil), 400, reqInvalid},
		{"patch task unknown field", patch(coordinator, `{"rev":1,"status":"done"}`, nil), 400, reqInvalid},
		{"patch task anonymous", patch("", `{"rev":1,"content":"Khác"}`, nil), 401, reqInvalid},

		{"add task", post(add, coordinator, fmt.Sprintf(`{"group_id":%d,"code":"II.99","content":"Nhiệm vụ bổ sung","timeframe":"Quý IV/2026","lead":[%d],"reason":"Bổ sung"}`, x.group, financeID)), 201, reqValid},
		{"add task blank content", post(add, admin, fmt.Sprintf(`{"group_id":%d,"content":"","timeframe":"2026","lead":[%d]}`, x.group, financeID)), 422, reqValid},
		{"add task as viewer", post(add, viewer, fmt.Sprintf(`{"group_id":%d,"content":"X","timeframe":"2026","lead":[%d]}`, x.group, financeID)), 403, reqValid},
		{"add task unknown plan", post("/api/v1/plans/999999/tasks", admin, fmt.Sprintf(`{"group_id":%d,"content":"X","timeframe":"2026","lead":[%d]}`, x.group, financeID)), 404, reqAny},
		{"add task malformed", post(add, admin, `{"group_id":`), 400, reqInvalid},
		{"add task anonymous", post(add, "", `{"group_id":1,"content":"X","timeframe":"2026","lead":[1]}`), 401, reqInvalid},

		{"proposals", request{Path: "/api/v1/proposals", Token: viewer}, 200, reqValid},
		{"proposals officer pending", request{Path: "/api/v1/proposals?state=pending", Token: officer}, 200, reqValid},
		{"proposals bad state", request{Path: "/api/v1/proposals?state=open", Token: viewer}, 400, reqInvalid},
		{"proposals cooperative", request{Path: "/api/v1/proposals", Token: coopTok}, 403, reqValid},
		{"proposals anonymous", request{Path: "/api/v1/proposals"}, 401, reqInvalid},

		{"propose", post("/api/v1/proposals", officer, fmt.Sprintf(`{"task_id":%d,"timeframe":"Năm 2027","lead":[%d],"reason":"Chưa đủ kinh phí"}`, x.led.ID, financeID)), 201, reqValid},
		{"propose on another agency's task", post("/api/v1/proposals", officer, fmt.Sprintf(`{"task_id":%d,"drop":true,"reason":"Không phù hợp"}`, x.other.ID)), 403, reqValid},
		{"propose as coordinator", post("/api/v1/proposals", coordinator, fmt.Sprintf(`{"task_id":%d,"drop":true,"reason":"X"}`, x.led.ID)), 403, reqValid},
		{"propose without a reason", post("/api/v1/proposals", officer, fmt.Sprintf(`{"task_id":%d,"timeframe":"2027","reason":""}`, x.led.ID)), 422, reqValid},
		{"propose on a dropped task", post("/api/v1/proposals", officer, fmt.Sprintf(`{"task_id":%d,"timeframe":"2027","reason":"X"}`, x.dropped.ID)), 409, reqValid},
		{"propose unknown task", post("/api/v1/proposals", officer, `{"task_id":999999,"timeframe":"2027","reason":"X"}`), 404, reqAny},
		{"propose malformed", post("/api/v1/proposals", officer, `{"task_id":`), 400, reqInvalid},
		{"propose anonymous", post("/api/v1/proposals", "", `{"task_id":1,"reason":"X"}`), 401, reqInvalid},

		{"accept", post(accept(pending[0]), coordinator, `{"comment":"Đồng ý"}`), 200, reqValid},
		{"accept again", post(accept(pending[0]), admin, `{}`), 409, reqValid},
		{"accept a drop without decision", post(accept(pending[2]), coordinator, `{}`), 422, reqValid},
		{"accept as officer", post(accept(pending[1]), officer, `{}`), 403, reqValid},
		{"accept unknown", post(accept(999999), coordinator, `{}`), 404, reqAny},
		{"accept malformed", post(accept(pending[1]), coordinator, `{"comment":`), 400, reqInvalid},
		{"accept anonymous", post(accept(pending[1]), "", `{}`), 401, reqInvalid},
		{"reject", post(reject(pending[1]), coordinator, `{"comment":"Cần tiếp tục thực hiện"}`), 200, reqValid},
		{"reject again", post(reject(pending[1]), coordinator, `{"comment":"Lại"}`), 409, reqValid},
		{"reject without comment", post(reject(pending[2]), coordinator, `{}`), 422, reqValid},
		{"reject as viewer", post(reject(pending[2]), viewer, `{"comment":"X"}`), 403, reqValid},
		{"reject unknown", post(reject(999999), coordinator, `{"comment":"X"}`), 404, reqAny},
		{"reject malformed", post(reject(pending[2]), coordinator, `{"comment":`), 400, reqInvalid},
		{"reject anonymous", post(reject(pending[2]), "", `{"comment":"X"}`), 401, reqInvalid},
	}
}

func ptr(s string) *string { return &s }
