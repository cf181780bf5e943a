package load

import (
	"encoding/json"
	"github.com/hoptac/hoptac/internal/i18n"
	"strconv"
	"strings"
)

// A load run also proves that what comes back is what was asked for: a
// cache that answered fast with another plan's page would otherwise pass
// as a fast run. Each check returns "" or a short problem, which is
// counted as the request's error.

// checker reads a response body and says what is wrong with it: a
// message left unrendered until the run's language is known, or the zero
// Message when nothing is.
type checker func(body []byte) i18n.Message

// wrong is the problem a check records (key with args); it names the
// route's subject.
func wrong(key string, args ...any) i18n.Message {
	return i18n.M("load.check.wrong", i18n.M(key, args...))
}

// htmlText is s as html/template writes it in a page's text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;",
		"\x00", "\uFFFD").Replace(s)
}

// planPage checks a plan's page: its filter form posts to this plan, its
// heading carries this plan's number, and the filters shown are those sent.
func planPage(p planInfo, selected ...string) checker {
	return func(body []byte) i18n.Message {
		b := string(body)
		if !strings.Contains(b, `action="/plans/`+strconv.FormatInt(p.ID, 10)+`"`) {
			return wrong("load.check.not_plan_page", p.ID)
		}
		if !strings.Contains(b, `<span class="docno">`+htmlText(p.Number)+`</span>`) {
			return wrong("load.check.plan_number", p.ID, p.Number)
		}
		for _, s := range selected {
			if !strings.Contains(b, s) {
				return wrong("load.check.plan_filter", p.ID, s)
			}
		}
		return i18n.Message{}
	}
}

// optionSelected is how the plan page marks the chosen value of a filter.
func optionSelected(value string) string { return `<option value="` + htmlText(value) + `" selected>` }

// searchValue is how the plan page shows the text searched for.
func searchValue(q string) string { return `value="` + htmlText(q) + `"` }

// taskPage checks a task's page: its plan's link and its content.
func taskPage(t taskItem) checker {
	return func(body []byte) i18n.Message {
		b := string(body)
		if !strings.Contains(b, `href="/plans/`+strconv.FormatInt(t.PlanID, 10)+`"`) ||
			!strings.Contains(b, htmlText(t.Content)) {
			return wrong("load.check.not_task_page", t.ID)
		}
		return i18n.Message{}
	}
}

// myPage checks "My agency": it names the officer's agency.
func myPage(agencyName string) checker {
	return func(body []byte) i18n.Message {
		if agencyName != "" && !strings.Contains(string(body), htmlText(agencyName)) {
			return wrong("load.check.my_agency_name", agencyName)
		}
		return i18n.Message{}
	}
}

// taskListOf checks a page of the task list API: every task belongs to
// the plan asked for (planID != 0) or involves the agency asked for, and
// the page is no longer than asked.
func taskListOf(planID, agencyID int64, perPage int, into *taskList) checker {
	return func(body []byte) i18n.Message {
		*into = taskList{}
		if err := json.Unmarshal(body, into); err != nil {
			return i18n.M("load.bad_body")
		}
		if len(into.Items) > perPage {
			return wrong("load.check.tasks_per_page", len(into.Items), perPage)
		}
		for _, t := range into.Items {
			if planID != 0 && t.PlanID != planID {
				return wrong("load.check.task_plan", t.ID, t.PlanID, planID)
			}
			if agencyID != 0 && !t.involves(agencyID) {
				return wrong("load.check.task_agency", t.ID, agencyID)
			}
		}
		return i18n.Message{}
	}
}

// taskJSON checks GET /api/v1/tasks/{id}.
func taskJSON(id int64) checker {
	return func(body []byte) i18n.Message {
		var t taskItem
		if err := json.Unmarshal(body, &t); err != nil {
			return i18n.M("load.bad_body")
		}
		if t.ID != id {
			return wrong("load.check.task_id", id, t.ID)
		}
		return i18n.Message{}
	}
}

// progressJSON checks the entry a progress POST answers with.
func progressJSON(taskID int64) checker {
	return func(body []byte) i18n.Message {
		var p struct {
			TaskID int64 `json:"task_id"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return i18n.M("load.bad_body")
		}
		if p.TaskID != taskID {
			return wrong("load.check.progress_task", p.TaskID, taskID)
		}
		return i18n.Message{}
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
	return func(body []byte) i18n.Message {
		if problem := base(body); problem.Key != "" {
			return problem
		}
		b := string(body)
		at := "<span>" + strconv.Itoa(want.page) + " / "
		if strings.Contains(b, `class="pager"`) && !strings.Contains(b, at) {
			return wrong("load.check.plan_page_number", p.ID, want.page)
		}
		if want.total < 0 {
			return i18n.Message{}
		}
		if last := pages(want.total, want.per); last > 1 && want.page <= last &&
			!strings.Contains(b, at+strconv.Itoa(last)+"</span>") {
			return wrong("load.check.plan_pager", p.ID, want.page, last)
		}
		if n, rows := strings.Count(b, `<td><a href="/tasks/`), want.rows(want.total); n != rows {
			return wrong("load.check.plan_page_rows", p.ID, want.page, n, rows)
		}
		// The page's first and last tasks are those of this page.
		if n := len(want.ids); n > 0 {
			first := strings.Index(b, `<td><a href="/tasks/`+strconv.FormatInt(want.ids[0], 10)+`"`)
			last := strings.Index(b, `<td><a href="/tasks/`+strconv.FormatInt(want.ids[n-1], 10)+`"`)
			if first < 0 || last < first {
				return wrong("load.check.plan_page_bounds", p.ID,
					want.page, want.ids[0], want.ids[n-1])
			}
		}
		return i18n.Message{}
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
	return func(body []byte) i18n.Message {
		if problem := base(body); problem.Key != "" {
			return problem
		}
		for _, t := range list.Items {
			if f.status != "" && t.Status != f.status {
				return wrong("load.check.task_status", t.ID, t.Status, f.status)
			}
		}
		if want.total >= 0 && list.Total != want.total {
			return wrong("load.check.list_total", f.planID, want.total, list.Total)
		}
		if f.status == "" && len(list.Items) != want.rows(list.Total) {
			return wrong("load.check.list_page_rows", want.page, len(list.Items), list.Total,
				want.rows(list.Total))
		}
		if want.ids != nil {
			for i, t := range list.Items {
				if t.ID != want.ids[i] { // as many as wanted: checked above
					return wrong("load.check.list_page_item", want.page, i+1, t.ID, want.ids[i])
				}
			}
		}
		return i18n.Message{}
	}
}
