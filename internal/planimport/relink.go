package planimport

import (
	"context"
	"slices"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// Relink is what storing a document again does to the target links of
// the plan stored from it before: a coordinator who linked seed 004's
// targets and then re-imports a corrected file keeps every link whose
// target is still in the document (same words, same parent; see
// target.Key), and is told which targets lost theirs.
type Relink struct {
	From int64    // the plan the links come from: the newest stored from the same document
	Kept []string // the texts of the targets that keep their links
	Lost []string // the texts of the linked targets the new import no longer has
}

// Any reports whether the previous plan had any link to carry.
func (r Relink) Any() bool { return len(r.Kept)+len(r.Lost) > 0 }

// PreviewRelink says, for the review screen, which links storing res
// would carry from the newest of dups, the plans already stored from the
// same document.
func PreviewRelink(ctx context.Context, db *store.DB, res *Result, dups []int64) (Relink, error) {
	if len(dups) == 0 {
		return Relink{}, nil
	}
	from := slices.Max(dups)
	old, links, err := db.PlanTargetLinks(ctx, from)
	if err != nil {
		return Relink{}, err
	}
	next := make([]plan.Target, len(res.Targets))
	for i, t := range res.Targets {
		next[i] = plan.Target{Text: t.Text, Parent: t.Parent}
	}
	return relinkOf(from, next, target.Carry(old, links, next)), nil
}

// CarryLinksTx copies the links of the newest of dups to the matching
// targets of the plan just saved, in the transaction that saved it, each
// audited as a link saved (store.Tx.SaveTargetLink). The previous plan
// keeps its own links.
func CarryLinksTx(ctx context.Context, tx *store.Tx, dups []int64, saved *Saved) (Relink, error) {
	if len(dups) == 0 {
		return Relink{}, nil
	}
	from := slices.Max(dups)
	old, links, err := tx.PlanTargetLinks(ctx, from)
	if err != nil {
		return Relink{}, err
	}
	next := saved.Plan.Targets
	c := target.Carry(old, links, next)
	for i, l := range c.Kept {
		l.TargetID = next[i].ID
		if err := tx.SaveTargetLink(ctx, saved.Plan.ID, &l); err != nil {
			return Relink{}, err
		}
	}
	return relinkOf(from, next, c), nil
}

func relinkOf(from int64, next []plan.Target, c target.Carried) Relink {
	r := Relink{From: from}
	for i := range next {
		if _, ok := c.Kept[i]; ok {
			r.Kept = append(r.Kept, next[i].Text)
		}
	}
	for _, t := range c.Lost {
		r.Lost = append(r.Lost, t.Text)
	}
	return r
}
