package faulttest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// reportRun is what the report scenario keeps across bursts: the plan and
// agencies whose yearly reports it opens, each agency's officer's token,
// the next (agency, year) to open, and per worker the reports in the
// state their last acknowledged step left them, waiting for their next.
type reportRun struct {
	plan     int64
	agencies []int64
	officers map[int64]string // agency -> API token of its officer
	next     atomic.Int64
	mu       sync.Mutex
	pending  [workers][]reportAt
	// steps counts the acknowledged steps by action.
	steps sync.Map // action -> *atomic.Int64
}

// reportAt is a report and the state its last acknowledged step left it
// in: no step of it is in flight, so after a kill it must be found there.
type reportAt struct {
	id, agency int64
	state      string
}

// firstReportYear is the first year the scenario opens reports for; each
// opening takes a fresh (agency, year), and later steps on a report are
// taken by the worker that opened it, so no two writes race on one report.
const firstReportYear = 2026

// setupReports finds a plan with a yearly schedule in the demo and the
// agencies its first report year expects, and gives each an officer
// account of its own with an API token, as an administrator would.
func setupReports(h *harness) {
	t := h.t
	t.Helper()
	ctx := context.Background()
	var plans struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	h.getJSON(ctx, "/api/v1/plans", &plans)
	rr := &reportRun{officers: map[int64]string{}}
	for _, p := range plans.Items {
		var list struct {
			Schedules []struct {
				Frequency string `json:"frequency"`
			} `json:"schedules"`
		}
		h.getJSON(ctx, fmt.Sprintf("/api/v1/plans/%d/schedules", p.ID), &list)
		for _, s := range list.Schedules {
			if s.Frequency == "yearly" && rr.plan == 0 {
				rr.plan = p.ID
			}
		}
	}
	if rr.plan == 0 {
		t.Fatal("the demo has no plan with a yearly reporting schedule")
	}
	var status struct {
		Rows []struct {
			AgencyID int64 `json:"agency_id"`
		} `json:"rows"`
	}
	h.getJSON(ctx, fmt.Sprintf("/api/v1/reports?plan=%d&period=%d", rr.plan, firstReportYear), &status)
	db := h.open()
	defer db.Close()
	for _, r := range status.Rows {
		rr.agencies = append(rr.agencies, r.AgencyID)
		agency := r.AgencyID
		u := auth.User{Email: fmt.Sprintf("canbo%d@kill-test.local", agency), Name: "Cán bộ thử", Role: auth.RoleAgency,
			AgencyID: &agency}
		err := db.Update(ctx, func(tx *store.Tx) (err error) {
			if err = tx.CreateUser(ctx, &u, "mat-khau-thu-nghiem-kill"); err != nil {
				return err
			}
			rr.officers[agency], err = tx.CreateToken(ctx, u.ID)
			return err
		})
		if err != nil {
			t.Fatalf("officer of agency %d: %v", agency, err)
		}
	}
	if len(rr.agencies) == 0 {
		t.Fatalf("plan %d expects no report for %d", rr.plan, firstReportYear)
	}
	h.reports = rr
}

// writeReport is one step of a report's cycle through the API, by the
// account whose step it is. With a report of its own waiting (six times
// in ten), the worker takes its next step: the coordinator returns a
// submitted report with the key as the comment, or accepts it; the
// agency's officer corrects a returned one (the key as the narrative and
// in every line) and sends it again; the coordinator reopens an accepted
// one with the key as the reason, or leaves it. Otherwise the officer
// opens the next agency's yearly report, writes it and submits it. Each
// acknowledgement is the report answered in the state the step leads to,
// with the step last in its history.
func writeReport(ctx context.Context, h *harness, rnd *rand.Rand, worker int, key string) (int64, bool, error) {
	rr := h.reports
	var at reportAt
	rr.mu.Lock()
	if q := rr.pending[worker]; len(q) > 0 && rnd.IntN(10) < 6 {
		i := rnd.IntN(len(q))
		at = q[i]
		rr.pending[worker] = append(q[:i], q[i+1:]...)
	}
	rr.mu.Unlock()
	if at.id == 0 {
		n := rr.next.Add(1) - 1
		at.agency = rr.agencies[n%int64(len(rr.agencies))]
		year := firstReportYear + n/int64(len(rr.agencies))
		status, answer, err := h.apiJSONAs(ctx, rr.officers[at.agency], http.MethodPost, "/api/v1/reports",
			map[string]any{"plan_id": rr.plan, "period": strconv.FormatInt(year, 10), "agency_id": at.agency})
		if err != nil {
			return 0, false, err
		}
		var s struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
		}
		if status != http.StatusOK || json.Unmarshal(answer, &s) != nil || s.State != "draft" {
			h.reject(status, answer)
			return 0, false, nil
		}
		at = reportAt{id: s.ID, agency: at.agency, state: "draft"}
	}
	var action, want string
	switch at.state {
	case "draft", "returned":
		if ok, err := h.writeReportText(ctx, at, key); !ok {
			return 0, false, err
		}
		action, want = "submit", map[string]string{"draft": "submitted", "returned": "resubmitted"}[at.state]
	case "submitted", "resubmitted":
		action, want = "accept", "accepted"
		if rnd.IntN(2) == 0 {
			action, want = "return", "returned"
		}
	case "accepted":
		if rnd.IntN(2) == 0 {
			return 0, false, nil // this one stays accepted; nothing sent
		}
		action, want = "reopen", "returned"
	}
	token := h.token
	if action == "submit" {
		token = rr.officers[at.agency]
	}
	id, acked, err := h.reportStep(ctx, token, at.id, action, key, want)
	if acked {
		c, _ := rr.steps.LoadOrStore(action, new(atomic.Int64))
		c.(*atomic.Int64).Add(1)
		rr.mu.Lock()
		rr.pending[worker] = append(rr.pending[worker], reportAt{id: at.id, agency: at.agency, state: want})
		rr.mu.Unlock()
	}
	return id, acked, err
}

// writeReportText has the officer replace the report's text: the key as
// its narrative and as what was done on every line, so a report found with
// a narrative its lines do not share was half written.
func (h *harness) writeReportText(ctx context.Context, at reportAt, key string) (bool, error) {
	token := h.reports.officers[at.agency]
	status, answer, err := h.apiJSONAs(ctx, token, http.MethodGet, fmt.Sprintf("/api/v1/reports/%d", at.id), nil)
	if err != nil {
		return false, err
	}
	var s struct {
		Lines []map[string]any `json:"lines"`
	}
	if status != http.StatusOK || json.Unmarshal(answer, &s) != nil {
		h.reject(status, answer)
		return false, nil
	}
	// PUT replaces the whole report: the lines go back as read, but for
	// what was done.
	lines := make([]map[string]any, len(s.Lines))
	for i, l := range s.Lines {
		lines[i] = map[string]any{}
		for _, f := range []string{"task_id", "status", "figures", "budget_estimated", "budget_allocated",
			"budget_spent", "budget_source"} {
			lines[i][f] = l[f]
		}
		lines[i]["done"] = key
	}
	status, answer, err = h.apiJSONAs(ctx, token, http.MethodPut, fmt.Sprintf("/api/v1/reports/%d", at.id),
		map[string]any{"narrative": key, "difficulties": "", "proposals": "", "lines": lines})
	if err != nil {
		return false, err
	}
	if status != http.StatusOK {
		h.reject(status, answer)
		return false, nil
	}
	return true, nil
}

// summarizeReports says how many steps of each kind were acknowledged,
// so a run that never returned or reopened anything shows.
func summarizeReports(h *harness) string {
	count := func(action string) int64 {
		if c, ok := h.reports.steps.Load(action); ok {
			return c.(*atomic.Int64).Load()
		}
		return 0
	}
	return fmt.Sprintf("reports of plan %d for %d agencies, each by its own officer: acknowledged %d submits, "+
		"%d returns, %d accepts, %d reopens", h.reports.plan, len(h.reports.agencies), count("submit"),
		count("return"), count("accept"), count("reopen"))
}

// reportStep posts action on report id with key as the comment, with
// token; a 200 whose report is in state want, with this step last in its
// history, acknowledges it.
func (h *harness) reportStep(ctx context.Context, token string, id int64, action, key, want string) (int64, bool, error) {
	status, answer, err := h.apiJSONAs(ctx, token, http.MethodPost, fmt.Sprintf("/api/v1/reports/%d/%s", id, action),
		map[string]any{"comment": key})
	if err != nil {
		return 0, false, err
	}
	if status != http.StatusOK {
		h.reject(status, answer)
		return 0, false, nil
	}
	var s struct {
		ID     int64  `json:"id"`
		State  string `json:"state"`
		Events []struct {
			Action  string `json:"action"`
			Comment string `json:"comment"`
		} `json:"events"`
	}
	if json.Unmarshal(answer, &s) != nil || s.ID != id || s.State != want || len(s.Events) == 0 ||
		s.Events[len(s.Events)-1].Comment != key || s.Events[len(s.Events)-1].Action != action {
		return 0, false, fmt.Errorf("200 to %s with an answer that is not the entry: %.300s", action, answer)
	}
	return id, true, nil
}

// storedReports maps the key of each step in a report's history to its
// report: the history is only ever added to, so an acknowledged step
// missing from it was lost. Where each report stands is checkReports'.
func storedReports(ctx context.Context, db *store.DB, prefix string) (map[string]int64, error) {
	rows, err := db.SQL().QueryContext(ctx, db.Rebind(`SELECT submission_id, comment FROM report_events
		WHERE comment LIKE ?`), prefix+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		out[key] = id
	}
	return out, rows.Err()
}
