package plan

import (
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/vntext"
)

// DocRef is a document a plan implements: a resolution, a conclusion, a
// higher plan. Together they give the chain 13-NQ/TW → 70-KL/TW →
// 204-KH/TU → the province's action plan.
type DocRef struct {
	Number   string     `json:"number"` // "70-KL/TW"
	Type     string     `json:"type"`   // "KL"
	Issuer   string     `json:"issuer"`
	IssuedOn *time.Time `json:"issued_on"`
}

// Comparators of a target.
const (
	CmpGreater   = ">"
	CmpAtLeast   = ">="
	CmpEqual     = "="
	CmpAtMost    = "<="
	CmpLess      = "<"
	CmpBetween   = "between"
	maxTargetLen = 2000
)

// Target is a measurable goal of a plan, as written and as numbers:
// "Trên 50% cán bộ quản lý HTX được đào tạo" is > 50 %.
type Target struct {
	ID         int64      `json:"id"`
	Text       string     `json:"text"`
	Measure    string     `json:"measure"`
	Comparator string     `json:"comparator"`
	Value      *float64   `json:"value"`
	ValueMax   *float64   `json:"value_max"`
	Unit       string     `json:"unit"`
	Due        *time.Time `json:"due"`
	// Parent is the index, among the plan's targets, of the target this
	// one details ("trong đó 70% …"); ParentID is the stored form.
	Parent   *int   `json:"-"`
	ParentID *int64 `json:"parent_id"`
}

// Duty is a reporting duty: who reports what, how often, by when, to whom.
type Duty struct {
	ID        int64  `json:"id"`
	Frequency string `json:"frequency"` // one of report.Frequencies: "yearly" … "ad_hoc"
	Due       string `json:"due"`       // "12-30": month and day, or "" when the text gives none
	Recipient string `json:"recipient"`
	Via       string `json:"via"`
}

// normalizeParts cleans what an import brings besides groups and tasks.
func (p *Plan) normalizeParts() {
	for i := range p.Implements {
		d := &p.Implements[i]
		d.Number, d.Type, d.Issuer = vntext.Clean(d.Number), vntext.Clean(d.Type), vntext.Clean(d.Issuer)
	}
	for i := range p.Targets {
		t := &p.Targets[i]
		t.Text, t.Measure, t.Unit = vntext.Clean(t.Text), vntext.Clean(t.Measure), vntext.Clean(t.Unit)
	}
	for i := range p.Reporting {
		d := &p.Reporting[i]
		d.Recipient, d.Via = vntext.Clean(d.Recipient), vntext.Clean(d.Via)
	}
}

// validateParts checks the targets and reporting duties an import brings.
func (p *Plan) validateParts(fe apperr.FieldErrors) {
	for i := range p.Targets {
		t := &p.Targets[i]
		switch t.Comparator {
		case "", CmpGreater, CmpAtLeast, CmpEqual, CmpAtMost, CmpLess, CmpBetween:
		default:
			fe.Add("targets", "error.field.comparator")
		}
		if t.Text == "" || len([]rune(t.Text)) > maxTargetLen {
			fe.Add("targets", "error.field.target_text")
		}
		if t.Parent != nil && (*t.Parent < 0 || *t.Parent >= i) {
			fe.Add("targets", "error.field.target_parent")
		}
	}
	for _, d := range p.Reporting {
		if !report.Frequency(d.Frequency).Valid() {
			fe.Add("reporting", "error.field.frequency")
		}
	}
}
