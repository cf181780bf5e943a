package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

var historyItemRE = regexp.MustCompile(`(?s)<li>\s*<p class="when">.*?</li>`)

// A task reported on for years has a long history; its page shows the
// newest entries and pages back to the oldest.
func TestTaskHistoryPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	task := e.taskByCode("I.2")
	before := e.count(`SELECT COUNT(*) FROM progress WHERE task_id = ?`, task.ID)
	var entries []plan.Progress
	start := time.Date(2020, 1, 6, 2, 0, 0, 0, time.UTC)
	for i := range 60 - before {
		entries = append(entries, plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress,
			Note: fmt.Sprintf("Báo cáo tuần %d", i+1), CreatedAt: start.Add(time.Duration(i) * 7 * 24 * time.Hour)})
	}
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.ImportProgress(ctx, entries) }); err != nil {
		t.Fatal(err)
	}
	c := e.login(viewerEmail)
	path := pathf("/tasks/%d", task.ID)

	first := e.page(c, path)
	if n := len(historyItemRE.FindAllString(first, -1)); n != store.DefaultPerPage {
		t.Errorf("first page lists %d entries, want %d", n, store.DefaultPerPage)
	}
	if !strings.Contains(first, `href="`+path+`?page=2" rel="next"`) {
		t.Errorf("first page has no link to the older entries")
	}
	second := e.page(c, path+"?page=2")
	items := historyItemRE.FindAllString(second, -1)
	if len(items) != 60-store.DefaultPerPage {
		t.Fatalf("second page lists %d entries, want %d", len(items), 60-store.DefaultPerPage)
	}
	var firstNote string
	if err := e.db.SQL().QueryRow(e.db.Rebind(`SELECT note FROM progress WHERE task_id = ? ORDER BY id LIMIT 1`),
		task.ID).Scan(&firstNote); err != nil {
		t.Fatal(err)
	}
	if oldest := text(items[len(items)-1]); !strings.Contains(oldest, text(firstNote)) {
		t.Errorf("last entry of the last page = %q, want the first one recorded (%q)", oldest, firstNote)
	}
	if !strings.Contains(second, `rel="prev"`) || strings.Contains(second, `rel="next"`) {
		t.Errorf("last page's pager is wrong")
	}
}
