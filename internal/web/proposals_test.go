package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var proposalIDRE = regexp.MustCompile(`action="/proposals/(\d+)/accept"`)

// An officer of the lead agency proposes a new timeframe; its reason is
// required; the coordinator sees it on /proposals and accepts it, and the
// task changes with the proposal in its history. Another agency's officer
// neither proposes on the task nor sees the proposal.
func TestProposalFromTaskPageToAcceptance(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer, other, coord := e.login(financeEmail), e.login(agricultureEmail), e.login(coordinatorEmail)
	task := e.ledByFinance()
	path := fmt.Sprintf("/tasks/%d/proposals", task.ID)
	resp, body := e.postForm(officer, path, url.Values{"p_timeframe": {"Năm 2027"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="p_reason-error"`) {
		t.Errorf("proposal without a reason: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(other, path, url.Values{"p_timeframe": {"Năm 2027"}, "p_reason": {"Lý do"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("proposal by an agency that does not lead the task: %d, want 403", resp.StatusCode)
	}
	resp, _ = e.postForm(officer, path, url.Values{"p_timeframe": {"Năm 2027"}, "p_reason": {"Chưa bố trí được vốn"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("proposal: %d", resp.StatusCode)
	}
	if strings.Contains(e.page(other, "/proposals"), "Chưa bố trí được vốn") {
		t.Error("another agency's officer sees the proposal")
	}
	if !strings.Contains(html.UnescapeString(e.page(officer, "/proposals")), "Chưa bố trí được vốn") {
		t.Error("the proposing officer does not see its proposal")
	}
	if strings.Contains(e.page(officer, "/proposals"), `/accept"`) {
		t.Error("the officer is offered to accept")
	}
	m := proposalIDRE.FindStringSubmatch(e.page(coord, "/proposals?state=pending"))
	if m == nil {
		t.Fatal("the coordinator is not offered the pending proposal")
	}
	if resp, body := e.postForm(coord, "/proposals/"+m[1]+"/reject", url.Values{}); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Hãy ghi ý kiến") {
		t.Errorf("reject without comment: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(coord, "/proposals/"+m[1]+"/accept", url.Values{"comment": {"Đồng ý"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	page := html.UnescapeString(e.page(coord, fmt.Sprintf("/tasks/%d", task.ID)))
	for _, want := range []string{"Năm 2027", "Điều chỉnh theo đề xuất", "Chưa bố trí được vốn", "Đã chấp nhận"} {
		if !strings.Contains(page, want) {
			t.Errorf("task page after the accepted proposal lacks %q", want)
		}
	}
	if resp, _ := e.postForm(coord, "/proposals/"+m[1]+"/accept", url.Values{}); resp.StatusCode != http.StatusConflict {
		t.Errorf("accepting twice: %d, want 409", resp.StatusCode)
	}
}
