package plan

import (
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Drop records that a task was dropped and by which decision
// ("Quyết định số 12/QĐ-UBND"); the task keeps its history.
type Drop struct {
	On       time.Time `json:"on"`
	Decision string    `json:"decision"`
}

// TaskEdit is a change to a task after its import: by the coordinator
// directly, or by accepting an agency's proposal. A nil field is left as
// it is.
type TaskEdit struct {
	// Rev is the revision the editor saw; nil skips the check (an
	// accepted proposal, which the coordinator decides on its own).
	Rev       *int64
	Content   *string
	Timeframe *string // as written; parsed with the plan's year
	Lead      []int64 // nil: unchanged
	Support   []int64 // nil: unchanged; an empty, non-nil slice clears
	Drop      bool
	Decision  string // required to drop
	Reason    string // why, kept in the history
}

// Normalize cleans the edit's text.
func (e *TaskEdit) Normalize() {
	if e.Content != nil {
		c := strings.TrimSpace(vntext.Normalize(*e.Content))
		e.Content = &c
	}
	if e.Timeframe != nil {
		tf := vntext.Clean(*e.Timeframe)
		e.Timeframe = &tf
	}
	e.Decision = vntext.Clean(e.Decision)
	e.Reason = strings.TrimSpace(vntext.Normalize(e.Reason))
}

// Empty reports whether the edit changes nothing.
func (e *TaskEdit) Empty() bool {
	return e.Content == nil && e.Timeframe == nil && e.Lead == nil && e.Support == nil && !e.Drop
}

// Validate checks the edit on its own: content and timeframe not blanked,
// at least one lead agency, none both lead and supporting, a decision for
// a drop, and something to change.
func (e *TaskEdit) Validate() error {
	fe := apperr.FieldErrors{}
	if e.Empty() {
		fe.Add("content", "error.field.edit_empty")
	}
	if e.Content != nil && *e.Content == "" {
		fe.Add("content", "error.field.required")
	}
	if e.Timeframe != nil && *e.Timeframe == "" {
		fe.Add("timeframe", "error.field.required")
	}
	if e.Lead != nil && len(e.Lead) == 0 {
		fe.Add("lead", "error.field.lead_required")
	}
	if e.Drop && e.Decision == "" {
		fe.Add("decision", "error.field.drop_decision")
	}
	return fe.Err()
}

// CheckAgencies checks a task's agencies as an edit leaves them: at least
// one lead, and no agency both leading and supporting.
func CheckAgencies(lead, support []int64) error {
	fe := apperr.FieldErrors{}
	if len(lead) == 0 {
		fe.Add("lead", "error.field.lead_required")
	}
	for _, id := range support {
		if slices.Contains(lead, id) {
			fe.Add("support", "error.field.support_is_lead")
			break
		}
	}
	return fe.Err()
}

// TaskState is what a task's history records of it before and after a
// change: the text as shown, agencies by name as they were then.
type TaskState struct {
	Content   string   `json:"content"`
	Timeframe string   `json:"timeframe"`
	Lead      []string `json:"lead"`
	Support   []string `json:"support"`
	Dropped   bool     `json:"dropped"`
	Decision  string   `json:"decision,omitempty"`
}

// Revision is one change in a task's history after import.
type Revision struct {
	ID         int64      `json:"id"`
	TaskID     int64      `json:"task_id"`
	Action     string     `json:"action"` // "create", "edit", "drop", "proposal"
	Before     *TaskState `json:"before"` // nil for a task added after import
	After      TaskState  `json:"after"`
	Reason     string     `json:"reason"`
	ProposalID *int64     `json:"proposal_id"`
	UserName   string     `json:"user_name"`
	At         time.Time  `json:"at"`
}

// The actions a task's history records.
const (
	RevisionCreate   = "create"   // added after import
	RevisionEdit     = "edit"     // edited by the coordinator
	RevisionDrop     = "drop"     // dropped by the coordinator
	RevisionProposal = "proposal" // changed by an accepted proposal
)

// RevisionActions lists every action a task's history records.
func RevisionActions() []string {
	return []string{RevisionCreate, RevisionEdit, RevisionDrop, RevisionProposal}
}
