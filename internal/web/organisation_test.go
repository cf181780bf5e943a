package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func (e *env) orgID(code string) int64 {
	e.t.Helper()
	o, err := e.db.OrganisationByCode(context.Background(), code)
	if err != nil {
		e.t.Fatal(err)
	}
	return o.ID
}

func TestOrganisationPage(t *testing.T) {
	e := newEnv(t)
	c := e.login(viewerEmail)
	body := e.page(c, fmt.Sprintf("/register/%d", e.orgID("2900456781")))
	for _, want := range []string{
		"Hợp tác xã Nông nghiệp Sen Quê", "2900456781", "17605", "01/07/2025",
		"8.940.000.000",                                                    // revenue 2025, written the Vietnamese way
		"1.650.000.000",                                                    // charter capital 2025
		"71.500.000",                                                       // average income
		`<svg role="img"`, `aria-describedby="chart-desc"`, "bảng số liệu", // the chart and its alternative
		`<th scope="row">2022</th>`, `<th scope="row">2025</th>`,
		"Hoàng Văn Thịnh", "Đại học", "Kế toán",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the organisation page lacks %q", want)
		}
	}
	if strings.Contains(body, "/edit") || strings.Contains(body, "/figures/") {
		t.Error("a viewer is offered to edit or file")
	}
	dissolved := e.page(c, fmt.Sprintf("/register/%d", e.orgID("2900211954")))
	for _, want := range []string{"Lịch sử tình trạng", "Tạm ngừng hoạt động", "31/12/2022", "Quyết định số 1042/QĐ-UBND ngày 15/5/2023", "-12.000.000"} {
		if !strings.Contains(dissolved, want) {
			t.Errorf("the dissolved organisation's page lacks %q", want)
		}
	}
	// An HTX below the 2023 law's minimum shows the warning beside its year.
	small := e.page(c, fmt.Sprintf("/register/%d", e.orgID("2900577310-001")))
	if !strings.Contains(small, "ít hơn 5 thành viên") {
		t.Error("no warning for an HTX of 4 members")
	}
	coord := e.page(e.login(coordinatorEmail), fmt.Sprintf("/register/%d", e.orgID("2900456781")))
	if !strings.Contains(coord, "/edit") || !strings.Contains(coord, "/figures/2026") {
		t.Error("the coordinator is not offered to edit and record figures")
	}
}
