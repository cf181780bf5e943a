package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store/storetest"
)

// A target's scope is chosen from the unit lists, a province and then
// one of its communes, and the server checks the choice again: a unit
// unknown or merged away in 2025 is refused with a message naming the
// field, whether it comes from the picker or as a code, and nothing is
// stored.
func TestTargetScopePicker(t *testing.T) {
	t.Parallel()
	e := newTargetsEnv(t)
	storetest.ImportReformUnits(t, e.db)
	coord := e.login(coordinatorEmail)
	base := pathf("/plans/%d/targets", e.planID)
	pl, err := e.db.Plan(t.Context(), e.planID)
	if err != nil || len(pl.Targets) == 0 {
		t.Fatalf("demo targets: %v", err)
	}
	tid := pl.Targets[0].ID
	body := e.page(coord, base)
	form := targetSection(t, body, tid)
	if !strings.Contains(form, `name="scope_province"`) || !strings.Contains(form, `<option value="31">Thành phố Hải Phòng</option>`) ||
		strings.Contains(form, `<option value="30">`) || strings.Contains(form, `name="scope"`) {
		t.Fatalf("the scope is not a picker of the provinces in force:\n%s", form)
	}
	good := url.Values{"indicator": {"active_htx"}, "comparator": {">="}, "value": {"1100"},
		"baseline_year": {"2024"}, "baseline_value": {"900"}, "deadline": {"2026-12-31"}}
	with := func(kv ...string) url.Values {
		v := url.Values{}
		for k, x := range good {
			v[k] = x
		}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	for _, c := range []struct {
		name string
		form url.Values
	}{
		{"unknown province", with("scope_province", "99", "scope_commune", "")},
		{"old province", with("scope_province", "30", "scope_commune", "")},
		{"unknown commune", with("scope_province", "31", "scope_commune", "99999")},
		{"old province by code", with("scope", "30")},
		{"unknown code", with("scope", "99999")},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.postForm(coord, pathf("%s/%d", base, tid), c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(fieldError(body, "scope"), "Địa bàn: đơn vị hành chính không có") {
				t.Errorf("%d, %q", resp.StatusCode, fieldError(body, "scope"))
			}
			if !strings.Contains(body, `aria-invalid="true" aria-describedby="scope-error"`) {
				t.Error("the picker is not marked as the refused field")
			}
			if n := e.count(`SELECT COUNT(*) FROM target_links`); n != 0 {
				t.Fatalf("a refused scope stored %d links", n)
			}
		})
	}

	// The province first: saved, the form then offers its communes.
	if resp, _ := e.postForm(coord, pathf("%s/%d", base, tid), with("scope_province", "31")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("province: %d", resp.StatusCode)
	}
	form = targetSection(t, e.page(coord, base), tid)
	if !strings.Contains(form, `<option value="31" selected>`) || !strings.Contains(form, `<option value="10507">Phường Thành Đông</option>`) {
		t.Fatalf("after choosing Hải Phòng the form does not offer its communes:\n%s", form)
	}
	if resp, _ := e.postForm(coord, pathf("%s/%d", base, tid), with("scope_province", "31", "scope_commune", "10507")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("commune: %d", resp.StatusCode)
	}
	if n := e.count(`SELECT COUNT(*) FROM target_links WHERE scope = '10507'`); n != 1 {
		t.Errorf("%d links scoped to Phường Thành Đông, want 1", n)
	}
	if form = targetSection(t, e.page(coord, base), tid); !strings.Contains(form, `<option value="10507" selected>Phường Thành Đông</option>`) {
		t.Errorf("the stored commune is not chosen in the picker:\n%s", form)
	}
}
