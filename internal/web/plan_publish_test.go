package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPublishButtons: the coordinator sees the publish button on the plan
// page, publishes, sees the plan published with a link to its public page
// and a button to withdraw it, and withdraws it; an agency officer sees
// neither button and is refused the action.
func TestPublishButtons(t *testing.T) {
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	planPath := fmt.Sprintf("/plans/%d", e.planID)
	page := e.page(coord, planPath)
	if !strings.Contains(page, `action="`+planPath+`/publish"`) || !strings.Contains(page, "Kế hoạch chưa được công khai.") {
		t.Fatalf("the coordinator's plan page has no publish button:\n%s", page)
	}
	resp, _ := e.postForm(coord, planPath+"/publish", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != planPath {
		t.Fatalf("publish: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	page = e.page(coord, planPath)
	for _, want := range []string{"Đã công khai kế hoạch trên cổng thông tin.", "Đang công khai từ 24/11/2026",
		fmt.Sprintf(`href="/cong-khai/ke-hoach/%d"`, e.planID), `action="` + planPath + `/unpublish"`} {
		if !strings.Contains(page, want) {
			t.Errorf("after publishing, the plan page lacks %q", want)
		}
	}
	officer := e.login(financeEmail)
	page = e.page(officer, planPath)
	if strings.Contains(page, "/publish\"") || strings.Contains(page, "/unpublish\"") {
		t.Error("an agency officer sees a publication button")
	}
	if !strings.Contains(page, "Đang công khai từ") {
		t.Error("an agency officer does not see that the plan is published")
	}
	if resp, _ := e.postForm(officer, planPath+"/unpublish", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an officer's unpublish: %d, want 403", resp.StatusCode)
	}
	resp, _ = e.postForm(coord, planPath+"/unpublish", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", resp.StatusCode)
	}
	if page := e.page(coord, planPath); !strings.Contains(page, "Kế hoạch chưa được công khai.") {
		t.Error("after withdrawing, the plan page does not say so")
	}
}
