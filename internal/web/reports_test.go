package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReportsPage: the tracking page of the demo plan's year lists every
// expected report, marks the missing ones, and shows the rates; Sở Tài
// chính's report, sent late, moves the reporting rate but not the on-time
// rate; its officer sees only its own row.
func TestReportsPage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	coord := e.login(coordinatorEmail)
	body := e.page(coord, pathf("/plans/%d/reports", e.planID)) // today: 24/11/2026, in the 2026 window
	for _, want := range []string{`<option value="2026" selected>`, "Sở Tài chính", "Sở Nông nghiệp và Môi trường",
		`id="reporting-rate">0% (0/12)`, `id="missing">12<`, "15/12/2025", "14/12/2026", "Chưa gửi"} {
		if !strings.Contains(body, want) {
			t.Errorf("tracking page lacks %q", want)
		}
	}
	if strings.Contains(body, ">Sở Kế hoạch và Đầu tư<") {
		t.Error("the merged-away department is expected in 2026")
	}
	officer, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	err = e.db.Update(ctx, func(tx *store.Tx) error {
		tx.SetClock(fixedNow.AddDate(0, 0, 30)) // 24/12/2026, after the due day 15/12
		uctx := auth.WithUser(ctx, &officer)
		s, err := tx.OpenSubmission(uctx, e.planID, "2026", e.financeID)
		if err != nil {
			return err
		}
		_, err = tx.ActOnSubmission(uctx, s.ID, report.Submit, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	body = e.page(coord, pathf("/plans/%d/reports?period=2026", e.planID))
	for _, want := range []string{`id="reporting-rate">8,3% (1/12)`, `id="on-time-rate">0% (0/12)`, "Chậm hạn", "Đã gửi"} {
		if !strings.Contains(body, want) {
			t.Errorf("after a late report, the page lacks %q", want)
		}
	}
	mine := e.page(e.login(financeEmail), pathf("/plans/%d/reports?period=2026", e.planID))
	if !strings.Contains(mine, "Sở Tài chính") || strings.Contains(mine, "Sở Công Thương") {
		t.Error("the officer's page shows other agencies' rows, or not its own")
	}
	for _, bad := range []string{"2026-Q1", "abc"} {
		if resp, _ := e.get(coord, pathf("/plans/%d/reports?period=%s", e.planID, bad)); resp.StatusCode == http.StatusOK {
			t.Errorf("period %s answered 200", bad)
		}
	}
	if resp, _ := e.get(coord, "/plans/999999/reports"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown plan: %d", resp.StatusCode)
	}
}
