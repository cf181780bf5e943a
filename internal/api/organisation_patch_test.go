package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
)

func (e *env) patch(path, token, body string) response {
	e.t.Helper()
	return e.do(request{Method: http.MethodPatch, Path: path, Token: token, Body: body})
}

// A cooperative representative changes its own organisation's contacts
// and managers, and nothing of another organisation or of its own
// register entry; a refused patch writes nothing.
func TestPatchOrganisationAsCoop(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	own, other := e.registerIDs(t)
	coopTok := e.token(apptest.CoopEmail)
	ownPath, otherPath := fmt.Sprintf("/api/v1/organisations/%d", own), fmt.Sprintf("/api/v1/organisations/%d", other)
	audits := e.count(t, "audit_log")
	for _, c := range []struct {
		name, path, body string
	}{
		{"another organisation's phone", otherPath, `{"phone":"0999"}`},
		{"its own name", ownPath, `{"name":"Hợp tác xã Đổi Tên"}`},
		{"its own phone and code at once", ownPath, `{"phone":"0999","code":"2900456782"}`},
		{"another organisation's managers", otherPath, `{"people":[]}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.patch(c.path, coopTok, c.body).must(t, http.StatusForbidden)
		})
	}
	if n := e.count(t, "audit_log"); n != audits {
		t.Fatalf("refused patches wrote %d audit entries", n-audits)
	}
	o, _ := e.db.Organisation(ctx, own)
	if o.Phone != "0238 3820 115" || o.Name != "Hợp tác xã Nông nghiệp Sen Quê" {
		t.Errorf("own organisation changed by refused patches: %+v", o)
	}
	var d orgDetail
	e.patch(ownPath, coopTok, `{"phone":"0238 3820 999","email":"HTX.SENQUE@example.vn",
		"people":[{"role":"accountant","name":"Nguyễn Thị Huyền","training":"university","phone":""}]}`).
		must(t, http.StatusOK).decode(t, &d)
	if d.Phone != "0238 3820 999" || d.Email != "htx.senque@example.vn" || len(d.People) != 1 || d.People[0].Training != "university" {
		t.Errorf("after the patch: %+v %v", d.Organisation, d.People)
	}
	if n := e.count(t, "audit_log"); n != audits+2 {
		t.Errorf("%d audit entries for a contact and managers change, want 2", n-audits)
	}
	// The same patch again changes and audits nothing.
	e.patch(ownPath, coopTok, `{"phone":"0238 3820 999"}`).must(t, http.StatusOK)
	if n := e.count(t, "audit_log"); n != audits+2 {
		t.Errorf("an unchanged patch was audited")
	}
}

func TestPatchOrganisationAsCoordinator(t *testing.T) {
	e := newEnv(t)
	own, _ := e.registerIDs(t)
	path := fmt.Sprintf("/api/v1/organisations/%d", own)
	var d orgDetail
	e.patch(path, e.token(coordinatorEmail), `{"name":"Hợp tác xã Nông nghiệp Sen Quê Kim Liên","charter_on":null}`).
		must(t, http.StatusOK).decode(t, &d)
	if d.Name != "Hợp tác xã Nông nghiệp Sen Quê Kim Liên" || d.CharterOn != nil || d.Code != "2900456781" || d.FoundedOn == nil {
		t.Errorf("after the patch: %+v", d.Organisation)
	}
	e.patch(path, e.token(coordinatorEmail), `{"status":"dissolved"}`).must(t, http.StatusUnprocessableEntity)
	e.patch(path, e.token(coordinatorEmail), `{"founded_on":"10/04/1997"}`).must(t, http.StatusBadRequest)
}
