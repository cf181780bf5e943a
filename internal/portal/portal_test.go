package portal_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestVisitorSeesPublishedPlanOnly walks the portal without an account:
// the demo plan is invisible until the coordinator publishes it, shown
// with its tasks' progress while published, and not found again once
// withdrawn.
func TestVisitorSeesPublishedPlanOnly(t *testing.T) {
	a := start(t)
	c := a.NewClient()
	planPath := "/cong-khai/ke-hoach/" + strconv.FormatInt(a.PlanID, 10)
	p, err := a.DB.Plan(context.Background(), a.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	title := p.Title
	home := a.Page(c, "/cong-khai")
	if strings.Contains(home, title) {
		t.Errorf("the unpublished plan is on the home page")
	}
	if resp, _ := a.Get(c, planPath); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unpublished plan page: %d, want 404", resp.StatusCode)
	}
	publish(t, a.DB, a.PlanID, true)
	home = a.Page(c, "/cong-khai")
	if !strings.Contains(home, title) || !strings.Contains(home, `href="`+planPath+`"`) {
		t.Errorf("the published plan is not on the home page:\n%s", home)
	}
	page := a.Page(c, planPath)
	for _, want := range []string{title, "Đang thực hiện", "Sở Tài chính"} {
		if !strings.Contains(page, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	publish(t, a.DB, a.PlanID, false)
	if resp, _ := a.Get(c, planPath); resp.StatusCode != http.StatusNotFound {
		t.Errorf("withdrawn plan page: %d, want 404", resp.StatusCode)
	}
	if strings.Contains(a.Page(c, "/cong-khai"), title) {
		t.Errorf("the withdrawn plan is still on the home page")
	}
}

// TestRegisterChangeShows: a register edit reaches the cached portal at
// once: one organisation dissolved takes one off the active count of the
// home page and the statistics, and the directory shows its new status.
func TestRegisterChangeShows(t *testing.T) {
	a := start(t)
	c := a.NewClient()
	total := func(page string) string {
		t.Helper()
		m := regexp.MustCompile(`<th scope="row">Tổng cộng</th>(?:<td class="num">\d+</td>)*<td class="num">(\d+)</td>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no total row:\n%s", page)
		}
		return m[1]
	}
	home, stats := total(a.Page(c, "/cong-khai")), total(a.Page(c, "/cong-khai/thong-ke"))
	n := a.Count(`SELECT COUNT(*) FROM organisations WHERE status = 'active'`)
	if home != strconv.Itoa(n) || stats != home {
		t.Fatalf("active: home %s, statistics %s, register %d", home, stats, n)
	}
	id := storetest.IDs(t, a.DB, `SELECT id FROM organisations WHERE status = 'active' ORDER BY id`)[0]
	o, err := a.DB.Organisation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithUser(context.Background(), coordinator(t, a.DB))
	if err := a.DB.Update(ctx, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: id, Kind: coop.StatusDissolved, On: apptest.Now.AddDate(0, 0, -2)})
	}); err != nil {
		t.Fatal(err)
	}
	if got := total(a.Page(c, "/cong-khai")); got != strconv.Itoa(n-1) {
		t.Errorf("home page after a dissolution: %s active, want %d", got, n-1)
	}
	if got := total(a.Page(c, "/cong-khai/thong-ke")); got != strconv.Itoa(n-1) {
		t.Errorf("statistics after a dissolution: %s active, want %d", got, n-1)
	}
	dir := a.Page(c, "/cong-khai/to-chuc?q="+url.QueryEscape(o.Name))
	if !strings.Contains(dir, "<td>"+o.Name+"</td>") || !strings.Contains(dir, "<td>Giải thể</td>") {
		t.Errorf("the directory does not show %q dissolved:\n%s", o.Name, dir)
	}
}
