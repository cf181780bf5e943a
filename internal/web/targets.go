package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/target"
)

// The targets of a plan (/plans/{id}/targets): each measurable target with
// the indicator it is checked against, its status and the figures behind
// it, and for the coordinator a form per target to link it. A target not
// linked yet has its form pre-filled from what the import read and the
// indicator its text names; nothing is stored until the coordinator
// saves.

// TargetPages serves the targets page. It reads figures through src, so
// the server decides which indicator computation the page shows.
type TargetPages struct {
	h   *Handler
	src indicator.Source
}

// NewTargetPages returns the targets page on h's templates and store,
// reading indicator values from src.
func NewTargetPages(h *Handler, src indicator.Source) *TargetPages {
	// The plan dashboard shows the targets' statuses from the same figures.
	h.indicators = src
	return &TargetPages{h: h, src: src}
}

type targetsPage struct {
	Plan        plan.Plan
	Rows        []targetRow
	CanEdit     bool
	Editing     int64 // the target whose form the errors belong to
	Indicators  []string
	Comparators []comparatorOption
	Statuses    []target.Status
	Tolerance   string // the rule's tolerance, in percent of the way
}

type targetRow struct {
	target.Row
	Parsed   string // the parsed comparator, value and unit, as read
	Form     targetForm
	Proposed bool // the form shows the import's proposal, not a stored link
	Current  string
	Expected string
	Baseline string
	Progress string
	Years    []yearCell
	// Picker chooses the scope from the unit lists.
	Picker unitPicker
}

type yearCell struct {
	Year               int
	Value              string
	Numerator, Denom   string
	HasValue, Fraction bool
}

// targetForm is a link's form as typed, so a refused form comes back with
// everything that was sent.
type targetForm struct {
	Indicator, Comparator, Value, ValueMax, BaselineYear, BaselineValue, Deadline, Scope string
	// The unit picker's choice as sent, shown again on a refused form.
	ScopeProvince, ScopeCommune string
}

// Targets shows a plan's targets with their status.
func (p *TargetPages) Targets(w http.ResponseWriter, r *http.Request) {
	_, planID, err := allowedOnPlan(r, auth.CanReadTargets)
	if err != nil {
		p.h.Error(w, r, err)
		return
	}
	p.render(w, r, planID, 0, nil, nil, http.StatusOK)
}

// render shows the page; sent refills target editing's form after a
// refused save.
func (p *TargetPages) render(w http.ResponseWriter, r *http.Request, planID, editing int64, sent *targetForm, formErr error, status int) {
	ctx := r.Context()
	pl, err := p.h.store.Plan(ctx, planID)
	if err != nil {
		p.h.Error(w, r, err)
		return
	}
	links, err := p.h.store.TargetLinks(ctx, planID)
	if err != nil {
		p.h.Error(w, r, err)
		return
	}
	evaluated, err := target.EvaluatePlan(ctx, p.src, pl, links, plan.Today(p.h.now()))
	if err != nil {
		p.h.Error(w, r, apperr.Wrap(apperr.Internal, "targets.error.figures", err))
		return
	}
	data := &targetsPage{Plan: pl, CanEdit: auth.CanLinkTargets(auth.UserFrom(ctx)), Editing: editing,
		Indicators: target.Indicators(), Comparators: comparatorOptions(), Statuses: target.Statuses(),
		Tolerance: shownNumber(target.Tolerance * 100)}
	for _, row := range evaluated {
		tr := newTargetRow(row)
		if sent != nil && row.Target.ID == editing {
			tr.Form = *sent
		}
		if data.CanEdit {
			if tr.Picker, err = p.scopePicker(r, tr.Form); err != nil {
				p.h.Error(w, r, err)
				return
			}
		}
		data.Rows = append(data.Rows, tr)
	}
	v := p.h.view(r, "targets.title", data)
	if formErr != nil {
		v.Errors = formErrors(v.L, formErr)
	}
	p.h.render(w, r, status, "targets", v)
}

func newTargetRow(row target.Row) targetRow {
	tr := targetRow{Row: row, Parsed: parsedTarget(row.Target)}
	if l := row.Link; l != nil {
		tr.Form = targetForm{Indicator: l.Indicator, Comparator: l.Comparator, Value: formNumber(&l.Value),
			ValueMax: formNumber(l.ValueMax), BaselineYear: strconv.Itoa(l.BaselineYear),
			BaselineValue: formNumber(l.BaselineValue), Deadline: l.Deadline.Format("2006-01-02"), Scope: l.Scope}
	} else {
		pr := row.Proposal
		tr.Proposed = true
		tr.Form = targetForm{Indicator: pr.Indicator, Comparator: pr.Comparator, Value: formNumber(pr.Value),
			ValueMax: formNumber(pr.ValueMax)}
		if pr.BaselineYear != 0 {
			tr.Form.BaselineYear = strconv.Itoa(pr.BaselineYear)
		}
		if pr.Deadline != nil {
			tr.Form.Deadline = pr.Deadline.Format("2006-01-02")
		}
	}
	if res := row.Result; res != nil {
		tr.Current, tr.Expected, tr.Baseline = shown(res.Current), shown(res.Expected), shown(res.Baseline)
		if res.Progress != nil {
			tr.Progress = shownNumber(*res.Progress * 100)
		}
	}
	for _, v := range row.Series {
		c := yearCell{Year: v.Year, Value: shown(v.Value), HasValue: v.Value != nil, Fraction: v.Denominator != 0}
		c.Numerator, c.Denom = shownNumber(v.Numerator), shownNumber(v.Denominator)
		tr.Years = append(tr.Years, c)
	}
	return tr
}

// parsedTarget writes what the import read: "> 50 %", "1 – 1,2 %".
func parsedTarget(t plan.Target) string {
	if t.Value == nil {
		return ""
	}
	s := shownNumber(*t.Value)
	if t.Comparator == target.Between && t.ValueMax != nil {
		s += " – " + shownNumber(*t.ValueMax)
	} else if t.Comparator != "" {
		s = t.Comparator + " " + s
	}
	return strings.TrimSpace(s + " " + t.Unit)
}

// shown writes a figure the Vietnamese way, to two decimals at most.
func shown(f *float64) string {
	if f == nil {
		return ""
	}
	return shownNumber(*f)
}

func shownNumber(f float64) string {
	return planimport.FormatNumber(math.Round(f*100) / 100)
}

// formNumber writes a stored figure back as the form reads it, exactly.
func formNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return planimport.FormatNumber(*f)
}

// comparatorOption is a comparator with the key of its label: the
// symbols themselves make poor translation keys.
type comparatorOption struct{ Value, Key string }

var comparatorKeys = map[string]string{target.Above: "above", target.AtLeast: "at_least", target.Equal: "equal",
	target.AtMost: "at_most", target.Below: "below", target.Between: "between"}

func comparatorOptions() []comparatorOption {
	var out []comparatorOption
	for _, c := range target.Comparators() {
		out = append(out, comparatorOption{c, "targets.comparator." + comparatorKeys[c]})
	}
	return out
}
