package server

import (
	"io"
	"net/url"
)

// indicatorExpectations is the role × route table of the indicators
// (issue 19): every account reads them; the coordinator and the
// administrator enter the values the register cannot compute.
func indicatorExpectations() map[string][]call {
	enterers := func(status int, anon int) byRole {
		return byRole{roleAnon: anon, roleAdmin: status, roleCoordinator: status, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	}
	return map[string][]call{
		"GET /indicators": {
			{name: "whole", path: fixed("/indicators"), want: readPage},
			{name: "province", path: fixed("/indicators?year=2024&province=31&commune=10507"), want: readPage},
		},
		"GET /indicators/values": {{path: fixed("/indicators/values?year=2024"), want: enterers(ok, see)}},
		"POST /indicators/values": {{path: fixed("/indicators/values"), want: enterers(see, unauth), writes: true,
			body: func(ids, string) (io.Reader, string) {
				return form(url.Values{"indicator": {"grdp_share"}, "year": {"2024"}, "value": {"1,1"}, "source": {"Niên giám thống kê 2024"}})
			}}},
		"GET /api/v1/indicators": {{path: fixed("/api/v1/indicators?year=2024"), want: readAPI}},
		"PUT /api/v1/indicator-values": {{path: fixed("/api/v1/indicator-values"), want: enterers(ok, unauth), writes: true,
			body: func(ids, string) (io.Reader, string) {
				return jsonBody(`{"indicator":"support_budget","year":2024,"unit":"","value":1250000000,"source":"Sở Tài chính"}`)
			}}},
	}
}
