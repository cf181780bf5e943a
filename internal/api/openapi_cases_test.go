package api_test

import (
	"fmt"
	"net/url"
	"testing"
)

// unitCases are the administrative units' requests of
// TestResponsesMatchOpenAPI (the units come from loadTestUnits).
func unitCases(officer, viewer string) []specCase {
	q := url.QueryEscape
	return []specCase{
		{"units", request{Path: "/api/v1/units", Token: viewer}, 200, reqValid},
		{"units filtered", request{Path: "/api/v1/units?level=commune&parent=31&on=2025-07-02&q=" + q("thanh dong") + "&page=1&per_page=5", Token: officer}, 200, reqValid},
		{"units none", request{Path: "/api/v1/units?parent=99", Token: viewer}, 200, reqValid},
		{"units bad level", request{Path: "/api/v1/units?level=ward", Token: viewer}, 400, reqInvalid},
		{"units bad on", request{Path: "/api/v1/units?on=" + q("30/06/2025"), Token: viewer}, 400, reqInvalid},
		{"units bad page", request{Path: "/api/v1/units?page=0", Token: viewer}, 400, reqInvalid},
		{"units anonymous", request{Path: "/api/v1/units"}, 401, reqInvalid},
		{"unit today and before", request{Path: "/api/v1/units/10507", Token: viewer}, 200, reqValid},
		{"unit on a day", request{Path: "/api/v1/units/10507?on=2025-06-30", Token: viewer}, 200, reqValid},
		{"unit gone, no day", request{Path: "/api/v1/units/10510", Token: viewer}, 200, reqValid},
		{"unit gone that day", request{Path: "/api/v1/units/10510?on=2025-07-02", Token: viewer}, 404, reqAny},
		{"unit unknown", request{Path: "/api/v1/units/99999", Token: viewer}, 404, reqAny},
		{"unit bad code", request{Path: "/api/v1/units/abc", Token: viewer}, 404, reqInvalid},
		{"unit bad on", request{Path: "/api/v1/units/10507?on=hom-nay", Token: viewer}, 400, reqInvalid},
		{"unit anonymous", request{Path: "/api/v1/units/10507"}, 401, reqInvalid},
	}
}

// registerTokens are the accounts the register's requests act as.
type registerTokens struct{ admin, coordinator, viewer, coop string }

// registerCases are the cooperative register's requests of
// TestResponsesMatchOpenAPI, on the demo cooperative's own organisation
// and on another one.
func registerCases(t *testing.T, e *env, tok registerTokens) []specCase {
	q := url.QueryEscape
	admin, coordinator, viewer, coopTok := tok.admin, tok.coordinator, tok.viewer, tok.coop
	ownOrg, otherOrg := e.registerIDs(t)
	own := fmt.Sprintf("/api/v1/organisations/%d", ownOrg)
	otherOrgPath := fmt.Sprintf("/api/v1/organisations/%d", otherOrg)
	return []specCase{
		{"organisations", request{Path: "/api/v1/organisations", Token: viewer}, 200, reqValid},
		{"organisations filtered", request{Path: "/api/v1/organisations?q=" + q("hop tac xa") + "&form=htx&sector=agriculture&status=active&unit=17611&year=2025&rating=good&exemplary=true&page=1&per_page=5", Token: viewer}, 200, reqValid},
		{"organisations as coop", request{Path: "/api/v1/organisations", Token: coopTok}, 200, reqValid},
		{"organisations bad form", request{Path: "/api/v1/organisations?form=qtdnd", Token: viewer}, 400, reqInvalid},
		{"organisations bad year", request{Path: "/api/v1/organisations?year=abc", Token: viewer}, 400, reqInvalid},
		{"organisations anonymous", request{Path: "/api/v1/organisations"}, 401, reqInvalid},
		{"organisations by unit on a day", request{Path: "/api/v1/organisations?unit=17611&unit_on=2025-07-02", Token: viewer}, 200, reqValid},
		{"filings", request{Path: "/api/v1/filings?year=2025&unit=17611", Token: coordinator}, 200, reqValid},
		{"filings this year", request{Path: "/api/v1/filings", Token: admin}, 200, reqValid},
		{"filings bad year", request{Path: "/api/v1/filings?year=abc", Token: coordinator}, 400, reqInvalid},
		{"filings as viewer", request{Path: "/api/v1/filings", Token: viewer}, 403, reqValid},
		{"filings as coop", request{Path: "/api/v1/filings", Token: coopTok}, 403, reqValid},
		{"filings anonymous", request{Path: "/api/v1/filings"}, 401, reqInvalid},
		{"create organisation", request{Method: "POST", Path: "/api/v1/organisations", Token: coordinator,
			Body: `{"code":"2900999001001","name":"Hợp tác xã Thử nghiệm API","form":"htx","sector":"trade","law":2023,"commune_code":"17611","commune_valid_from":"2025-07-01T00:00:00Z"}`}, 201, reqValid},
		{"create organisation taken code", request{Method: "POST", Path: "/api/v1/organisations", Token: admin,
			Body: `{"code":"2900456781","name":"Hợp tác xã Trùng mã","form":"htx","sector":"trade","law":2023}`}, 422, reqValid},
		{"create organisation bad code", request{Method: "POST", Path: "/api/v1/organisations", Token: admin,
			Body: `{"code":"290045678","name":"Hợp tác xã Mã sai","form":"htx","sector":"trade","law":2023}`}, 422, reqValid},
		{"create organisation malformed", request{Method: "POST", Path: "/api/v1/organisations", Token: admin, Body: `{"name":`}, 400, reqInvalid},
		{"create organisation as viewer", request{Method: "POST", Path: "/api/v1/organisations", Token: viewer,
			Body: `{"name":"Hợp tác xã X","form":"htx","sector":"trade","law":2023,"code":"2900999002"}`}, 403, reqValid},
		{"create organisation as coop", request{Method: "POST", Path: "/api/v1/organisations", Token: coopTok,
			Body: `{"name":"Hợp tác xã X","form":"htx","sector":"trade","law":2023,"code":"2900999002"}`}, 403, reqValid},
		{"create organisation anonymous", request{Method: "POST", Path: "/api/v1/organisations", Body: `{"name":"X","form":"htx","sector":"trade","law":2023}`}, 401, reqInvalid},
		{"organisation", request{Path: own, Token: viewer}, 200, reqValid},
		{"organisation dissolved with history", request{Path: otherOrgPath, Token: viewer}, 200, reqValid},
		{"organisation unknown", request{Path: "/api/v1/organisations/999999", Token: viewer}, 404, reqAny},
		{"organisation anonymous", request{Path: own}, 401, reqInvalid},
		{"patch organisation", request{Method: "PATCH", Path: otherOrgPath, Token: coordinator, Body: `{"address":"Xóm 5, xã Hưng Đông","founded_on":"2006-02-15T00:00:00Z"}`}, 200, reqValid},
		{"patch own contact as coop", request{Method: "PATCH", Path: own, Token: coopTok,
			Body: `{"phone":"0238 3820 999","people":[{"role":"chair","name":"Hoàng Văn Thịnh","training":"university","phone":""}]}`}, 200, reqValid},
		{"patch own name as coop", request{Method: "PATCH", Path: own, Token: coopTok, Body: `{"name":"Tên khác"}`}, 403, reqValid},
		{"patch other organisation as coop", request{Method: "PATCH", Path: otherOrgPath, Token: coopTok, Body: `{"phone":"1"}`}, 403, reqValid},
		{"patch as viewer", request{Method: "PATCH", Path: own, Token: viewer, Body: `{"phone":"1"}`}, 403, reqValid},
		{"patch status", request{Method: "PATCH", Path: own, Token: coordinator, Body: `{"status":"dissolved"}`}, 422, reqValid},
		{"patch bad code", request{Method: "PATCH", Path: own, Token: coordinator, Body: `{"code":"12345"}`}, 422, reqValid},
		{"patch unknown field", request{Method: "PATCH", Path: own, Token: coordinator, Body: `{"members":3}`}, 400, reqInvalid},
		{"patch unknown organisation", request{Method: "PATCH", Path: "/api/v1/organisations/999999", Token: coordinator, Body: `{"phone":"1"}`}, 404, reqAny},
		{"patch anonymous", request{Method: "PATCH", Path: own, Body: `{"phone":"1"}`}, 401, reqInvalid},
		{"figures", request{Path: own + "/figures/2025", Token: viewer}, 200, reqValid},
		{"figures of a small htx warn", request{Path: fmt.Sprintf("/api/v1/organisations/%d/figures/2024", e.orgByCode(t, "2900577310-001")), Token: viewer}, 200, reqValid},
		{"figures of a year without", request{Path: own + "/figures/2019", Token: viewer}, 404, reqValid},
		{"figures bad year", request{Path: own + "/figures/abc", Token: viewer}, 404, reqInvalid},
		{"figures anonymous", request{Path: own + "/figures/2025"}, 401, reqInvalid},
		{"file figures as coop", request{Method: "PUT", Path: own + "/figures/2026", Token: coopTok,
			Body: `{"members_individual":360,"members_household":45,"revenue":9100000000,"profit":530000000,"rating":"good","step":"save"}`}, 200, reqValid},
		{"submit figures as coop", request{Method: "PUT", Path: own + "/figures/2026", Token: coopTok,
			Body: `{"members_individual":360,"members_household":45,"revenue":9100000000,"profit":530000000,"rating":"good","step":"submit"}`}, 200, reqValid},
		{"change submitted figures as coop", request{Method: "PUT", Path: own + "/figures/2026", Token: coopTok,
			Body: `{"members_individual":1,"step":"save"}`}, 422, reqValid},
		{"accept figures", request{Method: "PUT", Path: own + "/figures/2026", Token: coordinator,
			Body: `{"members_individual":360,"members_household":45,"revenue":9100000000,"profit":530000000,"rating":"good","step":"accept"}`}, 200, reqValid},
		{"record figures with a warning", request{Method: "PUT", Path: otherOrgPath + "/figures/2022", Token: admin, Body: `{"members_individual":3}`}, 200, reqValid},
		{"file other's figures as coop", request{Method: "PUT", Path: otherOrgPath + "/figures/2026", Token: coopTok, Body: `{"members_individual":9}`}, 403, reqValid},
		{"put figures as viewer", request{Method: "PUT", Path: own + "/figures/2026", Token: viewer, Body: `{}`}, 403, reqValid},
		{"put negative revenue", request{Method: "PUT", Path: own + "/figures/2025", Token: coordinator, Body: `{"revenue":-1}`}, 422, reqInvalid},
		{"put figures malformed", request{Method: "PUT", Path: own + "/figures/2025", Token: coordinator, Body: `{"revenue":`}, 400, reqInvalid},
		{"put figures unknown organisation", request{Method: "PUT", Path: "/api/v1/organisations/999999/figures/2025", Token: coordinator, Body: `{}`}, 404, reqAny},
		{"put figures anonymous", request{Method: "PUT", Path: own + "/figures/2025", Body: `{}`}, 401, reqInvalid},
	}
}
