package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Every account reads the indicators of a year and unit, with Vietnamese
// numbers, formulas and links to the organisations behind them; the
// coordinator enters GRDP's share with its source, a wrong field named
// on the form; a viewer may not.
func TestIndicatorsPage(t *testing.T) {
	e := newEnv(t)
	storetest.ImportReformUnits(t, e.db)
	viewer := e.login(viewerEmail)
	body := e.page(viewer, "/indicators?year=2025")
	for _, want := range []string{"Chỉ tiêu kinh tế tập thể", "Hợp tác xã đang hoạt động", "Doanh thu bình quân một tổ chức",
		"Σ doanh thu / số tổ chức có số liệu năm", `href="/register?form=htx&amp;status=active"`,
		`href="/register?year=2025"`, `<option value="31">Thành phố Hải Phòng</option>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The demo's average revenue is billions: grouped with dots.
	if !regexp.MustCompile(`id="ind-avg_revenue">.*?<td class="num"><a href="[^"]+">\d{1,3}(\.\d{3}){2,}(,\d+)?</a>`).MatchString(strings.ReplaceAll(body, "\n", "")) {
		t.Error("average revenue not in Vietnamese notation with its link")
	}
	// Choosing the province shows its communes (no JavaScript needed).
	if b := e.page(viewer, "/indicators?year=2025&province=31"); !strings.Contains(b, `<option value="10507">Phường Thành Đông</option>`) {
		t.Error("the commune picker does not list Hải Phòng's communes")
	}
	if resp, _ := e.get(viewer, "/indicators/values"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer on the entry form: %d", resp.StatusCode)
	}

	c := e.login(coordinatorEmail)
	resp, b := e.postForm(c, "/indicators/values", url.Values{"indicator": {"grdp_share"}, "year": {"2024"},
		"unit": {"30"}, "value": {"một phẩy một"}, "source": {""}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad entry: %d", resp.StatusCode)
	}
	for _, id := range []string{"unit-error", "value-error", "source-error"} {
		if !strings.Contains(b, `id="`+id+`"`) {
			t.Errorf("the form does not name %s", id)
		}
	}
	if !strings.Contains(b, `value="một phẩy một"`) {
		t.Error("the form lost what was typed")
	}
	resp, _ = e.postForm(c, "/indicators/values", url.Values{"indicator": {"grdp_share"}, "year": {"2024"},
		"unit": {"31"}, "value": {"1,15"}, "source": {"Cục Thống kê, niên giám 2024"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good entry: %d", resp.StatusCode)
	}
	if b := e.page(c, "/indicators/values?year=2024"); !strings.Contains(b, "Cục Thống kê, niên giám 2024") || !strings.Contains(b, "1,15") {
		t.Error("the entry is not listed")
	}
	if b := e.page(viewer, "/indicators?year=2024&province=31"); !strings.Contains(b, "1,15") || !strings.Contains(b, "Cục Thống kê, niên giám 2024") {
		t.Error("the province's indicators do not show the value entered and its source")
	}
}
