package portal_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
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
