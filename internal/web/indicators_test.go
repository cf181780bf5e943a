package web_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Every account reads the indicators of a year and unit, with Vietnamese
// numbers, formulas and links to the organisations behind them.
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

}
