package proposal

import (
	"strconv"

	"github.com/hoptac/hoptac/internal/i18n"
)

// Notice is what the proposing officer is told once a proposal is
// decided: a notification on its pages (a key with arguments, shown in
// the reader's language) and an e-mail in Vietnamese. DedupeKey names the
// e-mail, so deciding, retried or replayed, never sends it twice.
type Notice struct {
	Key       string
	Args      []string
	Subject   string
	Body      string
	Link      string
	DedupeKey string
}

// DecidedNotice tells p's proposer how p was decided, with the
// coordinator's comment.
func DecidedNotice(p Proposal, userID int64) Notice {
	key := "notice.proposal_rejected"
	if p.State == Accepted {
		key = "notice.proposal_accepted"
	}
	comment := p.Comment
	if comment == "" {
		comment = "—"
	}
	b := i18n.Default()
	n := Notice{Key: key, Args: []string{p.TaskCode, p.DecidedName}, Link: "/proposals",
		DedupeKey: "proposal-decided:" + strconv.FormatInt(p.ID, 10) + ":user-" + strconv.FormatInt(userID, 10)}
	n.Subject = b.T(i18n.Vietnamese, key, p.TaskCode, p.DecidedName)
	n.Body = b.T(i18n.Vietnamese, key+"_body", p.TaskCode, p.DecidedName, comment)
	return n
}
