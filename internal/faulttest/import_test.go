package faulttest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/store"
)

// importTasks is the size of each plan the import scenario confirms.
const importTasks = 12

// writeImport imports a plan whose title is the key, as the coordinator
// does: the task table is read (the server keeps the result as a pending
// import) and the review is confirmed with the title typed in. An import
// is one transaction: after a kill each plan has all its tasks or is
// absent.
func writeImport(ctx context.Context, h *harness, rnd *rand.Rand, worker int, key string) (int64, bool, error) {
	var table strings.Builder
	table.WriteString("STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\nI\tNhóm thử\t\t\t\n")
	for i := range importTasks {
		// A new agency in some tasks: agency rows are part of the import too.
		support := ""
		if rnd.IntN(3) == 0 {
			support = "Ban thử nghiệm " + key
		}
		fmt.Fprintf(&table, "%d\tNhiệm vụ %d của %s\tSở Tài chính\t%s\t\n", i+1, i+1, key, support)
	}
	status, review, _, err := h.postForm(ctx, "/plans/import", url.Values{"text": {table.String()}})
	if err != nil {
		return 0, false, err
	}
	m := pendingRE.FindSubmatch(review)
	if status != http.StatusOK || m == nil {
		h.reject(status, review)
		return 0, false, nil
	}
	status, answer, loc, err := h.postForm(ctx, "/plans/import/confirm", url.Values{"pending": {string(m[1])}, "doc.title": {key}})
	if err != nil {
		return 0, false, err
	}
	// The answer is a redirect to the new plan; it is the acknowledgement.
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/plans/") {
		h.reject(status, answer)
		return 0, false, nil
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/plans/"), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("303 to %q, which is not the entry's plan", loc)
	}
	return id, true, nil
}

// pendingRE finds the pending import a review form confirms.
var pendingRE = regexp.MustCompile(`name="pending" value="([0-9a-f]+)"`)

// postForm sends a form with the coordinator's token and returns the
// status, body and Location without following a redirect.
func (h *harness) postForm(ctx context.Context, path string, form url.Values) (int, []byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.base()+path, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, nil, "", err
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := h.client().Transport.RoundTrip(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, "", err
	}
	return resp.StatusCode, body, resp.Header.Get("Location"), nil
}

func storedImports(ctx context.Context, db *store.DB, prefix string) (map[string]int64, error) {
	return storedByKey(ctx, db, "SELECT id, title FROM plans WHERE title LIKE ?", prefix)
}

// checkImports finds half-written imports: a plan with fewer tasks than it
// was sent with, or a task without its lead agency.
func checkImports(ctx context.Context, _ *harness, db *store.DB) ([]string, error) {
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
