package report

import (
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// State is where an agency's report stands.
type State string

const (
	Draft       State = "draft"
	Submitted   State = "submitted"
	Returned    State = "returned" // sent back with a comment, to be corrected
	Resubmitted State = "resubmitted"
	Accepted    State = "accepted" // locked until a coordinator reopens it
)

// States lists every state in the order of the cycle.
func States() []State { return []State{Draft, Submitted, Returned, Resubmitted, Accepted} }

// Action moves a report from one state to another.
type Action string

const (
	Open   Action = "open"   // the agency's draft is made, prefilled
	Submit Action = "submit" // the agency sends its report (again)
	Return Action = "return" // the coordinator sends it back with a comment
	Accept Action = "accept"
	Reopen Action = "reopen" // the coordinator unlocks an accepted report, with a reason
)

// Editable reports whether the agency may still change its report.
func (s State) Editable() bool { return s == Draft || s == Returned }

// Sent reports whether the report has reached the coordinator at least
// once and not been withdrawn: what the reporting rate counts.
func (s State) Sent() bool {
	return s == Submitted || s == Returned || s == Resubmitted || s == Accepted
}

// Next returns the state action leads to from s. Returning and reopening
// need a comment, which is kept in the report's history; an action that
// does not apply to s is a conflict.
func Next(s State, a Action, comment string) (State, error) {
	needsComment := func(to State) (State, error) {
		if strings.TrimSpace(comment) == "" {
			return s, apperr.FieldErrors{"comment": "error.field.required"}.Err()
		}
		return to, nil
	}
	switch {
	case a == Submit && s == Draft:
		return Submitted, nil
	case a == Submit && s == Returned:
		return Resubmitted, nil
	case a == Return && (s == Submitted || s == Resubmitted):
		return needsComment(Returned)
	case a == Accept && (s == Submitted || s == Resubmitted):
		return Accepted, nil
	case a == Reopen && s == Accepted:
		return needsComment(Returned)
	}
	return s, apperr.New(apperr.Conflict, "error.report.transition")
}

// IsLate reports whether a report sent at submitted is late for due: sent
// after the due day ended, in the province's time zone. Late reports are
// accepted and marked.
func IsLate(submitted, due time.Time) bool {
	local := submitted.In(Zone())
	return Day(local).After(Day(due))
}

// Zone is Vietnam's time zone (UTC+7, no daylight saving), in which a due
// day begins and ends.
func Zone() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}
