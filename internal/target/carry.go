package target

import (
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Key is what identifies a target from one import of a document to the
// next: its text and its parent's, folded (case, diacritics, spacing).
// The import keeps a target's text as the document words it; the parent
// tells "trong đó 70% …" under one target from the same words under
// another.
type Key struct{ Text, Parent string }

// Keys returns each target's key. A target names its parent by index
// (Parent, as an import reads it) or by ID (ParentID, as stored).
func Keys(ts []plan.Target) []Key {
	byID := make(map[int64]string, len(ts))
	for _, t := range ts {
		if t.ID != 0 {
			byID[t.ID] = t.Text
		}
	}
	out := make([]Key, len(ts))
	for i, t := range ts {
		k := Key{Text: vntext.Fold(t.Text)}
		switch {
		case t.Parent != nil && *t.Parent >= 0 && *t.Parent < len(ts):
			k.Parent = vntext.Fold(ts[*t.Parent].Text)
		case t.ParentID != nil:
			k.Parent = vntext.Fold(byID[*t.ParentID])
		}
		out[i] = k
	}
	return out
}

// Carried is what a re-import does to the links of the plan it replaces.
// Kept holds each link moved to the new import's target (by index in the
// new targets, TargetID still the old target's); Lost the old targets
// whose links have no target left to go to.
type Carried struct {
	Kept map[int]Link
	Lost []plan.Target
}

// Carry matches the linked targets of the previous import (old, with
// their links by target ID) to the new import's targets by Key. Targets
// with the same key are matched in order, so a document that repeats a
// target's words keeps both links.
func Carry(old []plan.Target, links map[int64]Link, next []plan.Target) Carried {
	c := Carried{Kept: map[int]Link{}}
	free := map[Key][]int{}
	for i, k := range Keys(next) {
		free[k] = append(free[k], i)
	}
	for i, k := range Keys(old) {
		l, ok := links[old[i].ID]
		if !ok {
			continue
		}
		if idx := free[k]; len(idx) > 0 {
			c.Kept[idx[0]] = l
			free[k] = idx[1:]
			continue
		}
		c.Lost = append(c.Lost, old[i])
	}
	return c
}
