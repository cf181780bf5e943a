package server

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// portalExpectations are the matrix rows of the public portal and of
// publishing a plan. The portal answers every role alike, the anonymous
// visitor too; an unpublished plan is not found for anyone there. The
// coordinator and the administrator publish and withdraw plans: each
// publishes a plan of its own, so every accepted call writes, and
// withdraws it in the next route.
func (e *env) portalExpectations() map[string][]call {
	t, ctx := e.t, context.Background()
	newPlan := func(title string) int64 {
		p := plan.Plan{Number: "1/KH-MT", Title: title}
		if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) }); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	published := newPlan("Kế hoạch công khai của ma trận")
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanPublished(ctx, published, true) }); err != nil {
		t.Fatal(err)
	}
	own := map[string]int64{roleAdmin: newPlan("Kế hoạch quản trị công khai"), roleCoordinator: newPlan("Kế hoạch đầu mối công khai")}
	rolePlan := func(action string) func(ids, string) string {
		return func(_ ids, role string) string {
			id, ok := own[role]
			if !ok {
				id = own[roleAdmin]
			}
			return fmt.Sprintf("/plans/%d/%s", id, action)
		}
	}
	managers := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	back := map[string]string{roleAdmin: "/plans/" + strconv.FormatInt(own[roleAdmin], 10),
		roleCoordinator: "/plans/" + strconv.FormatInt(own[roleCoordinator], 10)}
	return map[string][]call{
		"GET /cong-khai": {{path: fixed("/cong-khai"), want: all(ok)}},
		"GET /cong-khai/ke-hoach/{id}": {
			{name: "published", path: fixed(fmt.Sprintf("/cong-khai/ke-hoach/%d", published)), want: all(ok)},
			{name: "unpublished", path: func(x ids) string { return fmt.Sprintf("/cong-khai/ke-hoach/%d", x.plan) }, want: all(notFound)},
			{name: "no_plan", path: fixed("/cong-khai/ke-hoach/999999"), want: all(notFound)},
			{name: "not_a_number", path: fixed("/cong-khai/ke-hoach/abc"), want: all(notFound)},
		},
		"GET /cong-khai/thong-ke": {{path: fixed("/cong-khai/thong-ke"), want: all(ok)}},
		"GET /cong-khai/to-chuc": {
			{name: "first", path: fixed("/cong-khai/to-chuc"), want: all(ok)},
			{name: "search", path: fixed("/cong-khai/to-chuc?q=sen&page=1"), want: all(ok)},
		},
		"GET /cong-khai/du-lieu": {{path: fixed("/cong-khai/du-lieu"), want: all(ok)}},
		"GET /cong-khai/du-lieu/{file}": {
			{name: "csv", path: fixed("/cong-khai/du-lieu/nhiem-vu.csv"), want: all(ok)},
			{name: "json", path: fixed("/cong-khai/du-lieu/thong-ke.json"), want: all(ok)},
			{name: "unknown", path: fixed("/cong-khai/du-lieu/nguoi-dung.csv"), want: all(notFound)},
			{name: "format", path: fixed("/cong-khai/du-lieu/ke-hoach.xml"), want: all(notFound)},
		},
		"POST /plans/{id}/publish":   {{rolePath: rolePlan("publish"), path: fixed(""), want: managers, writes: true, loc: back}},
		"POST /plans/{id}/unpublish": {{rolePath: rolePlan("unpublish"), path: fixed(""), want: managers, writes: true, loc: back}},
	}
}
