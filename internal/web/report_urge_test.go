package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/audit"
)

// TestUrgeReportRefusesBadInput: a wrong agency, a message too long and a
// wrong period are refused, naming what is wrong, and queue nothing.
func TestUrgeReportRefusesBadInput(t *testing.T) {
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	path := pathf("/plans/%d/reports/urge", e.planID)
	agency := pathf("%d", e.financeID)
	tests := []struct {
		name   string
		form   url.Values
		status int
		says   string
	}{
		{"no agency", url.Values{"period": {"2026"}}, http.StatusBadRequest, "Chưa chọn cơ quan cần đôn đốc."},
		{"message too long", url.Values{"period": {"2026"}, "agency": {agency}, "message": {strings.Repeat("ạ", 1001)}},
			http.StatusBadRequest, "Lời nhắn đôn đốc dài quá 1000 ký tự"},
		{"bad period", url.Values{"period": {"2026-Q9"}, "agency": {agency}}, http.StatusBadRequest, "Kỳ báo cáo cần đôn đốc không hợp lệ."},
		{"other frequency", url.Values{"period": {"2026-Q4"}, "agency": {agency}}, http.StatusNotFound, ""},
		{"unexpected agency", url.Values{"period": {"2026"}, "agency": {"987654"}}, http.StatusNotFound,
			"Kỳ này không chờ báo cáo của cơ quan đó."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := e.with(t).postForm(coord, path, tc.form)
			if resp.StatusCode != tc.status || !strings.Contains(body, tc.says) {
				i := strings.Index(body, "<main")
				t.Errorf("status %d, want %d saying %q\n%.600s", resp.StatusCode, tc.status, tc.says, body[max(i, 0):])
			}
		})
	}
	var n int
	if err := e.db.SQL().QueryRow(`SELECT COUNT(*) FROM mail_outbox`).Scan(&n); err != nil || n != 0 {
		t.Errorf("refused urges queued %d messages (%v)", n, err)
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'urge'`); n != 0 {
		t.Errorf("refused urges left %d entries in the audit log", n)
	}
}

// TestUrgeReportIsAudited: an urge sent by hand is in the audit log under
// its plan, naming the coordinator who sent it, the agency, the period and
// the message; each press is an entry of its own.
func TestUrgeReportIsAudited(t *testing.T) {
	e := newEnv(t)
	coord := e.login(coordinatorEmail)
	path := pathf("/plans/%d/reports/urge", e.planID)
	form := url.Values{"period": {"2026"}, "agency": {pathf("%d", e.financeID)}, "message": {"Đề nghị gửi báo cáo trước ngày 15"}}
	for range 2 {
		if resp, _ := e.postForm(coord, path, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("urge: status %d, want the tracking page", resp.StatusCode)
		}
	}
	entries, _, err := e.db.ListAudit(context.Background(), audit.Filter{Entity: "plan", EntityID: e.planID, PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	var urges []audit.Entry
	for _, en := range entries {
		if en.Action == "urge" {
			urges = append(urges, en)
		}
	}
	if len(urges) != 2 {
		t.Fatalf("%d urge entries for two presses, want 2", len(urges))
	}
	after := string(urges[0].After)
	for _, want := range []string{`"period":"2026"`, pathf(`"agency_id":%d`, e.financeID), `"agency":"Sở Tài chính"`,
		`"message":"Đề nghị gửi báo cáo trước ngày 15"`, `"officers":`} {
		if !strings.Contains(after, want) {
			t.Errorf("entry lacks %s: %s", want, after)
		}
	}
	if urges[0].UserName != coordinatorEmail {
		t.Errorf("urge logged as %q, want the coordinator %q", urges[0].UserName, coordinatorEmail)
	}
}

// TestUrgeColumn: the coordinator sees the urge column and buttons; a
// leader sees the column without buttons; an officer sees neither.
func TestUrgeColumn(t *testing.T) {
	e := newEnv(t)
	page := pathf("/plans/%d/reports?period=2026", e.planID)
	for _, tc := range []struct {
		email          string
		column, button bool
	}{
		{coordinatorEmail, true, true},
		{viewerEmail, true, false},
		{financeEmail, false, false},
	} {
		body := e.page(e.login(tc.email), page)
		if got := strings.Contains(body, `<th scope="col">Đôn đốc</th>`); got != tc.column {
			t.Errorf("%s: urge column %v, want %v", tc.email, got, tc.column)
		}
		if got := strings.Contains(body, `action="/plans/`) && strings.Contains(body, `/reports/urge"`); got != tc.button {
			t.Errorf("%s: urge button %v, want %v", tc.email, got, tc.button)
		}
	}
}
