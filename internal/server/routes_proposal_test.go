package server

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/proposal"
	"github.com/hoptac/hoptac/internal/store"
)

// Task edits and adjustment proposals in the role × route matrix. The
// coordinator and the administrator edit and decide; an agency officer
// proposes on the tasks its agency leads (by name or as successor); a
// cooperative has no part in proposals.
var (
	editors       = byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	officerUp     = byRole{roleAnon: unauth, roleAdmin: forbidden, roleCoordinator: forbidden, roleAgency: see, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	nobodyUp      = byRole{roleAnon: unauth, roleAdmin: forbidden, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	proposalsPage = byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: forbidden}
)

// apiOf turns a page's expectation into the API's: 303 becomes status.
func apiOf(want byRole, status int) byRole {
	out := byRole{}
	for r, s := range want {
		if s == see {
			s = status
		}
		out[r] = s
	}
	return out
}

// currentTask reads a task as it is now: its revision and agencies, for a
// request the matrix sends after other roles changed it.
func (e *env) currentTask(id int64) plan.Task {
	e.t.Helper()
	t, err := e.db.Task(context.Background(), id, plan.Today(fixedNow))
	if err != nil {
		e.t.Fatal(err)
	}
	return t
}

// financeLedTask is a task Sở Tài chính leads by name.
func (e *env) financeLedTask() int64 {
	e.t.Helper()
	tasks, _, err := e.db.Tasks(context.Background(), plan.TaskFilter{PlanID: e.planID, AgencyID: e.financeID, PerPage: -1,
		Today: plan.Today(fixedNow)})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, t := range tasks {
		for _, l := range t.Lead {
			if l.ID == e.financeID {
				return t.ID
			}
		}
	}
	e.t.Fatal("the demo has no task Sở Tài chính leads by name")
	return 0
}

// pendingProposal stores a new proposal by the finance officer and
// returns its ID: each role of the matrix decides its own.
func (e *env) pendingProposal() int64 {
	e.t.Helper()
	ctx := context.Background()
	u, err := e.db.UserByEmail(ctx, roleEmails[roleAgency])
	if err != nil {
		e.t.Fatal(err)
	}
	octx := auth.WithUser(ctx, &u)
	tf := "Năm 2027"
	p := proposal.Proposal{TaskID: e.financeLedTask(), Timeframe: &tf, Reason: "Chưa bố trí được kinh phí"}
	if err := e.db.Update(octx, func(tx *store.Tx) error { return tx.Propose(octx, &p) }); err != nil {
		e.t.Fatal(err)
	}
	return p.ID
}

func idList(refs []plan.AgencyRef) []string {
	out := []string{}
	for _, r := range refs {
		out = append(out, fmt.Sprint(r.ID))
	}
	return out
}

func (e *env) proposalExpectations() map[string][]call {
	editForm := func(x ids, role string) (io.Reader, string) {
		t := e.currentTask(x.otherTask)
		return form(url.Values{"rev": {fmt.Sprint(t.Rev)}, "content": {t.Content + " " + role},
			"timeframe": {t.Timeframe.Text}, "lead": idList(t.Lead), "support": idList(t.Support), "reason": {"Ma trận quyền"}})
	}
	editJSON := func(x ids, role string) (io.Reader, string) {
		t := e.currentTask(x.otherTask)
		return strings.NewReader(fmt.Sprintf(`{"rev":%d,"content":%q}`, t.Rev, t.Content+" API "+role)), "application/json"
	}
	firstGroup := func(x ids) int64 { return e.currentTask(x.otherTask).GroupID }
	proposeOn := func(name string, id func(ids) int64, want byRole) call {
		return call{name: name, path: func(x ids) string { return fmt.Sprintf("/tasks/%d/proposals", id(x)) }, want: want, writes: true,
			body: func(ids, string) (io.Reader, string) {
				return form(url.Values{"p_timeframe": {"Năm 2027"}, "p_reason": {"Chưa bố trí được kinh phí"}})
			}}
	}
	proposeAPI := func(name string, id func(ids) int64, want byRole) call {
		return call{name: name, path: fixed("/api/v1/proposals"), want: want, writes: true,
			body: func(x ids, _ string) (io.Reader, string) {
				return strings.NewReader(fmt.Sprintf(`{"task_id":%d,"timeframe":"Năm 2027","reason":"Chưa bố trí được kinh phí"}`, id(x))), "application/json"
			}}
	}
	led := func(ids) int64 { return e.financeLedTask() }
	inherited := func(x ids) int64 { return x.inheritedTask }
	other := func(x ids) int64 { return x.otherTask }
	decide := func(prefix, action, comment string, want byRole) []call {
		return []call{{rolePath: func(_ ids, _ string) string {
			return fmt.Sprintf("%s/proposals/%d/%s", prefix, e.pendingProposal(), action)
		}, path: fixed(prefix + "/proposals/0/" + action), want: want, writes: true,
			body: func(ids, string) (io.Reader, string) {
				if prefix != "" {
					return strings.NewReader(fmt.Sprintf(`{"comment":%q}`, comment)), "application/json"
				}
				return form(url.Values{"comment": {comment}})
			}}}
	}
	return map[string][]call{
		"POST /tasks/{id}/edit": {{path: func(x ids) string { return fmt.Sprintf("/tasks/%d/edit", x.otherTask) },
			want: editors, writes: true, body: editForm}},
		"POST /plans/{id}/tasks": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/tasks", x.plan) }, want: editors, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return form(url.Values{"group": {fmt.Sprint(firstGroup(x))}, "add_content": {"Nhiệm vụ bổ sung " + role},
					"add_timeframe": {"Quý IV/2026"}, "add_lead": {fmt.Sprint(x.agency)}})
			}}},
		"POST /tasks/{id}/proposals": {
			proposeOn("own_task", led, officerUp),
			proposeOn("inherited_task", inherited, officerUp),
			proposeOn("other_task", other, nobodyUp),
		},
		"GET /proposals": {
			{name: "all", path: fixed("/proposals"), want: proposalsPage},
			{name: "pending", path: fixed("/proposals?state=pending"), want: proposalsPage},
		},
		"POST /proposals/{id}/accept": decide("", "accept", "Đồng ý", editors),
		"POST /proposals/{id}/reject": decide("", "reject", "Cần tiếp tục thực hiện", editors),

		"PATCH /api/v1/tasks/{id}": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/tasks/%d", x.otherTask) },
			want: apiOf(editors, ok), writes: true, body: editJSON}},
		"POST /api/v1/plans/{id}/tasks": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/plans/%d/tasks", x.plan) },
			want: apiOf(editors, created), writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return strings.NewReader(fmt.Sprintf(`{"group_id":%d,"content":"Nhiệm vụ API %s","timeframe":"2026","lead":[%d]}`,
					firstGroup(x), role, x.agency)), "application/json"
			}}},
		"GET /api/v1/proposals": {{path: fixed("/api/v1/proposals"),
			want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: forbidden}}},
		"POST /api/v1/proposals": {
			proposeAPI("own_task", led, apiOf(officerUp, created)),
			proposeAPI("inherited_task", inherited, apiOf(officerUp, created)),
			proposeAPI("other_task", other, nobodyUp),
		},
		"POST /api/v1/proposals/{id}/accept": decide("/api/v1", "accept", "Đồng ý", apiOf(editors, ok)),
		"POST /api/v1/proposals/{id}/reject": decide("/api/v1", "reject", "Không phù hợp", apiOf(editors, ok)),
	}
}
