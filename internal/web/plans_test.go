package web_test

import (
	"strings"
	"testing"
)

// The plans list shows each plan's number, a link to its page by title,
// its task count and its issue date.
func TestPlansList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := e.page(e.login(viewerEmail), "/plans")
	for _, want := range []string{"563/KH-UBND", pathf(`<a href="/plans/%d">Kế hoạch hành động`, e.planID),
		`<td class="num">18</td>`, "20/08/2024"} {
		if !strings.Contains(body, want) {
			t.Errorf("plans list lacks %q", want)
		}
	}
}
