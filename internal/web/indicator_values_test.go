package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store/storetest"
)

// The hand-entered indicators' form: the coordinator enters GRDP's share
// with its source, typed the Vietnamese way; a wrong field is named on
// the form, which keeps what was typed; the value and its source then
// show on the indicators page; a viewer may not open the form.
func TestIndicatorValuesForm(t *testing.T) {
	e := newEnv(t)
	storetest.ImportReformUnits(t, e.db)
	viewer := e.login(viewerEmail)
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
