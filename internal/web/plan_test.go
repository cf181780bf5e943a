package web_test

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// demoCodes is the task column of the demo plan, in plan order.
var demoCodes = []string{"I.1", "I.2", "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "II.7", "II.8", "II.9",
	"II.10", "III.1", "III.2", "III.3", "IV.1", "IV.2", "V"}

var countRE = regexp.MustCompile(`<p class="count" role="status">(\d+) nhiệm vụ</p>`)

func TestPlanPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := e.page(e.login(viewerEmail), pathf("/plans/%d", e.planID))

	t.Run("groups I to V in order", func(t *testing.T) {
		var heads []string
		for _, m := range groupRE.FindAllStringSubmatch(body, -1) {
			code, _, _ := strings.Cut(m[1], ".")
			heads = append(heads, code)
		}
		if want := []string{"I", "II", "III", "IV", "V"}; !slices.Equal(heads, want) {
			t.Errorf("group headings %v, want %v", heads, want)
		}
		if !strings.Contains(body, "II. Hoàn thiện cơ chế, chính sách") {
			t.Errorf("group II heading lacks its title")
		}
		// Each group's tasks come after its heading and before the next.
		for i, code := range []string{"I", "II", "III", "IV", "V"} {
			start := strings.Index(body, `scope="colgroup">`+code+". ")
			end := len(body)
			if i < 4 {
				end = strings.Index(body, `scope="colgroup">`+[]string{"II", "III", "IV", "V"}[i]+". ")
			}
			for _, r := range taskRows(body[start:end]) {
				if g, _, _ := strings.Cut(r.Code, "."); g != code {
					t.Errorf("task %s listed under group %s", r.Code, code)
				}
			}
		}
	})

	t.Run("every task, in plan order", func(t *testing.T) {
		if got := codes(taskRows(body)); !slices.Equal(got, demoCodes) {
			t.Errorf("task codes %v\nwant %v", got, demoCodes)
		}
		if m := countRE.FindStringSubmatch(body); m == nil || m[1] != "18" {
			t.Errorf("task count line %v, want 18", m)
		}
	})

	rows := map[string][]string{}
	for _, r := range taskRows(body) {
		rows[r.Code] = cells(r)
	}
	for _, tc := range []struct {
		code                          string
		lead, support, timeframe, has string
	}{
		{"II.2", "Sở Tài chính", "Liên minh Hợp tác xã tỉnh", "Thường xuyên", "Đang thực hiện"},
		{"II.9", "Liên minh Hợp tác xã tỉnh", "Sở Tài chính", "2025", "Đã hoàn thành"},
		{"II.1", "Sở Kế hoạch và Đầu tư", "Cục Thuế tỉnh", "Quý II/2025", "Quá hạn"},
		{"II.4", "Sở Kế hoạch và Đầu tư", "Cục Thuế tỉnh", "Quý IV/2025", "Hoàn thành chậm"},
		{"III.3", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Quý IV/2026", "Chưa triển khai"},
	} {
		t.Run("row "+tc.code, func(t *testing.T) {
			c := rows[tc.code]
			if len(c) != 6 {
				t.Fatalf("row %s has cells %q", tc.code, c)
			}
			if !strings.Contains(c[2], tc.lead) {
				t.Errorf("lead %q lacks %q", c[2], tc.lead)
			}
			if !strings.Contains(c[3], tc.support) {
				t.Errorf("support %q lacks %q", c[3], tc.support)
			}
			if c[4] != tc.timeframe {
				t.Errorf("timeframe %q, want %q", c[4], tc.timeframe)
			}
			if !strings.HasPrefix(c[5], tc.has) {
				t.Errorf("status %q, want %q", c[5], tc.has)
			}
		})
	}
	t.Run("every row has a status and a link", func(t *testing.T) {
		for _, r := range taskRows(body) {
			if !strings.Contains(r.HTML, `<span class="status status-`) || !strings.Contains(r.HTML, `<a href="/tasks/`) {
				t.Errorf("row %s lacks a status or a link", r.Code)
			}
		}
	})
}

func TestPlanFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.login(viewerEmail)
	p, err := e.db.Plan(context.Background(), e.planID)
	if err != nil {
		t.Fatal(err)
	}
	groupID := map[string]int64{}
	for _, g := range p.Groups {
		groupID[g.Code] = g.ID
	}
	fin := pathf("%d", e.financeID)
	// Tasks of Sở Tài chính by name, and with those of the agencies merged
	// into it: a search or agency filter must find the first and may find
	// the second (the duties passed to it), nothing else.
	direct, inherited := e.responsible(e.financeID)
	financeTasks := func(r row, query string) bool {
		return inherited[r.Code] || strings.Contains(vntext.Fold(cells(r)[1]), vntext.Fold(query))
	}
	for _, tc := range []struct {
		name    string
		query   url.Values
		want    []string               // exact result, in order; nil with within set
		must    map[string]bool        // must all be listed
		within  func(row, string) bool // every listed row must satisfy it
		status  string                 // every row's status class, if set
		inGroup string                 // every row's group, if set
	}{
		{name: "no diacritics lower case", query: url.Values{"q": {"so tai chinh"}}, must: direct, within: financeTasks},
		{name: "with diacritics", query: url.Values{"q": {"Sở Tài chính"}}, must: direct, within: financeTasks},
		{name: "upper case", query: url.Values{"q": {"SỞ TÀI CHÍNH"}}, must: direct, within: financeTasks},
		{name: "alias", query: url.Values{"q": {"STC"}}, must: direct, within: financeTasks},
		{name: "content words", query: url.Values{"q": {"quy che phoi hop"}}, want: []string{"III.2"}},
		{name: "no match", query: url.Values{"q": {"không có nhiệm vụ nào như thế"}}, want: []string{}},
		{name: "like wildcards are literal", query: url.Values{"q": {"%"}}, want: []string{}},
		{name: "overdue", query: url.Values{"status": {"overdue"}}, want: []string{"II.1", "III.2"}, status: "overdue"},
		{name: "done late", query: url.Values{"status": {"done_late"}}, want: []string{"II.4"}, status: "done_late"},
		{name: "not started", query: url.Values{"status": {"not_started"}}, want: []string{"III.3", "IV.1"}, status: "not_started"},
		{name: "unknown status ignored", query: url.Values{"status": {"bogus"}}, want: demoCodes},
		{name: "agency", query: url.Values{"agency": {fin}}, must: direct,
			within: func(r row, _ string) bool { return inherited[r.Code] }},
		{name: "group", query: url.Values{"group": {pathf("%d", groupID["III"])}}, want: []string{"III.1", "III.2", "III.3"}},
		{name: "group and status", query: url.Values{"group": {pathf("%d", groupID["II"])}, "status": {"overdue"}},
			want: []string{"II.1"}, status: "overdue"},
		{name: "agency and group", query: url.Values{"agency": {fin}, "group": {pathf("%d", groupID["IV"])}},
			want: []string{"IV.1"}},
		{name: "text and status", query: url.Values{"q": {"so tai chinh"}, "status": {"done"}},
			must: map[string]bool{"II.9": true}, within: financeTasks, status: "done"},
		{name: "text and group", query: url.Values{"q": {"so tai chinh"}, "group": {pathf("%d", groupID["II"])}},
			must: map[string]bool{"II.2": true, "II.9": true}, within: financeTasks, inGroup: "II"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.with(t)
			body := e.page(c, pathf("/plans/%d?%s", e.planID, tc.query.Encode()))
			rows := taskRows(body)
			got := codes(rows)
			if tc.want != nil && !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("tasks %v, want %v", got, tc.want)
			}
			for code := range tc.must {
				if !slices.Contains(got, code) {
					t.Errorf("task %s missing from %v", code, got)
				}
			}
			for _, r := range rows {
				if tc.within != nil && !tc.within(r, tc.query.Get("q")) {
					t.Errorf("task %s does not belong in the result", r.Code)
				}
				if tc.status != "" && !strings.Contains(r.HTML, `status-`+tc.status+`"`) {
					t.Errorf("row %s is not %s", r.Code, tc.status)
				}
				if g, _, _ := strings.Cut(r.Code, "."); tc.inGroup != "" && g != tc.inGroup {
					t.Errorf("row %s is not in group %s", r.Code, tc.inGroup)
				}
			}
			if !slices.Equal(got, slices.DeleteFunc(slices.Clone(demoCodes), func(c string) bool { return !slices.Contains(got, c) })) {
				t.Errorf("tasks %v not in plan order", got)
			}
			if m := countRE.FindStringSubmatch(body); m == nil || m[1] != pathf("%d", len(got)) {
				t.Errorf("count line %v, want %d", m, len(got))
			}
			if len(got) == 0 && !strings.Contains(body, "Không có nhiệm vụ nào khớp với bộ lọc.") {
				t.Errorf("empty result has no message")
			}
			// Only groups with a row on the page get a heading.
			var heads []string
			for _, m := range groupRE.FindAllStringSubmatch(body, -1) {
				code, _, _ := strings.Cut(m[1], ".")
				heads = append(heads, code)
			}
			var wantHeads []string
			for _, code := range got {
				g, _, _ := strings.Cut(code, ".")
				if !slices.Contains(wantHeads, g) {
					wantHeads = append(wantHeads, g)
				}
			}
			if !slices.Equal(heads, wantHeads) {
				t.Errorf("group headings %v, want %v", heads, wantHeads)
			}
			// The form shows the filter in force.
			if q := tc.query.Get("q"); q != "" && !strings.Contains(body, `name="q" type="search" value="`+htmlAttr(q)+`"`) {
				t.Errorf("search box does not keep %q", q)
			}
			if a := tc.query.Get("agency"); a != "" && !strings.Contains(body, `<option value="`+a+`" selected>`) {
				t.Errorf("agency %s not selected", a)
			}
		})
	}
	t.Run("direct tasks of Sở Tài chính", func(t *testing.T) {
		// Guards the bounds above: the demo must keep giving the filter
		// something to find.
		want := map[string]bool{"II.2": true, "II.9": true, "IV.1": true}
		if len(direct) != len(want) {
			t.Errorf("demo tasks of Sở Tài chính %v, want %v", direct, want)
		}
		for c := range want {
			if !direct[c] {
				t.Errorf("demo task %s no longer names Sở Tài chính", c)
			}
		}
	})
}

// dueOf reads the due date a "My agency" row shows under its timeframe.
func dueOf(r row) time.Time {
	m := regexp.MustCompile(`\d{2}/\d{2}/\d{4}`).FindString(cells(r)[3])
	d, _ := time.Parse("02/01/2006", m)
	return d
}

// htmlAttr escapes s as html/template does in an attribute.
func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

func TestMyAgency(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	// A second plan gives Sở Tài chính an overdue and a due-soon task, which
	// the demo plan does not on 24/11/2026.
	ref := []plan.AgencyRef{{ID: e.financeID}}
	extra := plan.Plan{Number: "99/KH-THU", Title: "Kế hoạch thử nghiệm", Groups: []plan.Group{{Code: "I", Title: "Nhóm thử",
		Tasks: []plan.Task{
			{Code: "I.1", Ordinal: 1, Content: "Nhiệm vụ thường xuyên thử nghiệm", Lead: ref, Timeframe: plan.ParseTimeframe("Thường xuyên", 2026)},
			{Code: "I.2", Ordinal: 2, Content: "Nhiệm vụ quá hạn thử nghiệm", Lead: ref, Timeframe: plan.ParseTimeframe("30/6/2026", 2026)},
			{Code: "I.3", Ordinal: 3, Content: "Nhiệm vụ sắp đến hạn thử nghiệm", Support: ref, Timeframe: plan.ParseTimeframe("15/12/2026", 2026)},
		}}}}
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &extra) }); err != nil {
		t.Fatal(err)
	}

	t.Run("finance officer", func(t *testing.T) {
		e := e.with(t)
		body := e.page(e.login(financeEmail), "/my")
		if !strings.Contains(body, `<p class="meta">Sở Tài chính</p>`) {
			t.Errorf("page does not name the agency")
		}
		rows := taskRows(body)
		got := codes(rows)
		direct, inherited := e.responsible(e.financeID)
		for _, code := range []string{"I.1", "I.2", "I.3"} {
			direct[code], inherited[code] = true, true
		}
		for code := range direct {
			if !slices.Contains(got, code) {
				t.Errorf("task %s of Sở Tài chính missing from %v", code, got)
			}
		}
		for _, code := range got {
			if !inherited[code] {
				t.Errorf("task %s is not Sở Tài chính's", code)
			}
		}
		// Overdue first, then unfinished tasks by due date, then the rest.
		rank := func(r row) int {
			switch {
			case strings.Contains(r.HTML, `class="row-overdue"`):
				return 0
			case !strings.Contains(r.HTML, "status-done") && strings.Contains(cells(r)[3], "/"):
				return 1
			}
			return 2
		}
		for i := 1; i < len(rows); i++ {
			if rank(rows[i]) < rank(rows[i-1]) {
				t.Errorf("%s listed before %s: %v", rows[i-1].Code, rows[i].Code, got)
			}
			if rank(rows[i]) == 1 && rank(rows[i-1]) == 1 && dueOf(rows[i]).Before(dueOf(rows[i-1])) {
				t.Errorf("%s (due %s) listed after %s (due %s)", rows[i].Code, cells(rows[i])[3], rows[i-1].Code, cells(rows[i-1])[3])
			}
		}
		byCode := map[string]row{}
		for _, r := range rows {
			byCode[r.Code] = r
		}
		if r := byCode["I.2"]; !strings.HasPrefix(r.HTML, `<tr class="row-overdue">`) || !strings.Contains(r.HTML, "Quá hạn") {
			t.Errorf("overdue row not marked: %s", r.HTML)
		}
		if r := byCode["I.3"]; !strings.HasPrefix(r.HTML, `<tr class="row-soon">`) || !strings.Contains(r.HTML, "Sắp đến hạn") {
			t.Errorf("due-soon row not marked: %s", r.HTML)
		}
		if rank(rows[0]) != 0 {
			t.Errorf("first row %s is not overdue", rows[0].Code)
		}
		for code, want := range map[string]string{"I.2": "Chủ trì", "I.3": "Phối hợp", "II.2": "Chủ trì", "II.9": "Phối hợp", "IV.1": "Phối hợp"} {
			if c := cells(byCode[code]); len(c) < 3 || c[2] != want {
				t.Errorf("role on %s %q, want %q", code, c, want)
			}
		}
		// A task led by an agency merged into Sở Tài chính is led by it now.
		if r, ok := byCode["II.1"]; ok {
			if c := cells(r); c[2] != "Chủ trì" {
				t.Errorf("role on inherited II.1 %q, want Chủ trì", c[2])
			}
		}
		if c := cells(byCode["I.2"]); !strings.Contains(c[3], "30/06/2026") {
			t.Errorf("due date not shown as dd/mm/yyyy: %q", c[3])
		}
	})
	t.Run("other agency", func(t *testing.T) {
		e := e.with(t)
		agri, err := e.db.AgencyByName(ctx, "Sở Nông nghiệp và Môi trường")
		if err != nil {
			t.Fatal(err)
		}
		body := e.page(e.login(agricultureEmail), "/my")
		if !strings.Contains(body, `<p class="meta">Sở Nông nghiệp và Môi trường</p>`) {
			t.Errorf("page does not name the agency")
		}
		direct, inherited := e.responsible(agri.ID)
		got := codes(taskRows(body))
		for code := range direct {
			if !slices.Contains(got, code) {
				t.Errorf("task %s missing", code)
			}
		}
		for _, code := range got {
			if !inherited[code] {
				t.Errorf("task %s is not the agency's", code)
			}
		}
		if len(got) == 0 && !strings.Contains(body, "Đơn vị chưa được giao nhiệm vụ nào.") {
			t.Errorf("no tasks and no message")
		}
	})
	t.Run("account without agency", func(t *testing.T) {
		e := e.with(t)
		body := e.page(e.login(adminEmail), "/my")
		if !strings.Contains(body, "Tài khoản của bạn chưa gắn với cơ quan, đơn vị nào.") {
			t.Errorf("page for an account without agency:\n%s", text(body))
		}
	})
}

// The plan page shows what the plan's document says besides its tasks:
// the documents it carries out, its targets, its coordinator and reporting.
func TestPlanPageShowsDocumentParts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := text(e.page(e.login(viewerEmail), pathf("/plans/%d", e.planID)))
	for _, want := range []string{"20-NQ/TW", "318-KH/TU", "Cơ quan đầu mối: Sở Tài chính",
		"Mục tiêu cụ thể (4 chỉ tiêu)", "ít nhất 25 hợp tác xã điển hình tiên tiến", "Hằng năm (trước ngày 15/12)"} {
		if !strings.Contains(body, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
}

// The agency filter offers the agencies that have a part in the plan (and
// those that took over from them), not every agency of the province.
func TestPlanAgencyFilterChoices(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := e.page(e.login(viewerEmail), pathf("/plans/%d", e.planID))
	sel := regexp.MustCompile(`(?s)<select id="agency"[^>]*>(.*?)</select>`).FindStringSubmatch(body)
	if sel == nil {
		t.Fatal("no agency filter on the plan page")
	}
	var got []string
	for _, m := range regexp.MustCompile(`<option value="(\d+)"`).FindAllStringSubmatch(sel[1], -1) {
		got = append(got, m[1])
	}
	refs, err := e.db.PlanAgencies(context.Background(), e.planID)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range refs {
		want = append(want, strconv.FormatInt(r.ID, 10))
	}
	if !slices.Equal(got, want) {
		t.Errorf("agency choices %v, want the plan's %v", got, want)
	}
	if all := e.count(`SELECT COUNT(*) FROM agencies`); len(got) >= all {
		t.Errorf("%d choices of %d agencies: the demo has agencies without a part in the plan", len(got), all)
	}
}
