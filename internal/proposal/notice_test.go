package proposal

import (
	"strings"
	"testing"
)

// TestDecidedNotice: the proposer reads whether its proposal was accepted
// or rejected, on which task, by whom and with what comment; the e-mail's
// key names the proposal and the officer, so it is queued once.
func TestDecidedNotice(t *testing.T) {
	for _, tc := range []struct {
		state          State
		comment        string
		key, subject   string
		bodyHasComment string
	}{
		{Accepted, "Đồng ý", "notice.proposal_accepted", "Đề xuất điều chỉnh nhiệm vụ II.2 đã được chấp nhận (Nguyễn Văn A)", "Đồng ý"},
		{Rejected, "", "notice.proposal_rejected", "Đề xuất điều chỉnh nhiệm vụ II.2 không được chấp nhận (Nguyễn Văn A)", "—"},
	} {
		t.Run(string(tc.state), func(t *testing.T) {
			n := DecidedNotice(Proposal{ID: 7, TaskCode: "II.2", State: tc.state, DecidedName: "Nguyễn Văn A", Comment: tc.comment}, 12)
			if n.Key != tc.key || n.Subject != tc.subject || n.DedupeKey != "proposal-decided:7:user-12" || n.Link != "/proposals" {
				t.Errorf("notice %+v", n)
			}
			if !strings.Contains(n.Body, "Ý kiến của cơ quan đầu mối: "+tc.bodyHasComment) {
				t.Errorf("body lacks the comment:\n%s", n.Body)
			}
		})
	}
}
