package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/chart"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// tableLinkRE finds the linked numbers of the dashboard's table views.
var tableLinkRE = regexp.MustCompile(`<td class="num"><a href="([^"]+)">([^<]+)</a></td>`)

var taskCountRE = regexp.MustCompile(`<p class="count" role="status">([\d.]+) nhiệm vụ</p>`)

// TestDashboardNumbersLinkToTheirRows follows every number of the
// dashboard's task tables to the plan's task list it links to, and every
// rate to the tracking page: the list holds as many tasks as the number
// says, and the tracking page shows the same rate.
func TestDashboardNumbersLinkToTheirRows(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// Sở Tài chính's 2026 report, sent after its due day: the reporting
	// rate moves, the on-time rate does not.
	officer, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	err = e.db.Update(ctx, func(tx *store.Tx) error {
		tx.SetClock(fixedNow.AddDate(0, 0, 30))
		uctx := auth.WithUser(ctx, &officer)
		s, err := tx.OpenSubmission(uctx, e.planID, "2026", e.financeID)
		if err != nil {
			return err
		}
		_, err = tx.ActOnSubmission(uctx, s.ID, report.Submit, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	viewer := e.login(viewerEmail)
	body := e.page(viewer, pathf("/plans/%d/dashboard", e.planID))
	if !strings.Contains(section(t, body, "rates"), ">8,3%<") {
		t.Errorf("the late report does not show in the rates:\n%s", section(t, body, "rates"))
	}
	if n := strings.Count(body, `role="img"`); n != 5 {
		t.Errorf("%d charts, want 5 (status, groups, overdue, targets, rates)", n)
	}
	links := tableLinkRE.FindAllStringSubmatch(body, -1)
	if len(links) < 10 {
		t.Fatalf("only %d linked numbers on the dashboard", len(links))
	}
	checked, nonzero, overdue, rates := 0, 0, 0, 0
	for _, m := range links {
		href, value := html.UnescapeString(m[1]), m[2]
		switch {
		case strings.Contains(href, "/reports?period="):
			continue // checked per row below
		case strings.HasSuffix(href, "/targets"):
			continue // the targets page's statuses: TestTargetsSeed004
		case strings.HasPrefix(href, "/register?"):
			continue // the register section's organisations: TestDashboardRegisterSection
		default:
			page := e.page(viewer, href)
			c := taskCountRE.FindStringSubmatch(page)
			if c == nil {
				t.Fatalf("%s has no task count", href)
			}
			if c[1] != value {
				t.Errorf("%s is linked from the number %s but lists %s tasks", href, value, c[1])
			}
			if value != "0" {
				nonzero++
			}
			if strings.Contains(href, "agency=") {
				overdue++
			}
		}
		checked++
	}
	// Each period's two rates are the tracking page's, in order.
	rateRow := regexp.MustCompile(`<th scope="row">([^<]+)</th><td class="num"><a href="([^"]+)">([^<]+)</a></td><td class="num"><a href="[^"]+">([^<]+)</a></td>`)
	for _, m := range rateRow.FindAllStringSubmatch(section(t, body, "rates"), -1) {
		rates++
		page := e.page(viewer, html.UnescapeString(m[2]))
		if !strings.Contains(page, `id="reporting-rate">`+m[3]+" (") || !strings.Contains(page, `id="on-time-rate">`+m[4]+" (") {
			t.Errorf("period %s: the dashboard's rates %s and %s are not the tracking page's", m[1], m[3], m[4])
		}
	}
	if nonzero == 0 || overdue == 0 || rates == 0 {
		t.Errorf("the demo shows no tasks (%d), no overdue agency (%d) or no rate (%d)", nonzero, overdue, rates)
	}
	total := regexp.MustCompile(`id="dash-total">([\d.]+) nhiệm vụ`).FindStringSubmatch(body)
	all := taskCountRE.FindStringSubmatch(e.page(viewer, pathf("/plans/%d", e.planID)))
	if total == nil || all == nil || total[1] != all[1] {
		t.Errorf("the dashboard's total %v is not the plan's %v", total, all)
	}
	if !strings.Contains(e.page(viewer, pathf("/plans/%d", e.planID)), pathf(`href="/plans/%d/dashboard"`, e.planID)) {
		t.Error("the plan page does not link to its dashboard")
	}
}

// TestDashboardEscapesAndFollowsSuccession: an agency renamed with markup
// in its name shows as text in the chart and the table; its overdue
// tasks count for its successor after a merger.
func TestDashboardEscapesAndFollowsSuccession(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	coord := e.login(coordinatorEmail)
	before := e.page(coord, pathf("/plans/%d/dashboard", e.planID))
	overdue := section(t, before, "overdue")
	m := tableLinkRE.FindStringSubmatch(overdue)
	if m == nil {
		t.Fatalf("no overdue agency in the demo:\n%s", overdue)
	}
	agencyID, _ := strconv.ParseInt(regexp.MustCompile(`agency=(\d+)`).FindStringSubmatch(html.UnescapeString(m[1]))[1], 10, 64)
	a, err := e.db.Agency(ctx, agencyID)
	if err != nil {
		t.Fatal(err)
	}
	a.Name = `Sở <script>alert(1)</script> & Đầu tư`
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) }); err != nil {
		t.Fatal(err)
	}
	after := section(t, e.page(coord, pathf("/plans/%d/dashboard", e.planID)), "overdue")
	if strings.Contains(after, "<script>") || !strings.Contains(after, "Sở &lt;script&gt;alert(1)&lt;/script&gt; &amp; Đầu tư") {
		t.Errorf("the agency's name is not escaped:\n%s", after)
	}

	// A new agency takes the renamed one over: its overdue tasks move.
	succ := org.Agency{Name: "Sở Tiếp Nhận Thử", Kind: org.KindDepartment}
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &succ) }); err != nil {
		t.Fatal(err)
	}
	if a, err = e.db.Agency(ctx, agencyID); err != nil {
		t.Fatal(err)
	}
	since, until := fixedNow.AddDate(0, -1, 0), fixedNow.AddDate(0, -1, -1)
	a.SuccessorID, a.SuccessorSince, a.ValidTo = &succ.ID, &since, &until
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) }); err != nil {
		t.Fatal(err)
	}
	merged := section(t, e.page(coord, pathf("/plans/%d/dashboard", e.planID)), "overdue")
	if strings.Contains(merged, "&lt;script&gt;") || !strings.Contains(merged, "Sở Tiếp Nhận Thử") {
		t.Errorf("after the merger the overdue tasks stay with the old agency:\n%s", merged)
	}
}

// section cuts one dashboard section out of the page.
func section(t *testing.T, body, name string) string {
	t.Helper()
	start := strings.Index(body, `id="section-`+name+`"`)
	if start < 0 {
		t.Fatalf("no section %s", name)
	}
	end := strings.Index(body[start:], "</section>")
	return body[start : start+end]
}

// TestDashboardExports: each table downloads as CSV (with a byte order
// mark) and as a workbook, with the numbers the page shows.
func TestDashboardExports(t *testing.T) {
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	page := section(t, e.page(coord, pathf("/plans/%d/dashboard", e.planID)), "status")
	var onPage []string
	for _, m := range tableLinkRE.FindAllStringSubmatch(page, -1) {
		onPage = append(onPage, m[2])
	}
	resp, body := e.get(coord, pathf("/plans/%d/dashboard/status.csv", e.planID))
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "\uFEFF") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %q %.100q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) != len(onPage)+1 || recs[0][0] != "Tình trạng" {
		t.Fatalf("csv rows %q, %v; page %v", recs, err, onPage)
	}
	for i, want := range onPage {
		if recs[i+1][1] != want {
			t.Errorf("csv row %d: %q, the page %q", i+1, recs[i+1], want)
		}
	}
	resp, body = e.get(coord, pathf("/plans/%d/dashboard/groups.xlsx", e.planID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "groups.xlsx") {
		t.Fatalf("xlsx: %d %v", resp.StatusCode, resp.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(chart.ExportSheet)
	if err != nil || len(rows) < 2 || rows[0][0] != "Nhóm nhiệm vụ" {
		t.Errorf("workbook rows %q, %v", rows, err)
	}
	for _, bad := range []string{"status.pdf", "secrets.csv", "status"} {
		if resp, _ := e.get(coord, pathf("/plans/%d/dashboard/%s", e.planID, bad)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, resp.StatusCode)
		}
	}
}

func TestDashboardErrors(t *testing.T) {
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	for path, want := range map[string]int{
		pathf("/plans/%d/dashboard?year=abc", e.planID):  http.StatusBadRequest,
		pathf("/plans/%d/dashboard?year=1900", e.planID): http.StatusBadRequest,
		"/plans/999999/dashboard":                        http.StatusNotFound,
		"/plans/999999/dashboard/status.csv":             http.StatusNotFound,
	} {
		resp, body := e.get(coord, path)
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
		}
		if want == http.StatusBadRequest && !strings.Contains(body, "Năm không hợp lệ") {
			t.Errorf("%s: no clear message", path)
		}
	}
	// A year before the plan's reporting: its sections say so.
	body := e.page(coord, pathf("/plans/%d/dashboard?year=2020", e.planID))
	if !strings.Contains(body, "Chưa có kỳ báo cáo nào của năm này bắt đầu.") || !strings.Contains(body, `<option value="2020" selected>`) {
		t.Error("a year without reporting shows no message or loses the year picked")
	}
}

// TestDashboardWithoutReportingCycle: a plan with no schedule shows its
// tasks and says it has no rates, with a way to set the cycle up.
func TestDashboardWithoutReportingCycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	p := plan.Plan{Number: "9/KH-UBND", Type: "KH", Title: "Kế hoạch không có chế độ báo cáo", Groups: []plan.Group{{Code: "I", Ordinal: 1,
		Title: "Nhóm <b>một</b> & hai", Tasks: []plan.Task{{Code: "I.1", Ordinal: 1, Content: "Nhiệm vụ duy nhất",
			Lead: []plan.AgencyRef{{ID: e.financeID}}, Timeframe: plan.ParseTimeframe("Thường xuyên", 2026)}}}}}
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &p) }); err != nil {
		t.Fatal(err)
	}
	body := e.page(e.login(adminEmail), pathf("/plans/%d/dashboard", p.ID))
	for _, want := range []string{`id="no-cycle"`, pathf(`href="/plans/%d/schedules"`, p.ID), "Không có nhiệm vụ nào quá hạn.",
		"Nhóm &lt;b&gt;một&lt;/b&gt; &amp; hai", `id="dash-total">1 nhiệm vụ`} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard of a plan without reporting lacks %q", want)
		}
	}
	if strings.Contains(body, `id="section-rates"`) || strings.Contains(body, "<b>một</b>") {
		t.Error("rates shown without a reporting cycle, or a group name as markup")
	}
}
