package load

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// progressBody is what an officer sends.
type progressBody struct {
	Status  string `json:"status"`
	Percent int    `json:"percent"`
	Note    string `json:"note"`
}

// write is an agency officer's path: find the agency's tasks, then record
// progress on them and look at the result.
func (s *sim) write(ctx context.Context) {
	rn, r := s.rn, s.r
	agency := strconv.FormatInt(s.acct.AgencyID, 10)
	var tasks []int64
	for n := 0; ; n++ {
		if len(tasks) == 0 || n%25 == 0 {
			var list taskList
			if !s.do(ctx, RouteAPIMyTasks, http.MethodGet, rn.url("/api/v1/tasks", url.Values{"agency": {agency},
				"per_page": {"50"}}), nil, http.StatusOK, taskListOf(0, s.acct.AgencyID, 50, &list)) {
				return
			}
			tasks = chooseTasks(list.Items, s.acct.AgencyID)
			if len(tasks) == 0 {
				s.record(RouteAPIMyTasks, 0, s.text("load.no_agency_task", agency))
				s.read(ctx) // nothing to report on: read instead
				return
			}
		}
		taskID := tasks[r.IntN(len(tasks))]
		id := strconv.FormatInt(taskID, 10)
		body := progressOf(r, n)
		if !s.do(ctx, RouteAPIProgress, http.MethodPost, rn.url("/api/v1/tasks/"+id+"/progress", nil), body,
			http.StatusCreated, progressJSON(taskID)) {
			return
		}
		if !s.do(ctx, RouteAPITask, http.MethodGet, rn.url("/api/v1/tasks/"+id, nil), nil, http.StatusOK, taskJSON(taskID)) {
			return
		}
	}
}

// chooseTasks is what an officer reports on: tasks the agency leads and
// that are not done yet; failing that, any it leads, then any it supports
// (which it may also report on). Reopening a done task is a last resort.
func chooseTasks(items []taskItem, agency int64) []int64 {
	var open, led, any []int64
	for _, t := range items {
		any = append(any, t.ID)
		if t.leads(agency) {
			led = append(led, t.ID)
			if t.Recorded != "done" {
				open = append(open, t.ID)
			}
		}
	}
	switch {
	case len(open) > 0:
		return open
	case len(led) > 0:
		return led
	}
	return any
}

// progressOf is the n-th progress entry a simulated officer records.
func progressOf(r interface{ IntN(int) int }, n int) progressBody {
	return progressBody{Status: "in_progress", Percent: 1 + r.IntN(99),
		Note: fmt.Sprintf("Thử tải: cập nhật tiến độ lần %d, đã làm việc với %d hợp tác xã", n+1, 1+r.IntN(30))}
}

// pageList is list10k: pages of 50 from one big plan, at random.
func (s *sim) pageList(ctx context.Context) {
	p := s.rn.plans[0]
	plan := strconv.FormatInt(p.ID, 10)
	n := pages(p.TaskCount, 50)
	for {
		q := url.Values{"plan": {plan}, "per_page": {"50"}, "page": {strconv.Itoa(1 + s.r.IntN(n))}}
		var list taskList
		if !s.do(ctx, RouteAPIPlanTasks, http.MethodGet, s.rn.url("/api/v1/tasks", q), nil, http.StatusOK,
			taskListOf(p.ID, 0, 50, &list)) {
			return
		}
	}
}
