package load

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A load run also proves that what comes back is what was asked for: a
// cache that answered fast with another plan's page would otherwise pass
// as a fast run. Each check returns "" or a short problem, which is
// counted as the request's error.

// checker reads a response body and says what is wrong with it.
type checker func(body []byte) string

// wrong is the problem a check records; it names the route's subject.
func wrong(format string, args ...any) string {
	return "nội dung sai: " + fmt.Sprintf(format, args...)
}

// htmlText is s as html/template writes it in a page's text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;",
		"\x00", "\uFFFD").Replace(s)
}

// planPage checks a plan's page: its filter form posts to this plan, its
// heading carries this plan's number, and the filters shown are those sent.
func planPage(p planInfo, selected ...string) checker {
	return func(body []byte) string {
		b := string(body)
		if !strings.Contains(b, `action="/plans/`+strconv.FormatInt(p.ID, 10)+`"`) {
			return wrong("không phải trang kế hoạch %d", p.ID)
		}
		if !strings.Contains(b, `<span class="docno">`+htmlText(p.Number)+`</span>`) {
			return wrong("trang kế hoạch %d không mang số hiệu %q", p.ID, p.Number)
		}
		for _, s := range selected {
			if !strings.Contains(b, s) {
				return wrong("trang kế hoạch %d thiếu bộ lọc %q", p.ID, s)
			}
		}
		return ""
	}
}

// optionSelected is how the plan page marks the chosen value of a filter.
func optionSelected(value string) string { return `<option value="` + htmlText(value) + `" selected>` }

// searchValue is how the plan page shows the text searched for.
func searchValue(q string) string { return `value="` + htmlText(q) + `"` }

// taskPage checks a task's page: its plan's link and its content.
func taskPage(t taskItem) checker {
	return func(body []byte) string {
		b := string(body)
		if !strings.Contains(b, `href="/plans/`+strconv.FormatInt(t.PlanID, 10)+`"`) ||
			!strings.Contains(b, htmlText(t.Content)) {
			return wrong("không phải trang nhiệm vụ %d", t.ID)
		}
		return ""
	}
}

// myPage checks "My agency": it names the officer's agency.
func myPage(agencyName string) checker {
	return func(body []byte) string {
		if agencyName != "" && !strings.Contains(string(body), htmlText(agencyName)) {
			return wrong("trang “Cơ quan tôi” không mang tên %q", agencyName)
		}
		return ""
	}
}

// taskListOf checks a page of the task list API: every task belongs to
// the plan asked for (planID != 0) or involves the agency asked for, and
// the page is no longer than asked.
func taskListOf(planID, agencyID int64, perPage int, into *taskList) checker {
	return func(body []byte) string {
		*into = taskList{}
		if err := json.Unmarshal(body, into); err != nil {
			return "bad body"
		}
		if len(into.Items) > perPage {
			return wrong("%d nhiệm vụ một trang, đã xin %d", len(into.Items), perPage)
		}
		for _, t := range into.Items {
			if planID != 0 && t.PlanID != planID {
				return wrong("nhiệm vụ %d thuộc kế hoạch %d, đã xin kế hoạch %d", t.ID, t.PlanID, planID)
			}
			if agencyID != 0 && !t.involves(agencyID) {
				return wrong("nhiệm vụ %d không có cơ quan %d", t.ID, agencyID)
			}
		}
		return ""
	}
}

// taskJSON checks GET /api/v1/tasks/{id}.
func taskJSON(id int64) checker {
	return func(body []byte) string {
		var t taskItem
		if err := json.Unmarshal(body, &t); err != nil {
			return "bad body"
		}
		if t.ID != id {
			return wrong("đã xin nhiệm vụ %d, nhận nhiệm vụ %d", id, t.ID)
		}
		return ""
	}
}

// progressJSON checks the entry a progress POST answers with.
func progressJSON(taskID int64) checker {
	return func(body []byte) string {
		var p struct {
			TaskID int64 `json:"task_id"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return "bad body"
		}
		if p.TaskID != taskID {
			return wrong("tiến độ ghi cho nhiệm vụ %d, đã gửi cho nhiệm vụ %d", p.TaskID, taskID)
		}
		return ""
	}
}

// pageWant is the page a pages reader asked for: its number and size, and
// when the reader knows them (an unfiltered plan) the number of tasks it
// pages through, else -1, and the tasks it must show, in order.
type pageWant struct {
	page, per, total int
	ids              []int64
}

// rows is how many tasks the page must hold, when total is known.
func (w pageWant) rows(total int) int { return min(max(total-(w.page-1)*w.per, 0), w.per) }

// planPageAt checks a numbered plan page: it is the plan's (planPage), the
// pager shows the page asked for, and, when the number of tasks is known,
// the page has as many rows as are left, none past the last page.
func planPageAt(p planInfo, want pageWant, selected ...string) checker {
	base := planPage(p, selected...)
	return func(body []byte) string {
		if problem := base(body); problem != "" {
			return problem
		}
		b := string(body)
		at := "<span>" + strconv.Itoa(want.page) + " / "
		if strings.Contains(b, `class="pager"`) && !strings.Contains(b, at) {
			return wrong("kế hoạch %d: không phải trang %d", p.ID, want.page)
		}
		if want.total < 0 {
			return ""
		}
		if last := pages(want.total, want.per); last > 1 && want.page <= last &&
			!strings.Contains(b, at+strconv.Itoa(last)+"</span>") {
			return wrong("kế hoạch %d: thiếu “%d / %d” ở thanh trang", p.ID, want.page, last)
		}
		if n, rows := strings.Count(b, `<td><a href="/tasks/`), want.rows(want.total); n != rows {
			return wrong("kế hoạch %d trang %d: %d nhiệm vụ, cần %d", p.ID, want.page, n, rows)
		}
		// The page's first and last tasks are those of this page.
		if n := len(want.ids); n > 0 {
			first := strings.Index(b, `<td><a href="/tasks/`+strconv.FormatInt(want.ids[0], 10)+`"`)
			last := strings.Index(b, `<td><a href="/tasks/`+strconv.FormatInt(want.ids[n-1], 10)+`"`)
			if first < 0 || last < first {
				return wrong("kế hoạch %d trang %d không bắt đầu bằng nhiệm vụ %d và kết thúc bằng %d", p.ID,
					want.page, want.ids[0], want.ids[n-1])
			}
		}
		return ""
	}
}

// apiFilter is what a task list API request filtered by.
type apiFilter struct {
	planID, agencyID int64
	status           string
}

// taskPageOf checks a numbered page of the task list API: every task is
// of the plan and matches the filter (taskListOf), and the page holds as
// many tasks as the total leaves for it, none past the last page. A status
// filter is left out of the count: a write between the list's count and
// its page may move a task in or out of it.
func taskPageOf(f apiFilter, want pageWant) checker {
	var list taskList
	base := taskListOf(f.planID, f.agencyID, want.per, &list)
	return func(body []byte) string {
		if problem := base(body); problem != "" {
			return problem
		}
		for _, t := range list.Items {
			if f.status != "" && t.Status != f.status {
				return wrong("nhiệm vụ %d có trạng thái %q, đã lọc %q", t.ID, t.Status, f.status)
			}
		}
		if want.total >= 0 && list.Total != want.total {
			return wrong("kế hoạch %d có %d nhiệm vụ, danh sách báo %d", f.planID, want.total, list.Total)
		}
		if f.status == "" && len(list.Items) != want.rows(list.Total) {
			return wrong("trang %d có %d nhiệm vụ, tổng %d cần %d", want.page, len(list.Items), list.Total,
				want.rows(list.Total))
		}
		if want.ids != nil {
			for i, t := range list.Items {
				if t.ID != want.ids[i] { // as many as wanted: checked above
					return wrong("trang %d: nhiệm vụ thứ %d là %d, cần %d", want.page, i+1, t.ID, want.ids[i])
				}
			}
		}
		return ""
	}
}
