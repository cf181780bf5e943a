package plan

import (
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Limits of a progress entry's fields, in characters. The web form, the
// JSON API and every other writer meet them here, in Validate; the i18n
// messages that name them quote the same numbers.
const (
	// MaxNoteLen fits a long quarterly report and keeps one entry from
	// filling a task page.
	MaxNoteLen = 10000
	// MaxURLLen is the length browsers and servers commonly accept.
	MaxURLLen = 2048
)

// Progress is one report of progress on a task.
type Progress struct {
	ID          int64     `json:"id"`
	TaskID      int64     `json:"task_id"`
	Status      Status    `json:"status"`
	Percent     *int      `json:"percent"`
	Note        string    `json:"note"`
	EvidenceURL string    `json:"evidence_url"`
	FileID      *int64    `json:"file_id"`
	FileName    string    `json:"file_name"`
	UserID      *int64    `json:"user_id"`
	UserName    string    `json:"user_name"`
	CreatedAt   time.Time `json:"created_at"`
}

// Normalize passes the text fields through the input boundary (NFC, line
// breaks unified, trimmed). A field holding a control, bidirectional or
// noncharacter rune is left as sent, for Validate to refuse by name: an
// entry is typed or sent by a person, who is told rather than silently
// corrected. A done or not-started entry without a percent gets the one
// its status implies.
func (p *Progress) Normalize() {
	if v, err := vntext.Text(p.Note); err == nil {
		p.Note = v
	}
	if v, err := vntext.Line(p.EvidenceURL); err == nil {
		p.EvidenceURL = v
	}
	if p.Percent == nil {
		switch p.Status {
		case StatusDone:
			p.Percent = intPtr(100)
		case StatusNotStarted:
			p.Percent = intPtr(0)
		}
	}
}

func intPtr(n int) *int { return &n }

// Validate checks a progress entry, reporting every wrong field at once.
// Its text must pass the input boundary and its limits. An entry must say
// something: a status change to done, a percentage, a narrative or
// evidence. Its percent must agree with its status: done is 100%, not
// started is 0%.
func (p *Progress) Validate() error {
	fe := apperr.FieldErrors{}
	if !p.Status.Recordable() {
		fe.Add("status", "error.field.status")
	}
	if p.Percent != nil {
		switch {
		case *p.Percent < 0 || *p.Percent > 100:
			fe.Add("percent", "error.field.percent")
		case p.Status == StatusDone && *p.Percent != 100:
			fe.Add("percent", "error.field.percent_done")
		case p.Status == StatusNotStarted && *p.Percent != 0:
			fe.Add("percent", "error.field.percent_not_started")
		}
	}
	if vntext.Check(p.Note) != nil {
		fe.Add("note", "error.field.forbidden_chars")
	}
	if vntext.Check(p.EvidenceURL) != nil {
		fe.Add("evidence_url", "error.field.forbidden_chars")
	}
	if utf8.RuneCountInString(p.Note) > MaxNoteLen {
		fe.Add("note", "error.field.note_too_long")
	}
	if p.EvidenceURL != "" {
		if utf8.RuneCountInString(p.EvidenceURL) > MaxURLLen {
			fe.Add("evidence_url", "error.field.url_too_long")
		} else if u, err := url.Parse(p.EvidenceURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fe.Add("evidence_url", "error.field.url")
		}
	}
	if p.Percent == nil && p.Note == "" && p.EvidenceURL == "" && p.FileID == nil && p.FileName == "" {
		fe.Add("note", "error.field.progress_empty")
	}
	return fe.Err()
}
