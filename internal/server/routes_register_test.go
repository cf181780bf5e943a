package server

import (
	"fmt"
	"io"
	"maps"
	"net/url"
	"strings"
)

// The register's rows of the matrix act on a demo organisation with
// figures of registerYear: the coop column's own organisation, so the coop
// representative may file its figures and edit its contact details, and
// nothing else.
const (
	registerCode = "2900456781" // HTX Nông nghiệp Sen Quê
	registerYear = 2025
)

func jsonBody(s string) (io.Reader, string) { return strings.NewReader(s), "application/json" }

// registerExpectations is the role × route table of the register's routes.
func registerExpectations() map[string][]call {
	keepers := func(status int) byRole {
		return byRole{roleAnon: unauth, roleAdmin: status, roleCoordinator: status, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	}
	org := func(x ids) string { return fmt.Sprintf("/api/v1/organisations/%d", x.organisation) }
	figures := func(x ids) string { return fmt.Sprintf("%s/figures/%d", org(x), registerYear) }
	// Each role sends different values, so an accepted call always
	// changes what is stored.
	codes := map[string]string{roleAnon: "2900000011", roleAdmin: "2900000012", roleCoordinator: "2900000013",
		roleAgency: "2900000014", roleOther: "2900000015", roleViewer: "2900000016", roleCoop: "2900000017"}
	revenue := map[string]int{roleAnon: 1, roleAdmin: 2, roleCoordinator: 3, roleAgency: 4, roleOther: 5, roleViewer: 6, roleCoop: 7}
	page := func(x ids) string { return fmt.Sprintf("/register/%d", x.organisation) }
	figuresPage := func(x ids) string { return fmt.Sprintf("%s/figures/%d", page(x), registerYear) }
	managers := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	// The organisation's own representative files its figures too.
	filers := func(m byRole, status int) byRole {
		c := maps.Clone(m)
		c[roleCoop] = status
		return c
	}
	keepersPost := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	orgForm := func(code, phone string) url.Values {
		return url.Values{"code": {code}, "name": {"Hợp tác xã Nông nghiệp Sen Quê"}, "form": {"htx"}, "sector": {"agriculture"},
			"law": {"2012"}, "commune_code": {"17605"}, "commune_valid_from": {"2008-01-01"}, "phone": {phone}}
	}
	return map[string][]call{
		"GET /register": {
			{name: "all", path: fixed("/register"), want: readPage},
			{name: "filtered", path: fixed("/register?q=hop+tac+xa&form=htx&year=2025&exemplary=true"), want: readPage},
		},
		"GET /register/new": {{path: fixed("/register/new"), want: managers}},
		"GET /register/export": {
			{name: "csv", path: fixed("/register/export?form=htx&year=2025"), want: readPage},
			{name: "xlsx", path: fixed("/register/export?format=xlsx&unit=17611"), want: readPage},
		},
		"GET /register/filings": {
			{name: "overview", path: fixed("/register/filings?year=2025"), want: managers},
			{name: "drill-down", path: fixed("/register/filings?year=2025&commune=17611&state=late"), want: managers},
		},
		"POST /register": {{path: fixed("/register"), want: keepersPost, writes: true,
			body: func(_ ids, role string) (io.Reader, string) { return form(orgForm(codes[role]+"-001", "")) }}},
		"GET /register/{id}":      {{path: page, want: readPage}},
		"GET /register/{id}/edit": {{path: func(x ids) string { return page(x) + "/edit" }, want: managers}},
		"POST /register/{id}": {{path: page, want: keepersPost, writes: true,
			body: func(_ ids, role string) (io.Reader, string) { return form(orgForm(registerCode, "0238 "+role)) }}},
		// An entry dated in the past: it corrects the history, never the
		// present status other calls of the matrix read.
		"POST /register/{id}/statuses": {{path: func(x ids) string { return page(x) + "/statuses" }, want: keepersPost, writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"kind": {"active"}, "on": {"2001-01-02"}, "document": {"QĐ ma trận " + role}})
			}}},
		"GET /register/{id}/figures/{year}": {{path: figuresPage, want: filers(managers, ok)}},
		"POST /register/{id}/figures/{year}": {{path: figuresPage, want: filers(keepersPost, see), writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"members_individual": {"356"}, "revenue": {fmt.Sprintf("1.000.%03d", revenue[role])}, "step": {"save"}})
			}}},
		"GET /api/v1/organisations": {
			{name: "all", path: fixed("/api/v1/organisations"), want: readAPI},
			{name: "search", path: fixed("/api/v1/organisations?q=hop+tac+xa&year=2025&form=htx"), want: readAPI},
		},
		"POST /api/v1/organisations": {{path: fixed("/api/v1/organisations"), want: keepers(created), writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return jsonBody(`{"code":"` + codes[role] + `","name":"Hợp tác xã ma trận ` + role + `","form":"htx","sector":"other","law":2023}`)
			}}},
		"GET /api/v1/filings":            {{path: fixed("/api/v1/filings?year=2025"), want: keepers(ok)}},
		"GET /api/v1/organisations/{id}": {{path: org, want: readAPI}},
		"PATCH /api/v1/organisations/{id}": {{path: org, want: filers(keepers(ok), ok), writes: true,
			body: func(_ ids, role string) (io.Reader, string) { return jsonBody(`{"phone":"0238 ` + role + `"}`) }}},
		"GET /api/v1/organisations/{id}/figures/{year}": {{path: figures, want: readAPI}},
		"PUT /api/v1/organisations/{id}/figures/{year}": {{path: figures, want: filers(keepers(ok), ok), writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return jsonBody(fmt.Sprintf(`{"members_individual":300,"revenue":%d}`, revenue[role]))
			}}},
	}
}
