package web_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestDuplicatesRefuse(t *testing.T) {
	e := newEnv(t)
	a, b := e.plantPair(t, "Nấm sạch Kim Liên", [2]string{"2977700001", "2977700002"})
	viewer, coord := e.login(viewerEmail), e.login(coordinatorEmail)
	audits := e.count(`SELECT COUNT(*) FROM audit_log`)
	if resp, _ := e.get(viewer, "/register/duplicates"); resp.StatusCode != 403 {
		t.Errorf("viewer reads duplicates: %d", resp.StatusCode)
	}
	v := pairValues(a, b)
	v["keep"] = []string{fmt.Sprint(a)}
	if resp, _ := e.postForm(viewer, "/register/duplicates/merge", v); resp.StatusCode != 403 {
		t.Errorf("viewer merges: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(viewer, "/register/duplicates/distinct", pairValues(a, b)); resp.StatusCode != 403 {
		t.Errorf("viewer marks distinct: %d", resp.StatusCode)
	}
	for name, v := range map[string]map[string][]string{
		"keep outside the pair": {"a": {fmt.Sprint(a)}, "b": {fmt.Sprint(b)}, "keep": {"999999"}},
		"no pair":               {"keep": {fmt.Sprint(a)}},
		"into itself":           {"a": {fmt.Sprint(a)}, "b": {fmt.Sprint(a)}, "keep": {fmt.Sprint(a)}},
	} {
		resp, body := e.postForm(coord, "/register/duplicates/merge", v)
		if resp.StatusCode != 422 || !strings.Contains(body, `lang="vi"`) {
			t.Errorf("%s: %d", name, resp.StatusCode)
		}
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log`); n != audits {
		t.Errorf("refused requests wrote %d audit entries", n-audits)
	}
}
