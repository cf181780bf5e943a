package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// readAuditCSV fetches an export and returns its rows after the header.
func (e *env) readAuditCSV(c *http.Client, path string) (header []string, rows [][]string) {
	e.t.Helper()
	resp, body := e.get(c, path)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %d\n%.500s", path, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		e.t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".csv") {
		e.t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(body, "\ufeff") {
		e.t.Fatalf("the export does not start with a byte order mark: %q", body[:min(len(body), 20)])
	}
	all, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil || len(all) == 0 {
		e.t.Fatalf("export is not CSV: %v", err)
	}
	return all[0], all[1:]
}

// TestAuditCSV: the export is UTF-8 with a BOM for spreadsheets, its
// header in the reader's language, one row per field of each entry the
// filter selects, and a typed formula stays text.
func TestAuditCSV(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.notStartedTask()
	pct := 30
	e.recordProgress(financeEmail, task, plan.Progress{Status: plan.StatusInProgress, Percent: &pct, Note: "=HYPERLINK(\"http://x\")"})
	admin := e.login(adminEmail)

	header, rows := e.readAuditCSV(admin, "/audit.csv?entity=progress&from=24/11/2026")
	wantHeader := []string{"Số thay đổi", "Thời điểm", "Người thực hiện", "Thao tác", "Loại bản ghi", "Số bản ghi",
		"Thuộc thay đổi số", "Trường", "Trước", "Sau"}
	if !slices.Equal(header, wantHeader) {
		t.Errorf("header = %q, want %q", header, wantHeader)
	}
	byField := map[string][]string{}
	for _, r := range rows {
		if r[2] != financeEmail || r[3] != "Tạo mới" || r[4] != "Tiến độ" || r[1] != "24/11/2026 10:00" {
			t.Errorf("row of another entry: %q", r)
		}
		byField[r[7]] = r[8:]
	}
	for field, want := range map[string][]string{
		"Tình trạng":           {"Chưa triển khai", "Đang thực hiện"},
		"Tỷ lệ hoàn thành (%)": {"", "30"},
		"Ghi chú":              {"", "'=HYPERLINK(\"http://x\")"},
	} {
		if got := byField[field]; !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", field, got, want)
		}
	}

	enHeader, _ := e.readAuditCSV(e.inLanguage(e.login(adminEmail), "en"), "/audit.csv?entity=progress&from=24/11/2026")
	if want := []string{"Change no.", "When", "Who", "Action", "Kind of record", "Record no.", "Part of change no.",
		"Field", "Before", "After"}; !slices.Equal(enHeader, want) {
		t.Errorf("English header = %q, want %q", enHeader, want)
	}

	// Filters narrow the export as they narrow the page.
	_, none := e.readAuditCSV(admin, "/audit.csv?entity=progress&from=25/11/2026")
	if len(none) != 0 {
		t.Errorf("an empty range exported %d rows", len(none))
	}
	_, agency := e.readAuditCSV(admin, pathf("/audit.csv?entity=agency&entity_id=%d", e.financeID))
	if len(agency) == 0 {
		t.Fatal("no rows for the finance department")
	}
	for _, r := range agency {
		if r[4] != "Cơ quan" || r[5] != pathf("%d", e.financeID) {
			t.Errorf("row of another record: %q", r)
		}
	}
	_, logins := e.readAuditCSV(admin, "/audit.csv?user="+url.QueryEscape(adminEmail))
	if len(logins) == 0 || logins[0][3] != "Đăng nhập" || logins[0][7] != "" {
		t.Errorf("a login is not one row with empty field columns: %q", logins)
	}

	resp, body := e.get(admin, "/audit.csv?from=30/02/2026")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Từ ngày: ngày không hợp lệ") {
		t.Errorf("bad date: %d\n%.300s", resp.StatusCode, text(body))
	}
}

// TestAuditCSVSpansPages: the export holds every entry the filter selects,
// not one page of them.
func TestAuditCSVSpansPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	task := e.notStartedTask()
	u, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	const n = store.MaxPerPage + 3
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		for i := range n {
			p := plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Note: pathf("Ghi chú %d", i)}
			if err := tx.RecordProgress(auth.WithUser(ctx, &u), &p, nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, rows := e.readAuditCSV(e.login(adminEmail), "/audit.csv?user="+url.QueryEscape(financeEmail))
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r[0]] = true
	}
	if len(ids) != n {
		t.Errorf("the export holds %d entries, want %d", len(ids), n)
	}
}
