package web_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/store"
)

var unreadRE = regexp.MustCompile(`<span class="badge" id="unread"[^>]*>(\d+)</span>`)

// unread is the count in the page header, 0 when there is no badge.
func unread(body string) int {
	m := unreadRE.FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return -1 // no count a user could read: the caller's comparison fails
	}
	return n
}

// Notifications are each user's own: listed translated, counted in every
// page's header (also on pages whose content is cached), and marked read
// one by one or all at once; another user's cannot be touched.
func TestNotificationsPageAndHeaderCount(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	fin, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		for _, n := range []store.Notification{
			{UserID: fin.ID, Key: "mail.overridden", Args: []string{"HOPTAC_SMTP_HOST"}, Link: "/my"},
			{UserID: fin.ID, Text: "Đề nghị gửi báo cáo quý IV trước ngày 30/12.", Link: "https://ngoai.example/lua-dao"},
		} {
			id, err := tx.Notify(ctx, n)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	finance, viewer := e.login(financeEmail), e.login(viewerEmail)
	planPage := fmt.Sprintf("/plans/%d", e.planID)
	if n := unread(e.page(finance, planPage)); n != 2 {
		t.Errorf("finance's header: %d unread, want 2", n)
	}
	if n := unread(e.page(viewer, planPage)); n != 0 {
		t.Errorf("viewer's header: %d unread, want none", n)
	}
	page := e.page(finance, "/notifications")
	for _, want := range []string{`<a href="/my">Biến môi trường HOPTAC_SMTP_HOST đang ghi đè giá trị này.</a>`, "Đề nghị gửi báo cáo quý IV trước ngày 30/12."} {
		if !strings.Contains(page, want) {
			t.Errorf("notifications page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "ngoai.example") {
		t.Error("a link off the site is shown as a link")
	}
	if p := e.page(viewer, "/notifications"); strings.Contains(p, "Đề nghị gửi báo cáo") {
		t.Error("the viewer sees finance's notifications")
	}
	// The viewer marking finance's notification changes nothing.
	if resp, _ := e.postForm(viewer, fmt.Sprintf("/notifications/%d/read", ids[0]), nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("viewer's mark: %d", resp.StatusCode)
	}
	if n := unread(e.page(finance, planPage)); n != 2 {
		t.Errorf("after another user's mark: %d unread, want 2", n)
	}
	e.postForm(finance, fmt.Sprintf("/notifications/%d/read", ids[0]), nil)
	if n := unread(e.page(finance, planPage)); n != 1 {
		t.Errorf("after marking one: %d unread, want 1", n)
	}
	e.postForm(finance, "/notifications/read", nil)
	if body := e.page(finance, planPage); unread(body) != 0 || strings.Contains(body, `id="unread"`) {
		t.Errorf("after marking all: badge still shown")
	}
}
