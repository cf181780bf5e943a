package mail_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

func hoptac(db *store.DB, c apptest.Config) (apptest.Server, error) {
	return server.New(db, server.Config{Now: c.Now, Log: c.Log})
}

// TestUrgeButtonReachesTheInbox: the coordinator presses "Đôn đốc" on the
// finance department's missing report with a message; the department's
// officer receives the e-mail with its Vietnamese subject intact, and the
// tracking page counts the urge. An officer may not urge.
func TestUrgeButtonReachesTheInbox(t *testing.T) {
	d, cfg := startSMTP(t)
	app := apptest.Start(t, hoptac)
	finance := app.AgencyID("Sở Tài chính")
	coord := app.Login(apptest.CoordinatorEmail)
	page := fmt.Sprintf("/plans/%d/reports?period=2026", app.PlanID)
	if body := app.Page(coord, page); !strings.Contains(body, fmt.Sprintf(`name="agency" value="%d"`, finance)) {
		t.Fatalf("no urge button for Sở Tài chính on the tracking page")
	}
	form := url.Values{"period": {"2026"}, "agency": {fmt.Sprint(finance)}, "message": {"Đề nghị gửi trước thứ Sáu."}}
	path := fmt.Sprintf("/plans/%d/reports/urge", app.PlanID)
	officer := app.Login(apptest.OfficerEmail)
	if resp, _ := app.PostForm(officer, path, form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an officer urging: %d, want 403", resp.StatusCode)
	}
	resp, body := app.PostForm(coord, path, form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page {
		t.Fatalf("urge: %d to %q, want 303 to %s\n%.400s", resp.StatusCode, resp.Header.Get("Location"), page, body)
	}
	after := app.Page(coord, page)
	for _, want := range []string{"Đã gửi đôn đốc đến các cán bộ của cơ quan.", "Đã đôn đốc 1 lần"} {
		if !strings.Contains(after, want) {
			t.Errorf("tracking page after the urge lacks %q", want)
		}
	}
	if res, err := newWorker(app.DB, cfg).Drain(context.Background()); err != nil || res.Sent != 1 {
		t.Fatalf("drain: %+v, %v; want the one urge sent", res, err)
	}
	got := d.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages received, want 1", len(got))
	}
	m := decode(t, got[0].Data)
	if m.To != apptest.OfficerEmail && !strings.Contains(m.To, apptest.OfficerEmail) {
		t.Errorf("To %q, want %s", m.To, apptest.OfficerEmail)
	}
	if !strings.HasPrefix(m.Subject, "Đôn đốc gửi báo cáo: ") || !strings.HasSuffix(m.Subject, ", kỳ 2026, hạn 15/12/2026") {
		t.Errorf("subject %q", m.Subject)
	}
	for _, want := range []string{"Đề nghị gửi trước thứ Sáu.", app.URL + page} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Body)
		}
	}
	// A report already sent needs no urge; a period that does not expect
	// the agency is refused.
	bad := url.Values{"period": {"2026"}, "agency": {"999999"}}
	if resp, _ := app.PostForm(coord, path, bad); resp.StatusCode != http.StatusNotFound {
		t.Errorf("urging an agency not expected: %d, want 404", resp.StatusCode)
	}
	ctx := context.Background()
	err := app.DB.Update(ctx, func(tx *store.Tx) error {
		s, err := tx.OpenSubmission(ctx, app.PlanID, "2026", finance)
		if err != nil {
			return err
		}
		_, err = tx.ActOnSubmission(ctx, s.ID, report.Submit, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := app.PostForm(coord, path, form); resp.StatusCode != http.StatusConflict {
		t.Errorf("urging a sent report: %d, want 409", resp.StatusCode)
	}
	if body := app.Page(coord, page); strings.Contains(body, fmt.Sprintf(`name="agency" value="%d"`, finance)) {
		t.Errorf("the urge button stays on a sent report's row")
	}
}
