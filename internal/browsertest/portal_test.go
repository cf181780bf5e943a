package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// The public portal in the browser (issue 19): the coordinator publishes
// the demo plan with the plan page's button; then a visitor without an
// account opens the portal's home, follows the plan, reads its tasks'
// progress and targets, the statistics, searches the directory and opens
// the open data page, and switches to English; a plan that is not
// published is not found. Once with JavaScript, once without: the portal
// has no script at all.
func TestPortalWalk(t *testing.T) { portalWalk(t) }

func TestPortalWalkWithoutJavaScript(t *testing.T) { portalWalk(t, WithoutJavaScript()) }

func portalWalk(t *testing.T, opts ...Option) {
	app, b := NewApp(t), NewBrowser(t)
	ctx := context.Background()
	hidden := plan.Plan{Number: "9/KH-UBND", Title: "Kế hoạch chưa công khai"}
	if err := app.DB.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &hidden) }); err != nil {
		t.Fatal(err)
	}
	p, err := app.DB.Plan(ctx, app.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	planPath := fmt.Sprintf("/plans/%d", app.PlanID)
	publicPath := fmt.Sprintf("/cong-khai/ke-hoach/%d", app.PlanID)

	coord := b.NewSession(t, app.URL, opts...)
	coord.Login(apptest.CoordinatorEmail, app.Password(apptest.CoordinatorEmail))
	coord.Visit(planPath)
	if pg := coord.Click(fmt.Sprintf(`form[action=%q] button`, planPath+"/publish")); pg.Path() != planPath {
		coord.Fatalf("publishing led to %s", pg.Path())
	}
	coord.MustContain(".flash", coord.T("plan.published"))
	coord.MustContain(fmt.Sprintf(`a[href=%q]`, publicPath), publicPath)
	coord.Logout()

	s := b.NewSession(t, app.URL, opts...)
	s.Visit("/cong-khai")
	s.MustContain("h1", s.T("portal.title"))
	if s.Has(`a[href="/plans"]`) || s.Has(`form[action="/logout"]`) {
		s.Fatalf("the portal shows the logged-in menu")
	}
	if s.Has(`script`) {
		s.Fatalf("the portal loads a script")
	}
	if s.Has(Link("9/KH-UBND")) {
		s.Fatalf("the unpublished plan is listed")
	}
	if pg := s.Click(Link(p.Number)); pg.Path() != publicPath {
		s.Fatalf("the plan's link led to %s", pg.Path())
	}
	s.MustContain("h1", p.Title)
	s.MustContain(Row("II.1"), s.T("status.overdue"))
	s.MustContain("#targets-h", s.T("portal.targets"))

	s.ClickLink(s.T("portal.nav_stats"))
	s.MustContain("h1", s.T("portal.stats_title"))

	s.ClickLink(s.T("portal.nav_directory"))
	s.Fill(`form[action="/cong-khai/to-chuc"]`, map[string]string{"q": "Sen Quê"})
	if pg := s.Submit(`form[action="/cong-khai/to-chuc"]`); pg.Path() != "/cong-khai/to-chuc?q=Sen+Qu%C3%AA" {
		s.Fatalf("the search led to %s", pg.Path())
	}
	s.MustContain(Row("Hợp tác xã Nông nghiệp Sen Quê"), s.T("coop.status.active"))
	if n := s.Count("tbody tr"); n != 1 {
		s.Fatalf("the search found %d organisations, want 1", n)
	}

	s.ClickLink(s.T("portal.nav_data"))
	s.MustContain("h1", s.T("portal.data_title"))
	s.MustContain(`a[rel="license"]`, s.T("portal.licence"))
	for _, f := range []string{"ke-hoach.csv", "nhiem-vu.json", "chi-tieu.csv", "thong-ke.json"} {
		if !s.Has(fmt.Sprintf(`a[href="/cong-khai/du-lieu/%s"]`, f)) {
			s.Fatalf("no link to %s", f)
		}
	}

	s.SwitchLanguage("en")
	s.MustContain("h1", s.T("portal.data_title"))

	s.Expect(http.StatusNotFound)
	if pg := s.Visit(fmt.Sprintf("/cong-khai/ke-hoach/%d", hidden.ID)); pg.Status != http.StatusNotFound {
		s.Fatalf("the unpublished plan answered %d", pg.Status)
	}
	s.MustContain("main", s.T("error.plan_not_found"))
}
