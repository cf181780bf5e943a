package faulttest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/store"
)

// importTasks is the size of each plan the import scenario confirms.
const importTasks = 12

// writeImport confirms a reviewed plan whose title is the key, as the
// coordinator does on the review screen. An import is one transaction:
// after a kill each plan has all its tasks or is absent.
func writeImport(ctx context.Context, h *harness, rnd *rand.Rand, worker int, key string) (int64, bool, error) {
	type ref struct {
		Text   string  `json:"text"`
		Agency *string `json:"agency"`
	}
	type task struct {
		Code    string `json:"code"`
		Content string `json:"content"`
		Lead    []ref  `json:"lead"`
	}
	fin := "Sở Tài chính"
	var tasks []task
	for i := range importTasks {
		// A new agency in some tasks: agency rows are part of the import too.
		lead := []ref{{Text: fin, Agency: &fin}}
		if rnd.IntN(3) == 0 {
			lead = append(lead, ref{Text: fmt.Sprintf("Ban thử nghiệm %s", key)})
		}
		tasks = append(tasks, task{Code: fmt.Sprintf("I.%d", i+1), Content: fmt.Sprintf("Nhiệm vụ %d của %s", i+1, key), Lead: lead})
	}
	result, _ := json.Marshal(map[string]any{
		"document": map[string]any{"title": key},
		"groups":   []any{map[string]any{"code": "I", "title": "Nhóm thử", "tasks": tasks}},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.base()+"/plans/import/confirm",
		strings.NewReader(url.Values{"result": {string(result)}}.Encode()))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// The answer is a redirect to the new plan; it is the acknowledgement.
	resp, err := h.client().Transport.RoundTrip(req)
	if err != nil {
		return 0, false, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, false, err
	}
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/plans/") {
		h.reject(resp.StatusCode, answer)
		return 0, false, nil
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/plans/"), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("303 to %q, which is not the entry's plan", loc)
	}
	return id, true, nil
}

func storedImports(ctx context.Context, db *store.DB, prefix string) (map[string]int64, error) {
	return storedByKey(ctx, db, "SELECT id, title FROM plans WHERE title LIKE ?", prefix)
}

// checkImports finds half-written imports: a plan with fewer tasks than it
// was sent with, or a task without its lead agency.
func checkImports(ctx context.Context, db *store.DB) ([]string, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT p.id, p.title,
		(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id),
		(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id
			AND NOT EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.role = 'lead'))
		FROM plans p WHERE p.title LIKE 'kill-test%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var id int64
		var title string
		var n, leaderless int
		if err := rows.Scan(&id, &title, &n, &leaderless); err != nil {
			return nil, err
		}
		if n != importTasks || leaderless > 0 {
			problems = append(problems, fmt.Sprintf("plan %d (%s) has %d of %d tasks, %d without a lead", id, title, n, importTasks, leaderless))
		}
	}
	return problems, rows.Err()
}
