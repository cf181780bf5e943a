// Package proposal holds the rules of an adjustment proposal (đề xuất điều
// chỉnh): an agency asks the coordinator to change a task it leads (a new
// timeframe, other lead agencies, new content, or dropping it) and says
// why; the coordinator accepts or rejects it with a comment. An accepted
// proposal changes the task as the coordinator's own edit would.
package proposal

import (
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// State is where a proposal stands.
type State string

const (
	Pending  State = "pending"
	Accepted State = "accepted"
	Rejected State = "rejected"
)

// Valid reports whether s is a known state, for values read back from a
// request or the database.
func (s State) Valid() bool { return s == Pending || s == Accepted || s == Rejected }

// Proposal is one adjustment proposal. A nil field asks for no change.
type Proposal struct {
	ID          int64      `json:"id"`
	TaskID      int64      `json:"task_id"`
	TaskCode    string     `json:"task_code"`
	PlanID      int64      `json:"plan_id"`
	AgencyID    int64      `json:"agency_id"`
	AgencyName  string     `json:"agency_name"`
	UserName    string     `json:"user_name"`
	Content     *string    `json:"content"`
	Timeframe   *string    `json:"timeframe"`
	Lead        []int64    `json:"lead"`
	LeadNames   []string   `json:"lead_names"` // the agencies of Lead, by name
	Drop        bool       `json:"drop"`
	Reason      string     `json:"reason"`
	State       State      `json:"state"`
	DecidedName string     `json:"decided_by"`
	DecidedAt   *time.Time `json:"decided_at"`
	Comment     string     `json:"comment"`
	CreatedAt   time.Time  `json:"created_at"`
}

// Normalize cleans the proposal's text; a field typed empty asks for no
// change.
func (p *Proposal) Normalize() {
	for _, f := range []**string{&p.Content, &p.Timeframe} {
		if *f == nil {
			continue
		}
		s := strings.TrimSpace(vntext.Normalize(**f))
		if s == "" {
			*f = nil
		} else {
			*f = &s
		}
	}
	if p.Lead != nil && len(p.Lead) == 0 {
		p.Lead = nil
	}
	p.Reason = strings.TrimSpace(vntext.Normalize(p.Reason))
}

// Validate checks a new proposal: it asks for something, and says why.
func (p *Proposal) Validate() error {
	fe := apperr.FieldErrors{}
	if p.Content == nil && p.Timeframe == nil && p.Lead == nil && !p.Drop {
		fe.Add("content", "error.field.proposal_empty")
	}
	if p.Reason == "" {
		fe.Add("reason", "error.field.reason_required")
	}
	return fe.Err()
}

// Edit is the change an accepted proposal makes to its task; decision is
// what the coordinator names as the decision that accepts a drop.
func (p *Proposal) Edit(decision string) plan.TaskEdit {
	e := plan.TaskEdit{Content: p.Content, Timeframe: p.Timeframe, Lead: slices.Clone(p.Lead), Drop: p.Drop,
		Decision: decision, Reason: p.Reason}
	return e
}

// CanPropose reports whether u may propose an adjustment to a task whose
// lead agencies (with their successors) are given: an officer of one of
// them. Supporting agencies and other roles may not; the coordinator edits.
func CanPropose(u *auth.User, lead []int64) bool {
	return auth.CanRead(u) && u.Role == auth.RoleAgency && u.AgencyID != nil && slices.Contains(lead, *u.AgencyID)
}

// CanDecide reports whether u may accept or reject proposals: the
// coordinator and the administrator.
func CanDecide(u *auth.User) bool {
	return auth.CanRead(u) && (u.Role == auth.RoleAdmin || u.Role == auth.RoleCoordinator)
}

// CanList reports whether u may read proposals at all, and AgencyScope
// which agency's alone (0: all). A cooperative has no part in them.
func CanList(u *auth.User) bool { return auth.CanRead(u) && u.Role != auth.RoleCoop }

// AgencyScope is the agency whose proposals u sees: its own for an
// officer, every agency's (0) for the others that may list them.
func AgencyScope(u *auth.User) int64 {
	if u.Role == auth.RoleAgency {
		if u.AgencyID == nil {
			return -1 // an officer without an agency sees none
		}
		return *u.AgencyID
	}
	return 0
}

// CanEditTasks reports whether u may edit, add and drop tasks directly.
func CanEditTasks(u *auth.User) bool { return CanDecide(u) }

// States lists every state of a proposal.
func States() []State { return []State{Pending, Accepted, Rejected} }
