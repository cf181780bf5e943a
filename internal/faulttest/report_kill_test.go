package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/hoptac/hoptac/internal/store"
)

// reportRun is what the report scenario keeps across bursts: the plan and
// agencies whose yearly reports it opens, the next (agency, year) to open,
// and per worker the reports acknowledged as submitted, waiting for the
// coordinator to accept them.
type reportRun struct {
	plan     int64
	agencies []int64
	next     atomic.Int64
	mu       sync.Mutex
	pending  [workers][]int64
	// submits and accepts count the acknowledged steps of each kind.
	submits, accepts atomic.Int64
}

// firstReportYear is the first year the scenario opens reports for; each
// write takes a fresh (agency, year), so no two writes touch one report.
const firstReportYear = 2026

// setupReports finds a plan with a yearly schedule in the demo and the
// agencies its first report year expects.
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
	rr := &reportRun{}
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
	for _, r := range status.Rows {
		rr.agencies = append(rr.agencies, r.AgencyID)
	}
	if len(rr.agencies) == 0 {
		t.Fatalf("plan %d expects no report for %d", rr.plan, firstReportYear)
	}
	h.reports = rr
}

// writeReport is one step of a report's cycle, as the coordinator takes
// it through the API. Half the time, when the worker has a report
// acknowledged as submitted, it accepts it with the key as the comment;
// the acknowledgement is the accepted report. Otherwise it opens the next
// agency's yearly report, puts the key in its narrative and submits it
// with the key as the comment; the acknowledgement is the submitted report.
func writeReport(ctx context.Context, h *harness, rnd *rand.Rand, worker int, key string) (int64, bool, error) {
	rr := h.reports
	var id int64
	rr.mu.Lock()
	if q := rr.pending[worker]; len(q) > 0 && rnd.IntN(2) == 0 {
		i := rnd.IntN(len(q))
		id = q[i]
		rr.pending[worker] = append(q[:i], q[i+1:]...)
	}
	rr.mu.Unlock()
	if id != 0 {
		id, acked, err := h.reportStep(ctx, id, "accept", key, "accepted")
		if acked {
			rr.accepts.Add(1)
		}
		return id, acked, err
	}
	n := rr.next.Add(1) - 1
	agency, year := rr.agencies[n%int64(len(rr.agencies))], firstReportYear+n/int64(len(rr.agencies))
	status, answer, err := h.apiJSON(ctx, http.MethodPost, "/api/v1/reports",
		map[string]any{"plan_id": rr.plan, "period": strconv.FormatInt(year, 10), "agency_id": agency})
	if err != nil {
		return 0, false, err
	}
	var s struct {
		ID    int64            `json:"id"`
		State string           `json:"state"`
		Lines []map[string]any `json:"lines"`
	}
	if status != http.StatusOK || json.Unmarshal(answer, &s) != nil || s.State != "draft" {
		h.reject(status, answer)
		return 0, false, nil
	}
	// PUT replaces the whole report: the lines go back as opened.
	lines := make([]map[string]any, len(s.Lines))
	for i, l := range s.Lines {
		lines[i] = map[string]any{}
		for _, f := range []string{"task_id", "status", "done", "figures", "budget_estimated", "budget_allocated",
			"budget_spent", "budget_source"} {
			lines[i][f] = l[f]
		}
	}
	status, answer, err = h.apiJSON(ctx, http.MethodPut, fmt.Sprintf("/api/v1/reports/%d", s.ID),
		map[string]any{"narrative": key, "difficulties": "", "proposals": "", "lines": lines})
	if err != nil {
		return 0, false, err
	}
	if status != http.StatusOK {
		h.reject(status, answer)
		return 0, false, nil
	}
	id, acked, err := h.reportStep(ctx, s.ID, "submit", key, "submitted")
	if acked {
		rr.submits.Add(1)
		rr.mu.Lock()
		rr.pending[worker] = append(rr.pending[worker], id)
		rr.mu.Unlock()
	}
	return id, acked, err
}

// summarizeReports says how many submits and accepts were acknowledged,
// so a run that never accepted anything shows.
func summarizeReports(h *harness) string {
	return fmt.Sprintf("reports of plan %d for %d agencies: %d submits and %d accepts acknowledged",
		h.reports.plan, len(h.reports.agencies), h.reports.submits.Load(), h.reports.accepts.Load())
}

// reportStep posts action on report id with key as the comment; a 200
// whose report is in state want acknowledges it.
func (h *harness) reportStep(ctx context.Context, id int64, action, key, want string) (int64, bool, error) {
	status, answer, err := h.apiJSON(ctx, http.MethodPost, fmt.Sprintf("/api/v1/reports/%d/%s", id, action),
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

// storedReports maps the key of each submit or accept step to its report,
// when the report still stands where that step put it (or, for a submit,
// was accepted since): a report gone back to draft, or an accepted one
// found submitted, has lost an acknowledged step.
func storedReports(ctx context.Context, db *store.DB, prefix string) (map[string]int64, error) {
	rows, err := db.SQL().QueryContext(ctx, db.Rebind(`SELECT e.submission_id, e.comment
		FROM report_events e JOIN report_submissions s ON s.id = e.submission_id
		WHERE e.comment LIKE ? AND ((e.action = 'submit' AND s.state IN ('submitted', 'accepted'))
			OR (e.action = 'accept' AND s.state = 'accepted'))`), prefix+"%")
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

// checkReports finds reports whose state and history disagree: a state
// other than where the last event took it, a sent report without its
// first sending time, an accepted one no accept event accounts for, or a
// submit event whose report does not say what was put before it.
func checkReports(ctx context.Context, db *store.DB) ([]string, error) {
	var problems []string
	for _, q := range []struct{ what, sql string }{
		{"state is not where its last event took it", `SELECT s.id, s.state || ' / ' || COALESCE(e.to_state, 'no event')
			FROM report_submissions s LEFT JOIN report_events e
				ON e.id = (SELECT MAX(x.id) FROM report_events x WHERE x.submission_id = s.id)
			WHERE e.id IS NULL OR e.to_state <> s.state`},
		{"was sent but has no first_sent_at", `SELECT s.id, s.state FROM report_submissions s
			WHERE s.first_sent_at IS NULL AND (s.state <> 'draft'
				OR EXISTS (SELECT 1 FROM report_events e WHERE e.submission_id = s.id AND e.action = 'submit'))`},
		{"is accepted without an accept event", `SELECT s.id, s.state FROM report_submissions s
			WHERE s.state = 'accepted'
				AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.submission_id = s.id AND e.action = 'accept')`},
		{"was submitted with a key its narrative does not hold", `SELECT s.id, e.comment || ' / ' || s.narrative
			FROM report_submissions s JOIN report_events e ON e.submission_id = s.id
			WHERE e.action = 'submit' AND e.comment LIKE 'kill-test%' AND e.comment <> s.narrative`},
	} {
		found, err := reportProblems(ctx, db, q.what, q.sql)
		if err != nil {
			return nil, err
		}
		problems = append(problems, found...)
	}
	return problems, nil
}

// reportProblems runs one check's query: each row is a report and what
// is wrong with it.
func reportProblems(ctx context.Context, db *store.DB, what, query string) ([]string, error) {
	rows, err := db.SQL().QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer func() { _ = rows.Close() }() // read only
	var problems []string
	for rows.Next() {
		var id int64
		var detail string
		if err := rows.Scan(&id, &detail); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("report %d %s (%s)", id, what, detail))
	}
	return problems, rows.Err()
}

// apiJSON sends body as JSON with the coordinator's token and returns the
// status and the answer, read whole.
func (h *harness) apiJSON(ctx context.Context, method, path string, body any) (int, []byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base()+path, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, err // cut off mid-answer: not acknowledged
	}
	return resp.StatusCode, answer, nil
}

// getJSON reads path into v, failing the test on any other answer than 200.
func (h *harness) getJSON(ctx context.Context, path string, v any) {
	h.t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base()+path, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	resp, err := h.client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(answer, v) != nil {
		h.t.Fatalf("GET %s: %d %.500s", path, resp.StatusCode, answer)
	}
}
