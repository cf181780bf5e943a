package api_test

import "strings"

// indicatorCases are the indicators' requests of TestResponsesMatchOpenAPI
// (units from loadTestUnits: 31 and 10507 are in force, 30 is not).
func indicatorCases(tok registerTokens) []specCase {
	return []specCase{
		{"indicators", request{Path: "/api/v1/indicators", Token: tok.viewer}, 200, reqValid},
		{"indicators province", request{Path: "/api/v1/indicators?year=2024&unit=31", Token: tok.coop}, 200, reqValid},
		{"indicators commune", request{Path: "/api/v1/indicators?year=2025&unit=10507", Token: tok.viewer}, 200, reqValid},
		{"indicators old unit", request{Path: "/api/v1/indicators?unit=30", Token: tok.viewer}, 400, reqValid},
		{"indicators bad year", request{Path: "/api/v1/indicators?year=1900", Token: tok.viewer}, 400, reqInvalid},
		{"indicators anonymous", request{Path: "/api/v1/indicators"}, 401, reqInvalid},
		{"indicator value", request{Method: "PUT", Path: "/api/v1/indicator-values", Token: tok.coordinator,
			Body: `{"indicator":"grdp_share","year":2024,"unit":"31","value":1.1,"source":"Niên giám thống kê 2024"}`}, 200, reqValid},
		{"indicator value read back", request{Path: "/api/v1/indicators?year=2024&unit=31", Token: tok.viewer}, 200, reqValid},
		{"indicator value wrong fields", request{Method: "PUT", Path: "/api/v1/indicator-values", Token: tok.admin,
			Body: `{"indicator":"grdp_share","year":2024,"unit":"30","value":120,"source":""}`}, 422, reqValid},
		{"indicator value computed indicator", request{Method: "PUT", Path: "/api/v1/indicator-values", Token: tok.admin,
			Body: `{"indicator":"members","year":2024,"value":1,"source":"x"}`}, 422, reqInvalid},
		{"indicator value bad json", request{Method: "PUT", Path: "/api/v1/indicator-values", Token: tok.admin,
			Body: `{"indicator":`}, 400, reqInvalid},
		{"indicator value too large", request{Method: "PUT", Path: "/api/v1/indicator-values", Token: tok.admin,
			Body: `{"indicator":"grdp_share","source":"` + strings.Repeat("x", 1<<20) + `"}`}, 413, reqInvalid},
		{"indicator value anonymous", request{Method: "PUT", Path: "/api/v1/indicator-values",
			Body: `{"indicator":"grdp_share","year":2024,"value":1,"source":"x"}`}, 401, reqInvalid},
		{"indicator value viewer", request{Method: "PUT", Path: "/api/v1/indicator-values", Token: tok.viewer,
			Body: `{"indicator":"grdp_share","year":2024,"value":1,"source":"x"}`}, 403, reqValid},
	}
}
