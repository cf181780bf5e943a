package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/demo"
)

// The demo cooperative files its figures in the browser, the coordinator
// accepts them.
func TestFileFiguresInTheBrowser(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	own := e.orgID("2900456781")
	other := e.orgID("2900318842")
	path := fmt.Sprintf("/register/%d/figures/2026", own)
	c := e.login(demo.CoopEmail)
	form := e.page(c, path)
	if !strings.Contains(form, `value="submit"`) || strings.Contains(form, `value="accept"`) {
		t.Fatal("the cooperative's form offers the wrong steps")
	}
	v := url.Values{"members_individual": {"360"}, "members_household": {"45"}, "revenue": {"9.100.000.000"},
		"profit": {"-1.000.000"}, "rating": {"good"}, "exemplary": {"1"}, "step": {"submit"}}
	if resp, body := e.postForm(c, path, v); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%.500s", resp.StatusCode, body)
	}
	f, err := e.db.FiguresFor(ctx, own, 2026)
	if err != nil || f.Filing != coop.FilingSubmitted || f.Revenue != 9_100_000_000 || f.Profit != -1_000_000 || !f.Exemplary {
		t.Fatalf("stored %+v, %v", f, err)
	}
	// Submitted: the cooperative can no longer change it.
	v.Set("revenue", "1")
	v.Set("step", "save")
	if resp, _ := e.postForm(c, path, v); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("changing submitted figures: %d", resp.StatusCode)
	}
	// Nor file another organisation's.
	if resp, _ := e.get(c, fmt.Sprintf("/register/%d/figures/2026", other)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another organisation's form: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(c, fmt.Sprintf("/register/%d/figures/2026", other), v); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another organisation's figures: %d", resp.StatusCode)
	}
	coord := e.login(coordinatorEmail)
	review := e.page(coord, path)
	if !strings.Contains(review, `value="accept"`) || !strings.Contains(review, `value="9100000000"`) {
		t.Fatal("the coordinator's form does not offer to accept the submitted figures")
	}
	v = url.Values{"members_individual": {"360"}, "members_household": {"45"}, "revenue": {"9100000000"},
		"profit": {"-1000000"}, "rating": {"good"}, "exemplary": {"1"}, "step": {"accept"}}
	if resp, _ := e.postForm(coord, path, v); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	if f, _ := e.db.FiguresFor(ctx, own, 2026); f.Filing != coop.FilingAccepted || f.Revenue != 9_100_000_000 {
		t.Errorf("after accept: %+v", f)
	}
	// A number that is not one is named, and nothing is written.
	v.Set("revenue", "9,1 tỷ")
	v.Set("step", "save")
	resp, body := e.postForm(coord, path, v)
	if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, "revenue") == "" {
		t.Errorf("a revenue in words: %d", resp.StatusCode)
	}
	if f, _ := e.db.FiguresFor(ctx, own, 2026); f.Revenue != 9_100_000_000 {
		t.Errorf("a refused form changed the revenue to %d", f.Revenue)
	}
}
