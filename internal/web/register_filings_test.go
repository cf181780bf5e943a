package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
)

// The coordinator follows the yearly filing per commune and opens the
// organisations behind a count; nobody else sees the page.
func TestRegisterFilings(t *testing.T) {
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	// The demo's clock is 24/11/2026: the 2025 figures were due on 15/12/2025.
	body := e.page(c, "/register/filings?year=2025")
	for _, want := range []string{"Theo dõi nộp số liệu năm", "15/12/2025", "Đã nộp", "Quá hạn", "Chưa bắt đầu", "17611"} {
		if !strings.Contains(body, want) {
			t.Errorf("the overview lacks %q", want)
		}
	}
	// The totals row counts the five active organisations of the demo.
	if !regexp.MustCompile(`<tfoot>.*<td class="num">5</td></tr></tfoot>`).MatchString(body) {
		t.Errorf("the totals row does not count 5 organisations")
	}
	link := regexp.MustCompile(`href="(/register/filings\?commune=17611&amp;state=[a-z_]+&amp;year=2025#list)"`).FindStringSubmatch(body)
	if link == nil {
		t.Fatal("no count of commune 17611 opens its list")
	}
	list := e.page(c, strings.ReplaceAll(link[1], "&amp;", "&"))
	if !strings.Contains(list, "Hợp tác xã Nông nghiệp Sen Quê") || !strings.Contains(list, `id="list"`) {
		t.Errorf("the drill-down does not list Sen Quê")
	}
	if b := e.page(c, "/register/filings?year=2025&unit=99999"); !strings.Contains(b, "Không có tổ chức đang hoạt động nào") {
		t.Error("a unit without organisations")
	}
	for _, bad := range []string{"/register/filings?year=abc", "/register/filings?state=done&commune=17611", "/register/filings?commune=x&state=late"} {
		if resp, _ := e.get(c, bad); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, resp.StatusCode)
		}
	}
	if b := e.page(c, "/register"); !strings.Contains(b, `href="/register/filings"`) {
		t.Error("the register does not link the coordinator to the overview")
	}
	for _, who := range []string{viewerEmail, apptest.CoopEmail} {
		if resp, _ := e.get(e.login(who), "/register/filings"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d", who, resp.StatusCode)
		}
	}
	if b := e.page(e.login(viewerEmail), "/register"); strings.Contains(b, `href="/register/filings"`) {
		t.Error("a viewer is offered the overview")
	}
}
