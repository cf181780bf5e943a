package target

import "github.com/hoptac/hoptac/internal/indicator"

// Rebase turns a nested target's share into a share of its parent's
// population. "Trên 50% cán bộ quản lý … được đào tạo, trong đó 70% có
// trình độ cao đẳng trở lên": the 70 % counts among the managers trained,
// not among all managers, so the child's value for a year is the child's
// numerator over the parent's numerator (× 100). Years are matched; a
// year where either has no value, or the parent's numerator is zero, has
// no value.
func Rebase(child, parent []indicator.Value) []indicator.Value {
	byYear := map[int]indicator.Value{}
	for _, p := range parent {
		byYear[p.Year] = p
	}
	out := make([]indicator.Value, len(child))
	for i, c := range child {
		v := c
		v.Value = nil
		p, ok := byYear[c.Year]
		if ok && c.Value != nil && p.Value != nil && p.Numerator > 0 {
			x := c.Numerator / p.Numerator * 100
			v.Value, v.Denominator = &x, p.Numerator
		}
		out[i] = v
	}
	return out
}

// Nested reports whether a child linked to childInd under a parent
// linked to parentInd is evaluated on the parent's population: both must
// be shares of a counted population.
func Nested(childInd, parentInd string) bool { return IsShare(childInd) && IsShare(parentInd) }
