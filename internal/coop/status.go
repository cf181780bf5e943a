package coop

import (
	"slices"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// StatusKind is where an organisation stands.
type StatusKind string

const (
	StatusActive    StatusKind = "active"
	StatusSuspended StatusKind = "suspended" // tạm ngừng hoạt động, from/to
	StatusDissolved StatusKind = "dissolved" // giải thể
	StatusMerged    StatusKind = "merged"    // sáp nhập, hợp nhất vào tổ chức khác
	StatusBankrupt  StatusKind = "bankrupt"  // phá sản
	StatusRevoked   StatusKind = "revoked"   // bị thu hồi giấy chứng nhận đăng ký
)

// StatusKinds lists every status in the order the UI offers them.
func StatusKinds() []StatusKind {
	return []StatusKind{StatusActive, StatusSuspended, StatusDissolved, StatusMerged, StatusBankrupt, StatusRevoked}
}

// Valid reports whether s is a known status.
func (s StatusKind) Valid() bool { return slices.Contains(StatusKinds(), s) }

// MaxDocumentLen bounds the deciding document's reference.
const MaxDocumentLen = 300

// Status is one entry of an organisation's status history: what changed,
// on which day, and the document that decided it (a decision's number and
// date, as written).
type Status struct {
	ID             int64      `json:"id"`
	OrganisationID int64      `json:"organisation_id"`
	Kind           StatusKind `json:"kind"`
	On             time.Time  `json:"on"`
	Until          *time.Time `json:"until"`       // the end of a suspension, when known
	MergedInto     *int64     `json:"merged_into"` // the organisation a merged one joined
	Document       string     `json:"document"`
	Note           string     `json:"note"`
}

// Normalize passes the text fields through the input boundary.
func (s *Status) Normalize() {
	s.Document = line(s.Document)
	s.Note = line(s.Note)
}

// Validate checks an entry: a known status with its day, an end only for a
// suspension and after its start, a target only (and always) for a merger.
func (s *Status) Validate() error {
	fe := apperr.FieldErrors{}
	if !s.Kind.Valid() {
		fe.Add("kind", "error.field.coop_status")
	}
	if s.On.IsZero() {
		fe.Add("on", "error.field.required")
	}
	if s.Until != nil {
		if s.Kind != StatusSuspended {
			fe.Add("until", "error.field.until_only_suspended")
		} else if !s.On.IsZero() && s.Until.Before(s.On) {
			fe.Add("until", "error.field.valid_to_before_from")
		}
	}
	switch {
	case s.Kind == StatusMerged && s.MergedInto == nil:
		fe.Add("merged_into", "error.field.required")
	case s.Kind != StatusMerged && s.MergedInto != nil:
		fe.Add("merged_into", "error.field.merged_into_only_merged")
	case s.MergedInto != nil && *s.MergedInto == s.OrganisationID:
		fe.Add("merged_into", "error.field.merged_into_self")
	}
	if vntext.Check(s.Document) != nil {
		fe.Add("document", "error.field.forbidden_chars")
	} else if utf8.RuneCountInString(s.Document) > MaxDocumentLen {
		fe.Add("document", "error.field.too_long")
	}
	if vntext.Check(s.Note) != nil {
		fe.Add("note", "error.field.forbidden_chars")
	}
	return fe.Err()
}

// Current is the status the history ends in: the entry with the latest
// day, the later-recorded one on a tie; active when there is none.
func Current(history []Status) StatusKind {
	var cur *Status
	for i := range history {
		h := &history[i]
		if cur == nil || h.On.After(cur.On) || (h.On.Equal(cur.On) && h.ID > cur.ID) {
			cur = h
		}
	}
	if cur == nil {
		return StatusActive
	}
	return cur.Kind
}
