package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReportStatus: `hoptac report status` prints every expected report
// of the demo plan's year with its state and the rates; with --json,
// only JSON.
func TestReportStatus(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	db, loaded := demoDB(t, dbPath)
	finance, err := db.AgencyByName(ctx, "Sở Tài chính")
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *store.Tx) error {
		s, err := tx.OpenSubmission(ctx, loaded.PlanID, "2026", finance.ID)
		if err != nil {
			return err
		}
		_, err = tx.ActOnSubmission(ctx, s.ID, report.Submit, "")
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOPTAC_DB": dbPath, "HOPTAC_LANG": "vi"}
	plan := fmt.Sprint(loaded.PlanID)

	code, out, errOut := run(t, "", env, "report", "status", "--plan", plan, "--period", "2026")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, want := range []string{"kỳ 2026: số liệu từ 15/12/2025 đến 14/12/2026", "Sở Tài chính", "Đã gửi", "Chưa gửi",
		"Tỷ lệ báo cáo 8,3% (1/12)", "chưa nộp 11."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = run(t, "", map[string]string{"HOPTAC_DB": dbPath, "HOPTAC_LANG": "en"}, "report", "status", "--plan", plan, "--period", "2026")
	if code != 0 || !strings.Contains(out, "Reporting rate 8.3% (1/12)") || !strings.Contains(out, "Submitted") {
		t.Errorf("English: code %d %s\n%s", code, errOut, out)
	}

	code, out, errOut = run(t, "", env, "report", "status", "--plan", plan, "--period", "2026", "--json")
	if code != 0 {
		t.Fatalf("--json: code %d: %s", code, errOut)
	}
	var got struct {
		Period        string            `json:"period"`
		Rows          []store.StatusRow `json:"rows"`
		ReportingRate float64           `json:"reporting_rate"`
		Missing       int               `json:"missing"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json printed more than JSON: %v\n%s", err, out)
	}
	if got.Period != "2026" || len(got.Rows) != 12 || got.Missing != 11 || got.ReportingRate < 8.3 || got.ReportingRate > 8.4 {
		t.Errorf("JSON %+v", got)
	}

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no plan", []string{"report", "status", "--period", "2026"}, "Cách dùng: hoptac report status"},
		{"no subcommand", []string{"report"}, "Cách dùng: hoptac report status"},
		{"bad period", []string{"report", "status", "--plan", plan, "--period", "2026-Q9"}, "Kỳ báo cáo không hợp lệ"},
		{"no schedule", []string{"report", "status", "--plan", plan, "--period", "2026-M01"}, "chưa có lịch báo cáo"},
		{"unknown plan", []string{"report", "status", "--plan", "99999", "--period", "2026"}, "Không tìm thấy"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, "", env, tt.args...)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
		})
	}
}
