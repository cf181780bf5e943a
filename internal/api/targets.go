package api

import (
	"context"
	"net/http"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/target"
)

// TargetStore is what the targets endpoint reads from storage.
type TargetStore interface {
	Plan(ctx context.Context, id int64) (plan.Plan, error)
	TargetLinks(ctx context.Context, planID int64) (map[int64]target.Link, error)
}

// Targets serves GET /api/v1/targets?plan=: a plan's targets with their
// link, status and every input of the status rule. Values are read
// through src, which the server chooses.
type Targets struct {
	h     *Handler
	store TargetStore
	src   indicator.Source
}

// NewTargets returns the targets endpoint on h's errors and clock.
func NewTargets(h *Handler, s TargetStore, src indicator.Source) *Targets {
	return &Targets{h: h, store: s, src: src}
}

// targetItem is one target in the answer (openapi.json: Target).
type targetItem struct {
	ID       int64          `json:"id"`
	ParentID *int64         `json:"parent_id"`
	Text     string         `json:"text"`
	Parsed   parsedTarget   `json:"parsed"`
	Link     *target.Link   `json:"link"`
	Proposal *proposalItem  `json:"proposal"`
	Status   *target.Status `json:"status"`
	Current  *float64       `json:"current"`
	Year     *int           `json:"current_year"`
	Rule     *ruleInputs    `json:"rule"`
	Nested   bool           `json:"nested"`
	Series   []seriesPoint  `json:"series"`
}

type parsedTarget struct {
	Comparator string     `json:"comparator"`
	Value      *float64   `json:"value"`
	ValueMax   *float64   `json:"value_max"`
	Unit       string     `json:"unit"`
	Due        *time.Time `json:"due"`
}

// proposalItem is what the import proposes for a target not linked yet;
// nothing of it is stored.
type proposalItem struct {
	Indicator    string     `json:"indicator"`
	Comparator   string     `json:"comparator"`
	Value        *float64   `json:"value"`
	ValueMax     *float64   `json:"value_max"`
	BaselineYear *int       `json:"baseline_year"`
	Deadline     *time.Time `json:"deadline"`
}

// ruleInputs are the status rule's inputs (package target, Evaluate).
type ruleInputs struct {
	Date         string   `json:"date"`
	Baseline     *float64 `json:"baseline"`
	Aim          float64  `json:"aim"`
	Elapsed      float64  `json:"elapsed"`
	Expected     *float64 `json:"expected"`
	Progress     *float64 `json:"progress"`
	Tolerance    float64  `json:"tolerance"`
	PastDeadline bool     `json:"past_deadline"`
}

type seriesPoint struct {
	Year        int      `json:"year"`
	Value       *float64 `json:"value"`
	Numerator   float64  `json:"numerator"`
	Denominator float64  `json:"denominator"`
	Source      string   `json:"source,omitempty"`
}

// List answers a plan's targets with their status today.
func (t *Targets) List(w http.ResponseWriter, r *http.Request) {
	// Every account reads targets (auth.CanReadTargets): logging in is
	// the whole check.
	_, err := requireUser(r)
	var planID int64
	if err == nil {
		planID, err = int64Param(r, "plan")
		if err == nil && planID == 0 {
			err = apperr.New(apperr.Invalid, "error.param.plan")
		}
	}
	ctx := r.Context()
	var p plan.Plan
	var links map[int64]target.Link
	if err == nil {
		p, err = t.store.Plan(ctx, planID)
	}
	if err == nil {
		links, err = t.store.TargetLinks(ctx, planID)
	}
	today := plan.Today(t.h.now())
	var rows []target.Row
	if err == nil {
		rows, err = target.EvaluatePlan(ctx, t.src, p, links, today)
	}
	if err != nil {
		t.h.Error(w, r, err)
		return
	}
	items := make([]targetItem, 0, len(rows))
	for _, row := range rows {
		items = append(items, newTargetItem(row, today))
	}
	writeList(w, items, len(items))
}

func newTargetItem(row target.Row, today time.Time) targetItem {
	tg := row.Target
	it := targetItem{ID: tg.ID, ParentID: tg.ParentID, Text: tg.Text, Link: row.Link, Nested: row.Nested,
		Parsed: parsedTarget{tg.Comparator, tg.Value, tg.ValueMax, tg.Unit, tg.Due}, Series: []seriesPoint{}}
	if row.Link == nil {
		pr := row.Proposal
		it.Proposal = &proposalItem{Indicator: pr.Indicator, Comparator: pr.Comparator, Value: pr.Value,
			ValueMax: pr.ValueMax, Deadline: pr.Deadline}
		if pr.BaselineYear != 0 {
			it.Proposal.BaselineYear = &pr.BaselineYear
		}
		return it
	}
	res := row.Result
	it.Status, it.Current = &res.Status, res.Current
	if res.Current != nil {
		it.Year = &res.CurrentYear
	}
	it.Rule = &ruleInputs{Date: today.Format("2006-01-02"), Baseline: res.Baseline, Aim: res.Aim, Elapsed: res.Elapsed,
		Expected: res.Expected, Progress: res.Progress, Tolerance: target.Tolerance, PastDeadline: res.PastDeadline}
	for _, v := range row.Series {
		it.Series = append(it.Series, seriesPoint{v.Year, v.Value, v.Numerator, v.Denominator, v.Source})
	}
	return it
}
