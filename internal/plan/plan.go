// Package plan is the action-plan domain: an issued plan, its task groups
// (I, II, …), its tasks with lead and supporting agencies and timeframes, and
// the progress agencies record on them.
package plan

import (
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Plan is an issued plan (kế hoạch) and the structure hoptac tracks.
type Plan struct {
	ID        int64      `json:"id"`
	Number    string     `json:"number"` // "187/KH-UBND"
	Type      string     `json:"type"`   // "KH", "QĐ", "CTr"
	Title     string     `json:"title"`
	Issuer    string     `json:"issuer"`
	IssuedOn  *time.Time `json:"issued_on"`
	Signer    string     `json:"signer"`
	Summary   string     `json:"summary"`
	TaskCount int        `json:"task_count"`
	Groups    []Group    `json:"groups,omitempty"`
	CreatedAt time.Time  `json:"created_at"`

	// What an imported document adds; empty for a plan typed in by hand.
	Place       string   `json:"place"`
	Field       string   `json:"field"`
	SignerTitle string   `json:"signer_title"`
	Coordinator string   `json:"coordinator"`
	Implements  []DocRef `json:"implements,omitempty"`
	Targets     []Target `json:"targets,omitempty"`
	Reporting   []Duty   `json:"reporting,omitempty"`
}

// Normalize cleans the plan's text fields.
func (p *Plan) Normalize() {
	p.Number = vntext.Clean(p.Number)
	p.Type = vntext.Clean(p.Type)
	p.Title = vntext.Clean(p.Title)
	p.Issuer = vntext.Clean(p.Issuer)
	p.Signer = vntext.Clean(p.Signer)
	p.Summary = strings.TrimSpace(vntext.Normalize(p.Summary))
	p.Place, p.Field = vntext.Clean(p.Place), vntext.Clean(p.Field)
	p.SignerTitle, p.Coordinator = vntext.Clean(p.SignerTitle), vntext.Clean(p.Coordinator)
	p.normalizeParts()
}

// Validate checks a plan before it is stored.
func (p *Plan) Validate() error {
	fe := apperr.FieldErrors{}
	if p.Title == "" {
		fe.Add("title", "error.field.required")
	}
	p.validateParts(fe)
	return fe.Err()
}

// Group is a task group, the Roman-numbered rows of a plan's task table.
type Group struct {
	ID      int64  `json:"id"`
	PlanID  int64  `json:"plan_id"`
	Code    string `json:"code"` // "I", "II", …
	Ordinal int    `json:"ordinal"`
	Title   string `json:"title"`
	Tasks   []Task `json:"tasks"`
}

// AgencyRef names an agency on a task.
type AgencyRef struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Collective bool   `json:"collective"`
	// Successor is the agency responsible on the day the task was read
	// when this one's duties had passed to another by then (Sở Kế hoạch và
	// Đầu tư → Sở Tài chính from 01/03/2025); nil otherwise, and nil before
	// the succession date. Task.Compute sets it from Handovers.
	Successor *AgencyRef `json:"successor"`
	// Handovers is the agency's succession chain in order, each step with
	// its date. It is read once and kept with the task's row; the day
	// decides which step answers, so a kept row serves every day.
	Handovers []Handover `json:"-"`
}

// Handover is one step of a succession: the agency the duties passed to,
// from Since on.
type Handover struct {
	To    AgencyRef
	Since time.Time // zero when the database holds no date: the step is not followed
}

// ResponsibleOn returns the agency answering for r's duties on day, with
// ok false while r itself still answers: the last step of the chain whose
// date is on or before day, as org.Directory.ResponsibleOn walks it.
func (r AgencyRef) ResponsibleOn(day time.Time) (to AgencyRef, ok bool) {
	for _, h := range r.Handovers {
		if h.Since.IsZero() || day.Before(h.Since) {
			break
		}
		to, ok = h.To, true
	}
	return to, ok
}

// responsibleOn returns refs with each Successor set for day. The slice
// is a copy whenever one changes: a task's row is shared by every page
// that shows it, on whatever day.
func responsibleOn(refs []AgencyRef, day time.Time) []AgencyRef {
	var out []AgencyRef
	for i, r := range refs {
		if len(r.Handovers) == 0 {
			continue // no chain read: a Successor set by hand stays
		}
		if out == nil {
			out = slices.Clone(refs)
		}
		out[i].Successor = nil
		if to, ok := r.ResponsibleOn(day); ok {
			out[i].Successor = &to
		}
	}
	if out == nil {
		return refs
	}
	return out
}

// Task is one row of the task table.
type Task struct {
	ID        int64       `json:"id"`
	PlanID    int64       `json:"plan_id"`
	GroupID   int64       `json:"group_id"`
	GroupCode string      `json:"group_code"`
	Code      string      `json:"code"` // "II.8"; "V" for a task without a number
	Ordinal   int         `json:"ordinal"`
	Content   string      `json:"content"`
	Lead      []AgencyRef `json:"lead"`
	Support   []AgencyRef `json:"support"`
	Timeframe Timeframe   `json:"timeframe"`
	// Extra holds the table's other columns ("Sản phẩm", "Ghi chú").
	Extra map[string]string `json:"extra,omitempty"`
	// Recorded is the latest status an agency recorded; Status adds what the
	// calendar says (overdue, done late) as of the day the task was read.
	Recorded Status     `json:"recorded_status"`
	Status   Status     `json:"status"`
	Percent  *int       `json:"percent"`
	DoneOn   *time.Time `json:"done_on"`
	DueSoon  bool       `json:"due_soon"`
	Progress []Progress `json:"progress,omitempty"`
	// ProgressTotal counts the whole history when Progress holds one page.
	ProgressTotal int `json:"-"`
	// Rev moves with every change to the task (progress, edits); an edit
	// names the revision it was made on, so a lost update is refused.
	Rev int64 `json:"rev"`
	// Dropped is set once the task is dropped; it stays in its plan.
	Dropped *Drop `json:"dropped"`
}

// LeadIDs returns the IDs of the lead agencies and of their successors:
// the agency that took over a duty reports on it.
func (t *Task) LeadIDs() []int64 { return refIDs(t.Lead) }

// SupportIDs is LeadIDs for the supporting agencies.
func (t *Task) SupportIDs() []int64 { return refIDs(t.Support) }

// AgencyIDsOn returns the IDs of refs and of the agency answering for
// each on day, as LeadIDs gives them for a task computed on that day: the
// one rule by which the task page offers "record progress" and the store
// accepts the write. refs carry their Handovers; a successor whose date
// has not come does not answer yet, and an agency passed over later in the
// chain no longer does.
func AgencyIDsOn(refs []AgencyRef, day time.Time) []int64 {
	return refIDs(responsibleOn(refs, day))
}

func refIDs(refs []AgencyRef) []int64 {
	ids := make([]int64, 0, len(refs))
	for _, r := range refs {
		ids = append(ids, r.ID)
		if r.Successor != nil {
			ids = append(ids, r.Successor.ID)
		}
	}
	return ids
}

// Compute fills Status and DueSoon from the recorded status and today, and
// each agency's Successor as the succession dates stand on today. A
// dropped task is no longer owed, so it is neither overdue nor due soon: it
// keeps the last status recorded on it (TaskStatus).
func (t *Task) Compute(today time.Time) {
	if t.Recorded == "" {
		t.Recorded = StatusNotStarted
	}
	t.Lead, t.Support = responsibleOn(t.Lead, today), responsibleOn(t.Support, today)
	t.Status = TaskStatus(t.Recorded, t.DoneOn, t.Timeframe, t.Dropped != nil, today)
	t.DueSoon = t.Dropped == nil && DueSoon(t.Recorded, t.Timeframe, today, DueSoonDays)
}

// Vietnam keeps one time zone and no daylight saving, so a fixed zone
// avoids depending on the host's tz database.
var vietnam = time.FixedZone("ICT", 7*60*60)

// Today returns the civil date in Vietnam at instant now, as UTC midnight:
// the form every due date is stored in.
func Today(now time.Time) time.Time {
	y, m, d := now.In(vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DueSoonDays is how far ahead "due soon" looks.
const DueSoonDays = 30

// TaskFilter selects tasks in lists.
type TaskFilter struct {
	PlanID int64
	// AgencyID selects the tasks an agency leads or supports, including
	// those of the agencies it succeeded: it is responsible for them today.
	AgencyID int64
	GroupID  int64
	Status   Status
	Query    string // matched against folded content and agency names
	Today    time.Time
	// UrgentFirst puts overdue, then due-soon tasks first ("My agency").
	UrgentFirst bool
	Page        int
	PerPage     int
}
