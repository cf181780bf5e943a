package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// scheduleExpectations are the matrix rows of a plan's schedules, the
// designations' members and the schedules API. Whoever follows the
// plan's reporting reads the schedules (an agency officer too: it needs
// its due days); the coordinator and the administrator change them.
func (e *env) scheduleExpectations() map[string][]call {
	t, ctx := e.t, context.Background()
	list, err := e.db.Schedules(ctx, e.planID)
	if err != nil || len(list) == 0 {
		t.Fatalf("the demo plan's schedules: %v %v", list, err)
	}
	yearly := list[0]
	refs, err := e.db.PlanAgencies(ctx, e.planID)
	if err != nil {
		t.Fatal(err)
	}
	var designation int64
	for _, r := range refs {
		if r.Collective {
			designation = r.ID
			break
		}
	}
	if designation == 0 {
		t.Fatal("the demo plan names no collective designation")
	}
	managers := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	scheduleForm := func(frequency string) func(ids, string) (io.Reader, string) {
		return func(_ ids, role string) (io.Reader, string) {
			return form(url.Values{"frequency": {frequency}, "cutoff": {"15"}, "due_after": {"6"}, "recipient": {"Chủ tịch UBND tỉnh, " + role}})
		}
	}
	return map[string][]call{
		"GET /plans/{id}/schedules": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/schedules", x.plan) }, want: reportsPage}},
		// An accepted add makes a half-yearly schedule per role; the yearly
		// one, which the other rows read, stays first.
		"POST /plans/{id}/schedules": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/schedules", x.plan) },
			want: managers, writes: true, body: scheduleForm("half_yearly")}},
		"POST /plans/{id}/schedules/{sid}": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/schedules/%d", x.plan, yearly.ID) },
			want: managers, writes: true, body: scheduleForm("yearly")}},
		"POST /plans/{id}/designations/{aid}": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/designations/%d", x.plan, designation) },
			want: managers, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				// Each role leaves a different list, so every accepted call writes.
				members := url.Values{"members": {fmt.Sprint(x.agency)}}
				if role == roleCoordinator {
					members.Add("members", fmt.Sprint(x.scratchAgency))
				}
				return form(members)
			}}},
		"GET /api/v1/plans/{id}/schedules": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/plans/%d/schedules", x.plan) }, want: reportsAPI}},
		"PUT /api/v1/plans/{id}/schedules": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/plans/%d/schedules", x.plan) },
			want:   byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden},
			writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				// Every stored schedule, as the API lists them, with this
				// role's recipient on each.
				now, err := e.db.Schedules(ctx, e.planID)
				if err != nil {
					t.Fatal(err)
				}
				for i := range now {
					now[i].Recipient = "Chủ tịch UBND tỉnh (API), " + role
				}
				b, err := json.Marshal(map[string]any{"schedules": now})
				if err != nil {
					t.Fatal(err)
				}
				return strings.NewReader(string(b)), "application/json"
			}}},
	}
}
