package report

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Source is where a task's money comes from.
type Source string

const (
	SourceState Source = "state" // ngân sách trung ương
	SourceLocal Source = "local" // ngân sách địa phương
	SourceOther Source = "other" // nguồn khác
)

// Sources lists the budget sources in the order forms offer them.
func Sources() []Source { return []Source{SourceState, SourceLocal, SourceOther} }

// Limits of a report's texts, in characters.
const (
	MaxTextLen = 20000 // narrative, difficulties, proposals
	MaxLineLen = 10000 // what was done and the figures, per task
	// MaxAmount bounds an amount in đồng: a thousand trillion, far above
	// any provincial budget and far below int64's limit, so sums of many
	// tasks never overflow.
	MaxAmount int64 = 1_000_000_000_000_000
)

// Line is an agency's report on one of its tasks.
type Line struct {
	TaskID      int64  `json:"task_id"`
	TaskCode    string `json:"task_code"`    // read only, for display
	TaskContent string `json:"task_content"` // read only, for display
	Status      string `json:"status"`       // a recordable plan.Status, or "" when not said
	Done        string `json:"done"`         // what was done
	Figures     string `json:"figures"`
	FileID      *int64 `json:"file_id"` // evidence, in the files table
	// Budget of the task in the report's year, in đồng.
	Estimated int64  `json:"budget_estimated"`
	Allocated int64  `json:"budget_allocated"`
	Spent     int64  `json:"budget_spent"`
	Source    Source `json:"budget_source"` // "" when no money is involved
}

// Submission is an agency's report for one period of a schedule.
type Submission struct {
	ID           int64      `json:"id"`
	ScheduleID   int64      `json:"schedule_id"`
	PlanID       int64      `json:"plan_id"`
	Period       string     `json:"period"`
	AgencyID     int64      `json:"agency_id"`
	AgencyName   string     `json:"agency_name"`
	State        State      `json:"state"`
	Narrative    string     `json:"narrative"`
	Difficulties string     `json:"difficulties"`
	Proposals    string     `json:"proposals"`
	DueOn        time.Time  `json:"due_on"`
	FirstSentAt  *time.Time `json:"first_sent_at"`
	SentAt       *time.Time `json:"sent_at"`
	Late         bool       `json:"late"` // the last sending came after the due day
	Lines        []Line     `json:"lines"`
	Events       []Event    `json:"events"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Event is one step of a report's history: who did what, when, and why.
type Event struct {
	Action   Action    `json:"action"`
	From     State     `json:"from"`
	To       State     `json:"to"`
	Comment  string    `json:"comment"`
	Late     bool      `json:"late"`
	UserID   *int64    `json:"user_id"`
	UserName string    `json:"user_name"`
	At       time.Time `json:"at"`
}

// Normalize passes the texts through the input boundary; refused text is
// left as sent for Validate to name.
func (s *Submission) Normalize() {
	text := func(p *string) {
		if v, err := vntext.Text(*p); err == nil {
			*p = v
		}
	}
	text(&s.Narrative)
	text(&s.Difficulties)
	text(&s.Proposals)
	for i := range s.Lines {
		text(&s.Lines[i].Done)
		text(&s.Lines[i].Figures)
	}
}

// Validate names every wrong field; a task line's fields are named
// "lines.N.field", N counting from 1. validStatus says which task
// statuses may be reported (plan's, which this package cannot import).
func (s *Submission) Validate(validStatus func(string) bool) error {
	fe := apperr.FieldErrors{}
	for name, v := range map[string]string{"narrative": s.Narrative, "difficulties": s.Difficulties, "proposals": s.Proposals} {
		if vntext.Check(v) != nil {
			fe.Add(name, "error.field.forbidden_chars")
		} else if utf8.RuneCountInString(v) > MaxTextLen {
			fe.Add(name, "error.field.report_text_too_long")
		}
	}
	for i, l := range s.Lines {
		f := func(name string) string { return fmt.Sprintf("lines.%d.%s", i+1, name) }
		if l.Status != "" && !validStatus(l.Status) {
			fe.Add(f("status"), "error.field.status")
		}
		for name, v := range map[string]string{"done": l.Done, "figures": l.Figures} {
			if vntext.Check(v) != nil {
				fe.Add(f(name), "error.field.forbidden_chars")
			} else if utf8.RuneCountInString(v) > MaxLineLen {
				fe.Add(f(name), "error.field.report_line_too_long")
			}
		}
		for name, v := range map[string]int64{"budget_estimated": l.Estimated, "budget_allocated": l.Allocated, "budget_spent": l.Spent} {
			if v < 0 || v > MaxAmount {
				fe.Add(f(name), "error.field.budget_amount")
			}
		}
		if l.Source != "" && !slices.Contains(Sources(), l.Source) {
			fe.Add(f("budget_source"), "error.field.budget_source")
		}
	}
	return fe.Err()
}
