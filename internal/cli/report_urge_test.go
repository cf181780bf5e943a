package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// urgeDB is a demo database whose plan reports quarterly, 2026-Q4 due on
// 20/12/2026.
func urgeDB(t *testing.T) (path string, planID int64) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "cli.db")
	db, loaded := demoDB(t, path)
	defer db.Close()
	if _, err := db.SQL().ExecContext(ctx, `DELETE FROM reporting_schedules`); err != nil {
		t.Fatal(err)
	}
	s := report.NewSchedule(report.Quarterly)
	s.PlanID = loaded.PlanID
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateSchedule(ctx, &s) }); err != nil {
		t.Fatal(err)
	}
	return path, loaded.PlanID
}

func outboxCount(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM mail_outbox`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReportUrge: a dry run prints the due urges and writes nothing; a
// run queues them; a second run queues nothing more.
func TestReportUrge(t *testing.T) {
	path, planID := urgeDB(t)
	env := map[string]string{"HOPTAC_DB": path, "HOPTAC_LANG": "vi"}
	plan := fmt.Sprint(planID)
	code, out, errOut := run(t, "", env, "report", "urge", "--plan", plan, "--dry-run", "--today", "2026-12-15")
	if code != 0 {
		t.Fatalf("dry run: code %d: %s", code, errOut)
	}
	for _, want := range []string{"Chạy thử:", "urge:" + plan + ":2026-Q4:", ":before", "Nhắc gửi báo cáo: "} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if n := outboxCount(t, path); n != 0 {
		t.Fatalf("dry run queued %d messages", n)
	}
	code, out, errOut = run(t, "", env, "report", "urge", "--today", "2026-12-15")
	if code != 0 {
		t.Fatalf("run: code %d: %s", code, errOut)
	}
	queued := outboxCount(t, path)
	if queued == 0 || !strings.Contains(out, fmt.Sprintf("đã xếp %d thư mới", queued)) || !strings.Contains(out, "Hộp thư đi: ") {
		t.Errorf("run: %d queued, output:\n%s", queued, out)
	}
	code, out, _ = run(t, "", env, "report", "urge", "--today", "2026-12-15")
	if code != 0 || outboxCount(t, path) != queued || !strings.Contains(out, "đã xếp 0 thư mới") {
		t.Errorf("second run: code %d, %d messages, want %d:\n%s", code, outboxCount(t, path), queued, out)
	}
	if code, _, errOut := run(t, "", env, "report", "urge", "--today", "15/12/2026"); code == 0 || !strings.Contains(errOut, "--today") {
		t.Errorf("bad --today: code %d, %s", code, errOut)
	}
}
