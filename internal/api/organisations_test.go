package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
)

type orgPage struct {
	Items []coop.Organisation `json:"items"`
	Total int                 `json:"total"`
}

type orgDetail struct {
	coop.Organisation
	Statuses []coop.Status `json:"statuses"`
	People   []coop.Person `json:"people"`
	Years    []int         `json:"years"`
}

func TestListOrganisations(t *testing.T) {
	e := newEnv(t)
	viewer := e.token(viewerEmail)
	list := func(query string) orgPage {
		t.Helper()
		var p orgPage
		e.get("/api/v1/organisations?"+query, viewer).must(t, http.StatusOK).decode(t, &p)
		return p
	}
	names := func(p orgPage) string {
		var out []string
		for _, o := range p.Items {
			out = append(out, o.Name)
		}
		return strings.Join(out, "; ")
	}
	all := list("")
	if all.Total != 6 || len(all.Items) != 6 {
		t.Fatalf("the demo register: %d of %d", len(all.Items), all.Total)
	}
	// Vietnamese order: "Hợp tác xã D…" before "Hợp tác xã N…", "Liên hiệp" after, "Quỹ" and "Tổ" last.
	if got := names(all); !strings.HasPrefix(got, "Hợp tác xã Dịch vụ") || !strings.HasSuffix(got, "Tổ hợp tác đan lát mây tre Thanh Chương") {
		t.Errorf("order: %s", got)
	}
	hopTacXa := list("q=" + url.QueryEscape("hop tac xa"))
	if hopTacXa.Total != 4 || strings.Contains(names(hopTacXa), "Quỹ") {
		t.Errorf("hop tac xa: %d, %s", hopTacXa.Total, names(hopTacXa))
	}
	if p := list("q=" + url.QueryEscape("DIEN THINH")); p.Total != 1 || p.Items[0].Sector != coop.SectorCredit {
		t.Errorf("dien thinh: %s", names(p))
	}
	if p := list("q=2900577310-001"); p.Total != 1 {
		t.Errorf("by branch code: %s", names(p))
	}
	if p := list("unit=17611"); p.Total != 1 || p.Items[0].Code != "2900456781" {
		t.Errorf("by post-reform commune: %s", names(p))
	}
	if p := list("unit=17611&unit_on=2025-07-02"); p.Total != 1 {
		t.Errorf("by unit on a day: %s", names(p))
	}
	if r := e.get("/api/v1/organisations?unit=17611&unit_on=02/07/2025", viewer); r.Status != http.StatusBadRequest ||
		!strings.Contains(string(r.Body), "unit_on") {
		t.Errorf("a day not as YYYY-MM-DD: %d %s", r.Status, r.Body)
	}
	if p := list("status=dissolved"); p.Total != 1 {
		t.Errorf("dissolved: %s", names(p))
	}
	if p := list("year=2025&exemplary=true"); p.Total != 1 {
		t.Errorf("exemplary in 2025: %s", names(p))
	}
	if p := list("form=lhhtx"); p.Total != 1 {
		t.Errorf("lhhtx: %s", names(p))
	}
	if p := list("per_page=2&page=3"); p.Total != 6 || len(p.Items) != 2 {
		t.Errorf("page 3 of 2: %d of %d", len(p.Items), p.Total)
	}
}

func TestGetOrganisation(t *testing.T) {
	e := newEnv(t)
	own, dissolved := e.registerIDs(t)
	var d orgDetail
	e.get(fmt.Sprintf("/api/v1/organisations/%d", own), e.token(viewerEmail)).must(t, http.StatusOK).decode(t, &d)
	if len(d.People) != 4 || d.People[0].Role != coop.RoleChair || len(d.Years) != 4 || d.Years[0] != 2022 {
		t.Errorf("detail: people %v years %v", d.People, d.Years)
	}
	e.get(fmt.Sprintf("/api/v1/organisations/%d", dissolved), e.token(viewerEmail)).must(t, http.StatusOK).decode(t, &d)
	if d.Status != coop.StatusDissolved || len(d.Statuses) != 2 || d.Statuses[0].Kind != coop.StatusSuspended {
		t.Errorf("dissolved: %s, %v", d.Status, d.Statuses)
	}
}

func TestCreateOrganisation(t *testing.T) {
	e := newEnv(t)
	var d orgDetail
	e.post("/api/v1/organisations", e.token(coordinatorEmail),
		`{"code":"2900123123001","name":"Hợp tác xã Chè Thanh Mai","form":"htx","sector":"agriculture","law":2023,"status":"dissolved"}`).
		must(t, http.StatusCreated).decode(t, &d)
	if d.Code != "2900123123-001" || d.Status != coop.StatusActive || d.ID == 0 {
		t.Errorf("created %+v", d.Organisation)
	}
	before := e.count(t, "organisations")
	r := e.post("/api/v1/organisations", e.token(coordinatorEmail), `{"code":"29001231","name":"X","form":"htx","sector":"agriculture","law":2023}`)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), `"code"`) {
		t.Errorf("a 8-digit code: %d %s", r.Status, r.Body)
	}
	if n := e.count(t, "organisations"); n != before {
		t.Errorf("a refused organisation was stored")
	}
}
