package load

import (
	"context"
	"encoding/json"
	"github.com/hoptac/hoptac/internal/i18n"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/coop"
)

// ScenarioRegister is people working in the cooperative register: they
// search it (web page and API), filter it by legal form, sector, commune
// and year, open an organisation's page, while WriteUsers keepers of the
// register (coordinator or administrator accounts) file yearly figures
// through the API, each write making the readers' cached lists miss.
const ScenarioRegister = "register"

// The register scenario's routes.
const (
	RouteRegSearch    = "GET /register?q={text}"
	RouteRegAPISearch = "GET /api/v1/organisations?q={text}&per_page=50"
	RouteRegFilter    = "GET /register?form|sector|unit|year"
	RouteRegAPIFilter = "GET /api/v1/organisations?form|sector|unit|year&per_page=50"
	RouteRegOrg       = "GET /register/{id}"
	RouteRegFigures   = "PUT /api/v1/organisations/{id}/figures/{year}"
)

// registerRoutes are the register scenario's routes, readers' first.
func registerRoutes() []string {
	return []string{RouteRegSearch, RouteRegAPISearch, RouteRegFilter, RouteRegAPIFilter, RouteRegOrg, RouteRegFigures}
}

// registerSearches are what people type into the register's search:
// mostly without diacritics, part of a name, a place, a registration
// code's start, and one that finds nothing. Words of the organisations
// the run discovered are added to them.
var registerSearches = []string{
	"hop tac xa", "htx", "nong nghiep", "dich vu", "dong thap", "tin dung", "thuong mai", "van tai",
	"hợp tác xã", "Nông nghiệp", "2900", "khong co to chuc nay",
}

// orgInfo is what the scenario knows of an organisation.
type orgInfo struct {
	ID             int64       `json:"id"`
	Code           string      `json:"code"`
	Name           string      `json:"name"`
	Form           coop.Form   `json:"form"`
	Sector         coop.Sector `json:"sector"`
	CommuneCode    string      `json:"commune_code"`
	NewCommuneCode string      `json:"new_commune_code"`
}

// registerMeta is what the register offers the users' choices: sampled
// organisations, the communes they are recorded in, the years with
// figures, and search words taken from the names.
type registerMeta struct {
	orgs     []orgInfo
	communes []string
	years    []int
	searches []string
	total    int
}

// orgList is a page of GET /api/v1/organisations.
type orgList struct {
	Items []orgInfo `json:"items"`
	Total int       `json:"total"`
}

// registerSample is how many organisations the run reads before
// measuring: a few pages spread over the register.
const registerSample = 5

// discoverRegister samples the register through the API before measuring.
func (rn *runner) discoverRegister(ctx context.Context, setup *sim) error {
	m := &registerMeta{}
	var first orgList
	if err := setup.fetch(ctx, rn.url("/api/v1/organisations", url.Values{"per_page": {"100"}}), &first); err != nil {
		return i18n.Errorf(err, "load.read_register")
	}
	if first.Total == 0 {
		return i18n.Errorf(nil, "load.register_empty")
	}
	m.total = first.Total
	m.orgs = append(m.orgs, first.Items...)
	last := pages(first.Total, 100)
	for i := 1; i < registerSample && last > 1; i++ {
		var l orgList
		page := 1 + i*last/registerSample
		if err := setup.fetch(ctx, rn.url("/api/v1/organisations", url.Values{"per_page": {"100"},
			"page": {strconv.Itoa(page)}}), &l); err != nil {
			return i18n.Errorf(err, "load.read_register")
		}
		m.orgs = append(m.orgs, l.Items...)
	}
	seenCommune, seenYear, seenWord := map[string]bool{}, map[int]bool{}, map[string]bool{}
	for i, o := range m.orgs {
		for _, c := range []string{o.CommuneCode, o.NewCommuneCode} {
			if c != "" && !seenCommune[c] {
				seenCommune[c] = true
				m.communes = append(m.communes, c)
			}
		}
		// A name's last word is usually its place: "HTX Nông nghiệp Sen Quê".
		if words := strings.Fields(o.Name); len(words) > 2 && i%7 == 0 {
			w := strings.Join(words[len(words)-2:], " ")
			if !seenWord[w] {
				seenWord[w] = true
				m.searches = append(m.searches, w)
			}
		}
	}
	for _, o := range m.orgs[:min(len(m.orgs), 10)] {
		var d struct {
			Years []int `json:"years"`
		}
		if err := setup.fetch(ctx, rn.url("/api/v1/organisations/"+strconv.FormatInt(o.ID, 10), nil), &d); err != nil {
			return i18n.Errorf(err, "load.read_org", o.ID)
		}
		for _, y := range d.Years {
			if !seenYear[y] {
				seenYear[y] = true
				m.years = append(m.years, y)
			}
		}
	}
	if len(m.years) == 0 {
		return i18n.Errorf(nil, "load.no_figures")
	}
	m.searches = append(m.searches, registerSearches...)
	rn.register = m
	return nil
}

// browseRegister is a register reader: search, filter, open, over and
// over; a writer files figures instead.
func (s *sim) browseRegister(ctx context.Context) {
	for {
		var ok bool
		if s.writer {
			ok = s.fileFigures(ctx)
		} else {
			ok = s.registerStep(ctx)
		}
		if !ok {
			return
		}
	}
}

// registerStep is one of a reader's requests, at random: a search, a
// filtered list, or an organisation's page.
func (s *sim) registerStep(ctx context.Context) bool {
	rn, r, m := s.rn, s.r, s.rn.register
	html := r.IntN(2) == 0
	switch kind := r.IntN(10); {
	case kind < 4:
		text := m.searches[r.IntN(len(m.searches))]
		q := url.Values{"q": {text}}
		if html {
			return s.do(ctx, RouteRegSearch, http.MethodGet, rn.url("/register", q), nil, http.StatusOK,
				registerPage(searchValue(text)))
		}
		q.Set("per_page", "50")
		return s.do(ctx, RouteRegAPISearch, http.MethodGet, rn.url("/api/v1/organisations", q), nil, http.StatusOK,
			orgListOf(orgFilter{}, 50))
	case kind < 7:
		q, f := s.registerFilter()
		if html {
			var selected []string
			if f.form != "" {
				selected = append(selected, optionSelected(string(f.form)))
			}
			if f.sector != "" {
				selected = append(selected, optionSelected(string(f.sector)))
			}
			return s.do(ctx, RouteRegFilter, http.MethodGet, rn.url("/register", q), nil, http.StatusOK,
				registerPage(selected...))
		}
		q.Set("per_page", "50")
		return s.do(ctx, RouteRegAPIFilter, http.MethodGet, rn.url("/api/v1/organisations", q), nil, http.StatusOK,
			orgListOf(f, 50))
	default:
		o := m.orgs[r.IntN(len(m.orgs))]
		return s.do(ctx, RouteRegOrg, http.MethodGet, rn.url("/register/"+strconv.FormatInt(o.ID, 10), nil), nil,
			http.StatusOK, orgPage(o))
	}
}

// orgFilter is what a filtered list asked for, as far as its items show.
type orgFilter struct {
	form   coop.Form
	sector coop.Sector
}

// registerFilter picks one or two filters: a legal form, a sector, a
// commune one of the sampled organisations is recorded in, a year.
func (s *sim) registerFilter() (url.Values, orgFilter) {
	r, m := s.r, s.rn.register
	q, f := url.Values{}, orgFilter{}
	for n := 1 + r.IntN(2); len(q) < n; {
		switch r.IntN(4) {
		case 0:
			f.form = coop.Forms()[r.IntN(len(coop.Forms()))]
			q.Set("form", string(f.form))
		case 1:
			f.sector = coop.Sectors()[r.IntN(len(coop.Sectors()))]
			q.Set("sector", string(f.sector))
		case 2:
			if len(m.communes) > 0 {
				q.Set("unit", m.communes[r.IntN(len(m.communes))])
			}
		default:
			q.Set("year", strconv.Itoa(m.years[r.IntN(len(m.years))]))
		}
	}
	return q, f
}

// figuresBody is what a keeper of the register files for a year.
type figuresBody struct {
	MembersIndividual int64  `json:"members_individual"`
	MembersHousehold  int64  `json:"members_household"`
	Employees         int64  `json:"employees"`
	MemberEmployees   int64  `json:"member_employees"`
	CharterCapital    int64  `json:"charter_capital"`
	TotalAssets       int64  `json:"total_assets"`
	Revenue           int64  `json:"revenue"`
	Profit            int64  `json:"profit"`
	AvgIncome         int64  `json:"avg_income"`
	Rating            string `json:"rating"`
}

// fileFigures records one year of one sampled organisation's figures, as
// the coordinator does from a cooperative's paper report.
func (s *sim) fileFigures(ctx context.Context) bool {
	rn, r, m := s.rn, s.r, s.rn.register
	o := m.orgs[r.IntN(len(m.orgs))]
	year := m.years[r.IntN(len(m.years))]
	members := int64(5 + r.IntN(200))
	employees := int64(1 + r.IntN(40))
	body := figuresBody{MembersIndividual: members, MembersHousehold: int64(r.IntN(50)), Employees: employees,
		MemberEmployees: employees / 2, CharterCapital: int64(1+r.IntN(5000)) * 1_000_000,
		TotalAssets: int64(1+r.IntN(9000)) * 1_000_000, Revenue: int64(r.IntN(20000)) * 1_000_000,
		Profit: int64(r.IntN(500)) * 1_000_000, AvgIncome: int64(3+r.IntN(10)) * 1_000_000,
		Rating: []string{"good", "fair", "average", "weak"}[r.IntN(4)]}
	u := rn.url("/api/v1/organisations/"+strconv.FormatInt(o.ID, 10)+"/figures/"+strconv.Itoa(year), nil)
	return s.do(ctx, RouteRegFigures, http.MethodPut, u, body, http.StatusOK, figuresJSON(o.ID, year, members))
}

// registerPage checks the register's list page: its search form, and the
// filters shown are those sent.
func registerPage(selected ...string) checker {
	return func(body []byte) i18n.Message {
		b := string(body)
		if !strings.Contains(b, `<input id="q" name="q" type="search"`) {
			return wrong("load.check.not_register_page")
		}
		for _, s := range selected {
			if !strings.Contains(b, s) {
				return wrong("load.check.register_filter", s)
			}
		}
		return i18n.Message{}
	}
}

// orgPage checks an organisation's page: its name is the heading.
func orgPage(o orgInfo) checker {
	want := "<h1>" + htmlText(o.Name) + "</h1>"
	return func(body []byte) i18n.Message {
		if !strings.Contains(string(body), want) {
			return wrong("load.check.not_org_page", o.ID, o.Name)
		}
		return i18n.Message{}
	}
}

// orgListOf checks a page of the organisation list API: no longer than
// asked, no more items than its total, and every item of the legal form
// and sector filtered on.
func orgListOf(f orgFilter, perPage int) checker {
	return func(body []byte) i18n.Message {
		var l orgList
		if err := json.Unmarshal(body, &l); err != nil {
			return i18n.M("load.bad_body")
		}
		if len(l.Items) > perPage || len(l.Items) > l.Total {
			return wrong("load.check.orgs_per_page", len(l.Items), l.Total, perPage)
		}
		for _, o := range l.Items {
			if (f.form != "" && o.Form != f.form) || (f.sector != "" && o.Sector != f.sector) {
				return wrong("load.check.org_filter", o.ID, o.Form, o.Sector, f.form, f.sector)
			}
		}
		return i18n.Message{}
	}
}

// figuresJSON checks the figures a PUT answers with: the organisation,
// year and members sent.
func figuresJSON(orgID int64, year int, members int64) checker {
	return func(body []byte) i18n.Message {
		var f struct {
			OrganisationID    int64 `json:"organisation_id"`
			Year              int   `json:"year"`
			MembersIndividual int64 `json:"members_individual"`
		}
		if err := json.Unmarshal(body, &f); err != nil {
			return i18n.M("load.bad_body")
		}
		if f.OrganisationID != orgID || f.Year != year || f.MembersIndividual != members {
			return wrong("load.check.figures_org",
				f.OrganisationID, f.Year, f.MembersIndividual, orgID, year, members)
		}
		return i18n.Message{}
	}
}
