package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	hmail "github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/smtptest"
	"github.com/hoptac/hoptac/internal/store"
)

// TestProposalDecisionNotifiesProposer: once the coordinator rejects a
// proposal, its officer finds a notification on its pages and, through
// the outbox, an e-mail with the Vietnamese subject and the comment,
// received by the in-process SMTP server. Deciding again is refused and
// queues nothing; the worker running again sends nothing twice; another
// agency's officer is told nothing.
func TestProposalDecisionNotifiesProposer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	officer, coord := e.login(financeEmail), e.login(coordinatorEmail)
	task := e.ledByFinance()
	resp, _ := e.postForm(officer, fmt.Sprintf("/tasks/%d/proposals", task.ID),
		url.Values{"p_timeframe": {"Năm 2027"}, "p_reason": {"Chưa bố trí được vốn"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("proposal: %d", resp.StatusCode)
	}
	m := proposalIDRE.FindStringSubmatch(e.page(coord, "/proposals?state=pending"))
	if m == nil {
		t.Fatal("no pending proposal")
	}
	notices := func(email string) int {
		return e.count(`SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.email = ? AND n.msg_key LIKE 'notice.proposal_%'`, email)
	}
	outbox := func() int { return e.count(`SELECT COUNT(*) FROM mail_outbox WHERE kind = 'proposal'`) }
	if notices(financeEmail) != 0 || outbox() != 0 {
		t.Fatal("told before the decision")
	}
	if resp, _ := e.postForm(coord, "/proposals/"+m[1]+"/reject", url.Values{"comment": {"Cần tiếp tục thực hiện trong năm"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", resp.StatusCode)
	}
	if notices(financeEmail) != 1 || outbox() != 1 {
		t.Fatalf("after the decision: %d notifications, %d e-mails queued; want 1 and 1", notices(financeEmail), outbox())
	}
	if notices(agricultureEmail) != 0 {
		t.Error("another agency's officer was notified")
	}
	want := "Đề xuất điều chỉnh nhiệm vụ " + task.Code + " không được chấp nhận"
	if page := e.page(officer, "/notifications"); !strings.Contains(page, want) {
		t.Errorf("the officer's notifications lack %q", want)
	}
	if resp, _ := e.postForm(coord, "/proposals/"+m[1]+"/reject", url.Values{"comment": {"Lần nữa"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("deciding twice: %d, want 409", resp.StatusCode)
	}
	if notices(financeEmail) != 1 || outbox() != 1 {
		t.Errorf("deciding twice told the officer again: %d notifications, %d e-mails", notices(financeEmail), outbox())
	}

	d := smtptest.Start(t)
	w := hmail.NewWorker(e.db, func(string) string { return "" }, nil)
	w.Config = func(context.Context) (hmail.Config, error) {
		return hmail.Config{Host: d.Host, Port: d.Port, TLS: store.TLSNone, From: "hoptac@example.org"}, nil
	}
	for range 2 {
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := d.Await(t, financeEmail, 5*time.Second)
	if !strings.HasPrefix(got.Subject, want) || !strings.Contains(got.Body, "Cần tiếp tục thực hiện trong năm") {
		t.Errorf("e-mail %q\n%s", got.Subject, got.Body)
	}
	if n := len(d.Messages()); n != 1 {
		t.Errorf("%d e-mails sent, want 1", n)
	}
}
