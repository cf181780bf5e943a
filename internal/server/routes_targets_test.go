package server

import (
	"context"
	"fmt"
	"io"
	"net/url"
)

// targetExpectations are the matrix rows of a plan's targets page, the
// link form and the targets API. Every account reads the targets and
// their status; the coordinator and the administrator link them.
func (e *env) targetExpectations() map[string][]call {
	t := e.t
	p, err := e.db.Plan(context.Background(), e.planID)
	if err != nil || len(p.Targets) == 0 {
		t.Fatalf("the demo plan's targets: %v %v", p.Targets, err)
	}
	tid := p.Targets[0].ID
	linkers := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	return map[string][]call{
		"GET /plans/{id}/targets": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/targets", x.plan) }, want: readPage}},
		"POST /plans/{id}/targets/{tid}": {{path: func(x ids) string { return fmt.Sprintf("/plans/%d/targets/%d", x.plan, tid) },
			want: linkers, writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"indicator": {"active_htx"}, "comparator": {">="}, "value": {"1100"},
					"baseline_year": {"2024"}, "baseline_value": {"900"}, "deadline": {"2026-12-31"}, "scope": {""}})
			}}},
		"GET /api/v1/targets": {{path: func(x ids) string { return fmt.Sprintf("/api/v1/targets?plan=%d", x.plan) }, want: readAPI}},
	}
}
