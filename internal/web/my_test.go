package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// TestDroppedTasksNotUrgent: on 24/11/2026 Sở Tài chính has one task past
// its due day and one due soon, both dropped, beside one overdue task
// still owed. "My agency" and the plan page mark the dropped ones dropped
// and never overdue or due soon; the task still owed stays overdue.
func TestDroppedTasksNotUrgent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ref := []plan.AgencyRef{{ID: e.financeID}}
	p := plan.Plan{Number: "98/KH-THU", Title: "Kế hoạch có nhiệm vụ dừng", Groups: []plan.Group{{Code: "IX", Title: "Nhóm thử",
		Tasks: []plan.Task{
			{Code: "IX.1", Ordinal: 1, Content: "Nhiệm vụ quá hạn đã dừng", Lead: ref, Timeframe: plan.ParseTimeframe("30/6/2026", 2026)},
			{Code: "IX.2", Ordinal: 2, Content: "Nhiệm vụ sắp đến hạn đã dừng", Lead: ref, Timeframe: plan.ParseTimeframe("15/12/2026", 2026)},
			{Code: "IX.3", Ordinal: 3, Content: "Nhiệm vụ quá hạn còn thực hiện", Lead: ref, Timeframe: plan.ParseTimeframe("30/6/2026", 2026)},
		}}}}
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.CreatePlan(ctx, &p); err != nil {
			return err
		}
		for _, tk := range p.Groups[0].Tasks[:2] {
			if _, err := tx.EditTask(ctx, tk.ID, plan.TaskEdit{Drop: true, Decision: "Quyết định số 45/QĐ-UBND"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	c := e.login(financeEmail)
	for _, path := range []string{"/my", fmt.Sprintf("/plans/%d", p.ID)} {
		t.Run(path, func(t *testing.T) {
			byCode := map[string]row{}
			for _, r := range taskRows(e.page(c, path)) {
				byCode[r.Code] = r
			}
			for _, code := range []string{"IX.1", "IX.2"} {
				r, ok := byCode[code]
				switch {
				case !ok:
					t.Errorf("dropped %s not listed", code)
				case !strings.HasPrefix(r.HTML, `<tr class="dropped">`) || !strings.Contains(r.HTML, "Đã dừng thực hiện"):
					t.Errorf("dropped %s not marked dropped: %s", code, r.HTML)
				case strings.Contains(r.HTML, "Quá hạn") || strings.Contains(r.HTML, "Sắp đến hạn"):
					t.Errorf("dropped %s shown as overdue or due soon: %s", code, r.HTML)
				}
			}
			if r := byCode["IX.3"]; !strings.Contains(r.HTML, "Quá hạn") || strings.Contains(r.HTML, "Đã dừng") {
				t.Errorf("IX.3, still owed, not shown overdue: %s", r.HTML)
			}
		})
	}
}
