package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
)

// The coordinator records a status with its day and deciding document on
// the organisation's page; the current status follows. A bad entry is
// refused beside its field with what was typed kept, and stores nothing.
func TestAddOrganisationStatus(t *testing.T) {
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	id := e.count(`SELECT id FROM organisations WHERE code = ?`, "2900318842")
	path := "/register/" + strconv.Itoa(id)
	if !strings.Contains(e.page(c, path), `action="`+path+`/statuses"`) {
		t.Fatal("the coordinator is not offered the status form")
	}
	entries := func() int { return e.count(`SELECT COUNT(*) FROM organisation_statuses WHERE organisation_id = ?`, id) }
	before := entries()
	for _, bad := range []struct {
		name  string
		v     url.Values
		field string
		says  string
	}{
		{"no day", url.Values{"kind": {"suspended"}, "document": {"QĐ 12/QĐ-UBND"}}, "st-on-error", "QĐ 12/QĐ-UBND"},
		{"a day that is not one", url.Values{"kind": {"suspended"}, "on": {"31/02/2026"}}, "st-on-error", "31/02/2026"},
		{"until on a dissolution", url.Values{"kind": {"dissolved"}, "on": {"2026-03-01"}, "until": {"2026-04-01"}}, "st-until-error", "2026-04-01"},
		{"a merger into nobody", url.Values{"kind": {"merged"}, "on": {"2026-03-01"}, "merged_into": {"2999999999"}}, "st-merged-error", "2999999999"},
		{"a merger into nothing named", url.Values{"kind": {"merged"}, "on": {"2026-03-01"}}, "st-merged-error", "2026-03-01"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			resp, body := e.postForm(c, path+"/statuses", bad.v)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="`+bad.field+`"`) || !strings.Contains(body, bad.says) {
				t.Errorf("%d, want 422 with %s and %q kept", resp.StatusCode, bad.field, bad.says)
			}
			if entries() != before {
				t.Error("a refused entry was stored")
			}
		})
	}
	resp, _ := e.postForm(c, path+"/statuses", url.Values{"kind": {"suspended"}, "on": {"2026-03-01"}, "until": {"2026-09-01"},
		"document": {"Quyết định 12/QĐ-UBND"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"#history" {
		t.Fatalf("record: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	page := e.page(c, path)
	for _, want := range []string{"Đã ghi tình trạng", "Quyết định 12/QĐ-UBND", "01/09/2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if e.count(`SELECT COUNT(*) FROM organisations WHERE id = ? AND status = 'suspended'`, id) != 1 {
		t.Error("the current status does not follow the history")
	}
	for _, who := range []string{viewerEmail, apptest.CoopEmail} {
		u := e.login(who)
		if strings.Contains(e.page(u, path), `/statuses"`) {
			t.Errorf("%s is offered the status form", who)
		}
		if resp, _ := e.postForm(u, path+"/statuses", url.Values{"kind": {"dissolved"}, "on": {"2026-03-01"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d", who, resp.StatusCode)
		}
	}
}
